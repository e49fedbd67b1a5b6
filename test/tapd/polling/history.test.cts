import { changesBetween, historyEntry } from '../../../nodes/Tapd/polling/history';
import { isCreation, versionChange } from '../../../nodes/Tapd/polling/items';
import { OBJECT_APIS, tapdInstant, tapdTime } from '../../../nodes/Tapd/polling/objects';

const at = (time: string) => tapdInstant(time);

describe('TAPD times', () => {
	it('are China Standard Time with whole seconds, both ways', () => {
		expect(new Date(at('2026-01-06 08:00:01')).toISOString()).toBe('2026-01-06T00:00:01.000Z');
		expect(tapdTime(Date.parse('2026-01-06T00:00:01.999Z'))).toBe('2026-01-06 08:00:01');
		expect(at('yesterday')).toBeNaN();
	});
});

describe('TAPD change histories', () => {
	it('reads a bug record per field and a story or task record per save', () => {
		expect(
			historyEntry({ bug_id: '11', field: 'status', old_value: 'new', new_value: 'resolved', author: 'anyechen', created: '2026-01-06 08:00:00' }, OBJECT_APIS.bug),
		).toEqual({ itemId: '11', instant: at('2026-01-06 08:00:00'), author: 'anyechen', fields: [{ field: 'status', old: 'new', new: 'resolved' }] });
		expect(
			historyEntry(
				{ workitem_id: '12', creator: 'anyechen', created: '2026-01-06 08:00:00', changes: '[{"field":"effort","value_before":"0","value_after":"10"}]' },
				OBJECT_APIS.task,
			),
		).toEqual({ itemId: '12', instant: at('2026-01-06 08:00:00'), author: 'anyechen', fields: [{ field: 'effort', old: '0', new: '10' }] });
		// A `changes` TAPD did not write as JSON, or a record without an item or time, says nothing.
		expect(historyEntry({ story_id: '13', created: '2026-01-06 08:00:00', changes: 'not json' }, OBJECT_APIS.story)?.fields).toEqual([]);
		expect(historyEntry({ created: '2026-01-06 08:00:00', field: 'status' }, OBJECT_APIS.bug)).toBeUndefined();
		expect(historyEntry({ bug_id: '11', field: 'status' }, OBJECT_APIS.bug)).toBeUndefined();
	});

	it("keeps each field's value before the first change and after the last, between two versions", () => {
		const entries = [
			{ itemId: '1', instant: 1000, author: 'a', fields: [{ field: 'status', old: 'new', new: 'open' }] },
			{ itemId: '1', instant: 2000, author: 'b', fields: [{ field: 'status', old: 'open', new: 'resolved' }, { field: 'owner', old: 'x', new: 'y' }] },
			{ itemId: '2', instant: 2000, author: 'c', fields: [{ field: 'status', old: 'new', new: 'closed' }] },
			{ itemId: '1', instant: 3000, author: 'd', fields: [{ field: 'title', old: 'a', new: 'b' }] },
		];
		expect(changesBetween(entries, '1', 0, 2000)).toEqual({
			author: 'b',
			fields: [
				{ field: 'status', old: 'new', new: 'resolved' },
				{ field: 'owner', old: 'x', new: 'y' },
			],
		});
		// What the previous version already showed is not repeated.
		expect(changesBetween(entries, '1', 1000, 2000).fields.map((change) => change.old)).toEqual(['open', 'x']);
		expect(changesBetween(entries, '1', 3000, 4000)).toEqual({ fields: [], author: undefined });
	});
});

describe('TAPD versions', () => {
	const record = { id: '1110158231500000001', workspace_id: '10158231', created: '2026-01-06 08:00:00', modified: '2026-01-06 09:00:00', status: 'resolved', modifier: 'lisi' };

	it('are creations when never changed since, or created after what was read before', () => {
		expect(isCreation({ ...record, modified: record.created }, Infinity)).toBe(true);
		expect(isCreation(record, at('2026-01-06 07:00:00'))).toBe(true);
		expect(isCreation(record, at('2026-01-06 08:30:00'))).toBe(false);
	});

	it('become the delivery the TAPD Trigger would get, status changes included', () => {
		const version = { api: OBJECT_APIS.bug, record, action: 'update' as const, changes: [{ field: 'status', old: 'new', new: 'resolved' }] };
		const change = versionChange(version, '10158231', ['bug::status_change']);
		expect(change?.json).toMatchObject({
			event: 'bug::update',
			object: 'bug',
			action: 'update',
			id: record.id,
			current_user: 'lisi',
			created: '2026-01-06 09:00:00',
			created_iso: '2026-01-06T09:00:00+08:00',
			change_fields: 'status',
			old_status: 'new',
			changes: [{ field: 'status', old: 'new' }],
			Bug: record,
		});
		expect(versionChange({ ...version, changes: [{ field: 'title', old: 'a', new: 'b' }] }, '10158231', ['bug::status_change'])).toBeUndefined();
		// The same version is the same change; another version of the item another one.
		expect(change?.key).toBe(versionChange(version, '10158231', ['bug::update'])?.key);
		expect(change?.key).not.toBe(versionChange({ ...version, record: { ...record, modified: '2026-01-06 09:00:01' } }, '10158231', ['bug::update'])?.key);
	});
});
