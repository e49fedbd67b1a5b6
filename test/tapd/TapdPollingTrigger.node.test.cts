import { TapdPollingTrigger } from '../../nodes/Tapd/TapdPollingTrigger.node';
import { startTapd, TAPD_FAKE } from '../../dev/fakes/tapd';
import { liveTapdHttp } from '../helpers/tapd';
import { pollContext, pollingN8n, repeats } from '../helpers/polling';

/**
 * The TAPD Polling Trigger against the fake TAPD of dev/fakes/tapd.js over loopback: lists ordered by
 * `modified` (whole seconds, China Standard Time, many changes in one second) and the change histories.
 * `pollingN8n` plays n8n, saving the static data only with returned items.
 */

let fake: { url: string; close(): Promise<void> };
const node = new TapdPollingTrigger();

beforeAll(async () => {
	fake = await startTapd();
});
afterAll(async () => await fake.close());
beforeEach(async () => {
	await post('/__fake/reset');
	await post('/__fake/polling/reset');
});

const post = async (path: string, body: unknown = {}): Promise<any> =>
	await (
		await fetch(`${fake.url}${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		})
	).json();
const change = async (body: Record<string, unknown>): Promise<Array<{ id: string; action: string; modified: string }>> =>
	(await post('/__fake/polling/changes', body)).made;
const state = async (): Promise<any> => await (await fetch(`${fake.url}/__fake/polling/state`)).json();

const options = (parameters: Record<string, unknown> = {}) => {
	const credentials = { baseUrl: fake.url, authType: 'apiAccount', apiUser: TAPD_FAKE.apiUser, apiPassword: TAPD_FAKE.apiPassword };
	return {
		credentials,
		http: liveTapdHttp(credentials),
		parameters: {
			workspaceId: { __rl: true, mode: 'id', value: TAPD_FAKE.workspaceId },
			events: ['bug::create', 'bug::update'],
			startFrom: 'now',
			options: {},
			...parameters,
		},
	};
};

describe('TAPD Polling Trigger', () => {
	it('starts from now, then emits each change once as the TAPD Trigger shapes it, with what changed', async () => {
		await change({ object: 'bug', create: 2 });
		// Times have whole seconds: changes in the second of the start are emitted too.
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const n8n = pollingN8n(node, options());
		expect((await n8n.activate()).items).toEqual([]);
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const [created] = await change({ object: 'bug', create: 1 });
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const [updated] = await change({ object: 'bug', update: [created.id] });
		const { items } = await n8n.poll();
		// An item created and changed between two polls comes once, as created, as it is now.
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			event: 'bug::create',
			object: 'bug',
			action: 'create',
			workspace_id: TAPD_FAKE.workspaceId,
			id: created.id,
			created: updated.modified,
			created_iso: `${updated.modified.replace(' ', 'T')}+08:00`,
			changes: [],
			Bug: { id: created.id, status: 'in_progress' },
		});
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const [again] = await change({ object: 'bug', update: [created.id] });
		const next = await n8n.poll();
		expect(next.items).toHaveLength(1);
		expect(next.items[0]).toMatchObject({
			event: 'bug::update',
			action: 'update',
			id: created.id,
			created: again.modified,
			current_user: 'e2e_api_user',
			change_fields: 'status,current_owner',
			old_status: 'in_progress',
			old_current_owner: '李四;',
			changes: [
				{ field: 'status', old: 'in_progress' },
				{ field: 'current_owner', old: '李四;' },
			],
			Bug: { status: 'resolved', current_owner: '王五;' },
		});
		expect(repeats(n8n.emitted)).toEqual({ distinct: 2, twice: [] });
	});

	it('costs one request per kind of item per poll when nothing changed', async () => {
		const n8n = pollingN8n(node, options({ events: ['bug::create', 'story::update', 'task::status_change'] }));
		await n8n.activate();
		const before = (await state()).listRequests;
		for (let i = 0; i < 3; i++) await n8n.poll();
		const after = (await state()).listRequests;
		expect([after.bugs - before.bugs, after.stories - before.stories, after.tasks - before.tasks]).toEqual([3, 3, 3]);
		expect((await state()).historyRequests).toBe(0);
	});

	it('emits only status changes when only they are chosen', async () => {
		const n8n = pollingN8n(node, options({ events: ['story::status_change'] }));
		const made = await change({ object: 'story', create: 2 });
		await new Promise((resolve) => setTimeout(resolve, 1100));
		await n8n.activate();
		await new Promise((resolve) => setTimeout(resolve, 1100));
		await change({ object: 'story', update: [made[0].id] });
		const { items } = await n8n.poll();
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ event: 'story::update', id: made[0].id, old_status: 'planning', Story: { status: 'developing' } });
	});

	it('emits a burst of changes in one second once each, across pages, batches and crashes', async () => {
		const n8n = pollingN8n(node, options({ events: ['bug::create', 'bug::update', 'task::create'], options: { maxItemsPerPoll: 90 } }));
		await n8n.activate();
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const bugs = await change({ object: 'bug', create: 260 });
		await change({ object: 'task', create: 30 });
		for (let poll = 0; poll < 6; poll++) await n8n.poll({ crash: poll === 1 || poll === 4 });
		expect(repeats(n8n.emitted)).toEqual({ distinct: 290, twice: [] });
		await new Promise((resolve) => setTimeout(resolve, 1100));
		await change({ object: 'bug', update: bugs.slice(0, 150).map((bug) => bug.id) });
		for (let poll = 0; poll < 4; poll++) await n8n.poll({ crash: poll === 0 });
		expect(repeats(n8n.emitted)).toEqual({ distinct: 440, twice: [] });
		expect(n8n.emitted.filter((item) => item.event === 'bug::update')).toHaveLength(150);
	});

	it('leaves the changes out of updates when Changed Fields is off, and reads no history', async () => {
		const n8n = pollingN8n(node, options({ options: { changedFields: false } }));
		const [bug] = await change({ object: 'bug', create: 1 });
		await new Promise((resolve) => setTimeout(resolve, 1100));
		await n8n.activate();
		await new Promise((resolve) => setTimeout(resolve, 1100));
		await change({ object: 'bug', update: [bug.id] });
		const { items } = await n8n.poll();
		expect(items[0]).toMatchObject({ event: 'bug::update', changes: [] });
		expect(items[0].change_fields).toBeUndefined();
		expect((await state()).historyRequests).toBe(0);
	});

	it('backfills from a chosen time: exactly the changes after it', async () => {
		await change({ object: 'bug', create: 2 });
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const from = new Date().toISOString();
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const later = await change({ object: 'bug', create: 3 });
		const n8n = pollingN8n(node, options({ startFrom: 'date', startDate: from }));
		const { items } = await n8n.activate();
		expect(items.map((item) => item.id)).toEqual(later.map((bug) => bug.id));
	});

	it('Fetch Test Event returns the newest change and leaves the watermark alone', async () => {
		const [bug] = await change({ object: 'bug', create: 1 });
		await new Promise((resolve) => setTimeout(resolve, 1100));
		await change({ object: 'bug', update: [bug.id] });
		const { context, staticData } = pollContext({ ...options(), mode: 'manual' });
		const output = await node.poll.call(context);
		expect(output?.[0]).toHaveLength(1);
		expect(output?.[0][0].json).toMatchObject({ event: 'bug::update', id: bug.id, change_fields: 'status,current_owner' });
		expect(staticData).toEqual({});
	});
});
