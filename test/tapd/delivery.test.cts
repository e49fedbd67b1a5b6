import { changesOf, chinaTimeToIso, deliverySchema, eventSelected, normalizeDelivery } from '../../nodes/Tapd/delivery';
import { eventSet, sameEvents, TAPD_EVENTS } from '../../nodes/Tapd/events';

describe('TAPD delivery normalisation', () => {
	it('turns China time into ISO 8601 with +08:00, and anything else into null', () => {
		expect(chinaTimeToIso('2017-04-14 16:20:52')).toBe('2017-04-14T16:20:52+08:00');
		expect(chinaTimeToIso(' 2017-04-14T16:20:52 ')).toBe('2017-04-14T16:20:52+08:00');
		expect(chinaTimeToIso('14/04/2017')).toBeNull();
		expect(chinaTimeToIso(undefined)).toBeNull();
	});

	it('pairs change_fields with their old_ values, null when TAPD sent none', () => {
		expect(changesOf({ change_fields: 'due, status,', old_status: 'open' })).toEqual([
			{ field: 'due', old: null },
			{ field: 'status', old: 'open' },
		]);
		expect(changesOf({})).toEqual([]);
	});

	it('normalises the seed 003 task update: routing fields first, ids as strings, raw fields kept', () => {
		const delivery = deliverySchema.parse({
			event: 'task::update',
			event_from: 'web',
			workspace_id: 755,
			id: '1000000755500588953',
			old_name: '批量添加_33',
			old_status: 'open',
			change_fields: 'due',
			event_id: 42,
			created: '2017-04-14 16:20:52',
		});
		const item = normalizeDelivery(delivery);
		expect(item).toEqual({
			event: 'task::update',
			object: 'task',
			action: 'update',
			workspace_id: '755',
			id: '1000000755500588953',
			current_user: null,
			event_from: 'web',
			event_id: '42',
			created: '2017-04-14 16:20:52',
			created_iso: '2017-04-14T16:20:52+08:00',
			changes: [{ field: 'due', old: null }],
			old_name: '批量添加_33',
			old_status: 'open',
			change_fields: 'due',
		});
		expect(Object.keys(item).slice(0, 3)).toEqual(['event', 'object', 'action']);
	});

	it('rejects a body without a proper event', () => {
		expect(deliverySchema.safeParse({ id: '1' }).success).toBe(false);
		expect(deliverySchema.safeParse({ event: 'bug create' }).success).toBe(false);
	});

	it('selects events exactly, and status changes also when an update changed the status', () => {
		const update = (fields: string) => deliverySchema.parse({ event: 'bug::update', change_fields: fields });
		expect(eventSelected(update('title'), ['bug::update'])).toBe(true);
		expect(eventSelected(update('title'), ['bug::create'])).toBe(false);
		expect(eventSelected(update('title,status'), ['bug::status_change'])).toBe(true);
		expect(eventSelected(update('title'), ['bug::status_change'])).toBe(false);
		expect(eventSelected(update('status'), ['story::status_change'])).toBe(false);
	});
});

describe('TAPD events', () => {
	it('lists every event of seed 002 and the status changes, each once', () => {
		const values = TAPD_EVENTS.map((event) => event.value);
		expect(new Set(values).size).toBe(values.length);
		expect(values).toHaveLength(32 + 3);
		for (const value of ['launchform::update', 'workitem_time_relation::unbind', 'story::bug_unlink', 'bug::status_change']) {
			expect(values).toContain(value);
		}
	});

	it('compares event lists as sets', () => {
		expect(sameEvents('bug::create, bug::update', ['bug::update', 'bug::create'])).toBe(true);
		expect(sameEvents('bug::create', ['bug::create', 'bug::update'])).toBe(false);
		expect(eventSet(',bug::create,,')).toEqual(new Set(['bug::create']));
	});
});
