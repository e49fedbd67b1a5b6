import {
	caseStatusLabel,
	executionIdentity,
	notificationSchema,
	runStatusLabel,
	toItems,
} from '../../../nodes/Testany/trigger/payload';

/** Seed 001's plan example, with a second, failed case and a second pipeline added. */
const seed = {
	name: 'notification-demo-payload',
	status: 2,
	trigger_key: 'P-ABC-0001',
	trigger_method: 'plan',
	trigger_owner: ['john.doe@acme.tld'],
	pipelines: [
		{
			name: 'demo-for-event',
			status: 2,
			key: 'ABC-0001',
			owner: ['john.doe@acme.tld'],
			duration: 22,
			execution_key: 'ABC-0001-033CE',
			start_time: '2006-01-02T15:04:05Z',
			finish_time: '2006-01-02T15:04:05Z',
			cases: [
				{ name: 'check-notification-active', status: 1, key: '00000000', owner: ['john.doe@acme.tld'], duration: 6, env: 'DEMO', runtime_uuid: '00000000-0000-0000-0000-000000000000', runtime_name: 'CloudPrime-Default' },
				{ name: 'check-retry', status: 2, key: '00000001', owner: [] },
				{ name: 'check-later', status: 3, key: '00000002', owner: [] },
			],
		},
		{ name: 'smoke', status: 1, key: 'ABC-0002', owner: [], execution_key: 'ABC-0002-111', cases: [{ name: 'ping', status: 1, owner: [] }] },
	],
	extra_field: 'kept',
};
const notification = notificationSchema.parse(seed);

describe('notificationSchema', () => {
	it("accepts the seed's plan and gatekeeper examples and keeps unknown fields", () => {
		expect(notification.extra_field).toBe('kept');
		expect(notificationSchema.safeParse({ ...seed, trigger_key: 'G-ABC-0001', trigger_method: 'gatekeeper' }).success).toBe(true);
	});

	it('defaults missing owner lists and pipelines', () => {
		const minimal = notificationSchema.parse({ name: 'n', status: 1, trigger_key: 'P-1', trigger_method: 'plan' });
		expect(minimal.trigger_owner).toEqual([]);
		expect(minimal.pipelines).toEqual([]);
	});

	it.each([
		['a string status', { ...seed, status: '2' }],
		['a fractional status', { ...seed, status: 1.5 }],
		['no trigger key', { ...seed, trigger_key: undefined }],
		['pipelines that are not a list', { ...seed, pipelines: {} }],
		['a case without a name', { ...seed, pipelines: [{ ...seed.pipelines[0], cases: [{ status: 1 }] }] }],
	])('refuses %s', (_label, body) => {
		expect(notificationSchema.safeParse(body).success).toBe(false);
	});
});

describe('status labels', () => {
	it('labels documented, internal and unknown statuses', () => {
		expect([1, 2, -1, 0, 5, 99, 42].map(runStatusLabel)).toEqual(['success', 'failure', 'not_started', 'running', 'cancelled', 'error', 'unknown']);
		expect([1, 2, 3, 4, 42].map(caseStatusLabel)).toEqual(['passed', 'failed', 'skipped', 'failed_as_expected', 'unknown']);
	});
});

describe('toItems', () => {
	it('gives one labelled item per notification with a case summary', () => {
		const [item] = toItems(notification, 'notification', 'any');
		expect(item.json).toMatchObject({
			status_label: 'failure',
			case_summary: { total: 4, passed: 2, failed: 1, skipped: 1 },
			pipelines: [
				{ status_label: 'failure', case_summary: { total: 3, passed: 1, failed: 1, skipped: 1 }, cases: [{ status_label: 'passed' }, { status_label: 'failed' }, { status_label: 'skipped' }] },
				{ status_label: 'success' },
			],
		});
	});

	it("gives one item per pipeline with its trigger's name and key", () => {
		const items = toItems(notification, 'pipeline', 'any');
		expect(items.map((item) => item.json.name)).toEqual(['demo-for-event', 'smoke']);
		expect(items[0].json.trigger).toEqual({ name: 'notification-demo-payload', key: 'P-ABC-0001', method: 'plan', status: 2, status_label: 'failure' });
	});

	it("gives one item per case with its pipeline's and trigger's keys", () => {
		const items = toItems(notification, 'case', 'any');
		expect(items).toHaveLength(4);
		expect(items[1].json).toMatchObject({
			name: 'check-retry',
			status_label: 'failed',
			pipeline: { name: 'demo-for-event', key: 'ABC-0001', execution_key: 'ABC-0001-033CE', status_label: 'failure' },
			trigger: { key: 'P-ABC-0001' },
		});
	});

	it('filters by result at the chosen level', () => {
		expect(toItems(notification, 'notification', 'success')).toEqual([]);
		expect(toItems(notification, 'notification', 'failure')).toHaveLength(1);
		expect(toItems(notification, 'pipeline', 'success').map((item) => item.json.name)).toEqual(['smoke']);
		expect(toItems(notification, 'case', 'failure').map((item) => item.json.name)).toEqual(['check-retry']);
		expect(toItems(notification, 'case', 'success').map((item) => item.json.name)).toEqual(['check-notification-active', 'ping']);
	});

	it('passes unknown statuses through, labelled, and only under "any"', () => {
		const odd = notificationSchema.parse({ ...seed, status: 7, pipelines: [] });
		expect(toItems(odd, 'notification', 'any')[0].json).toMatchObject({ status: 7, status_label: 'unknown' });
		expect(toItems(odd, 'notification', 'failure')).toEqual([]);
	});
});

describe('executionIdentity', () => {
	it('identifies an execution by trigger, status and sorted execution keys', () => {
		expect(executionIdentity(notification)).toEqual(['P-ABC-0001', 2, 'ABC-0001-033CE', 'ABC-0002-111']);
		const reordered = notificationSchema.parse({ ...seed, pipelines: [...seed.pipelines].reverse() });
		expect(executionIdentity(reordered)).toEqual(executionIdentity(notification));
	});

	it('has no identity without execution keys', () => {
		expect(executionIdentity(notificationSchema.parse({ ...seed, pipelines: [] }))).toBeUndefined();
	});
});
