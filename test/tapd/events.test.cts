import { eventSet, sameEvents, TAPD_EVENTS } from '../../nodes/Tapd/events';

describe('TAPD events', () => {
	it('lists every webhook event TAPD documents and the status changes, each once', () => {
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
