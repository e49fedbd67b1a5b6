import { changesOf, chinaTimeToIso, deliveryIdentity, deliverySchema, eventSelected, fromWorkspace, normalizeDelivery } from '../../../nodes/Tapd/trigger/payload';

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

	it('normalises the documented task update (docs/contracts/tapd.md): routing fields first, ids as strings, raw fields kept', () => {
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

	it('accepts deliveries from the chosen workspace only, or from any when none is chosen', () => {
		const delivery = deliverySchema.parse({ event: 'bug::create', workspace_id: 755 });
		expect(fromWorkspace(delivery, '')).toBe(true);
		expect(fromWorkspace(delivery, '755')).toBe(true);
		expect(fromWorkspace(delivery, '756')).toBe(false);
		expect(fromWorkspace(deliverySchema.parse({ event: 'bug::create' }), '755')).toBe(false);
	});

	it('identifies a delivery by event, event_id and object id, and has no identity without an event_id', () => {
		expect(deliveryIdentity(deliverySchema.parse({ event: 'bug::update', event_id: 42, id: '7' }))).toEqual(['bug::update', '42', '7']);
		expect(deliveryIdentity(deliverySchema.parse({ event: 'bug::update', event_id: '42' }))).toEqual(['bug::update', '42', null]);
		expect(deliveryIdentity(deliverySchema.parse({ event: 'bug::update', id: '7' }))).toBeUndefined();
	});
});
