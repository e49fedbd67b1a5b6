import { AzureDevOpsPollingTrigger } from '../../nodes/AzureDevOps/AzureDevOpsPollingTrigger.node';
import { BUILDS_LOOKBACK_MS, REVISIONS_LOOKBACK_MS } from '../../nodes/AzureDevOps/polling/poll';
import { CLOCK_SKEW_ALLOWANCE_MS } from '../../nodes/shared/polling/timeWindow';
import { startAzureDevOps, AZURE_DEVOPS_FAKE } from '../../dev/fakes/azureDevOps';
import { liveAzureDevOpsHttp, pollContext, pollingN8n, repeats } from '../helpers/polling';

/**
 * The Azure DevOps Polling Trigger against the fake organization of dev/fakes/azureDevOps.js over loopback:
 * reporting revisions with continuation tokens, previous revisions, builds, WIQL. Each test resets the
 * fake's revisions and builds; `pollingN8n` plays n8n, saving the static data only with returned items.
 */

let fake: { url: string; close(): Promise<void> };
let org: string;
const node = new AzureDevOpsPollingTrigger();

beforeAll(async () => {
	fake = await startAzureDevOps();
	org = `${fake.url}/${AZURE_DEVOPS_FAKE.organization}`;
});
afterAll(async () => await fake.close());

const control = async (path: string, body: unknown = {}): Promise<any> =>
	await (
		await fetch(`${fake.url}/__fake/polling/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		})
	).json();
const counters = async (): Promise<any> => await (await fetch(`${fake.url}/__fake/polling/state`)).json();

beforeEach(async () => {
	await control('reset');
	await control('hold', { ms: 0 });
});

const options = (parameters: Record<string, unknown> = {}) => ({
	credentials: { organizationUrl: org, personalAccessToken: AZURE_DEVOPS_FAKE.pat },
	http: liveAzureDevOpsHttp(AZURE_DEVOPS_FAKE.pat),
	parameters: {
		events: ['workitem.created', 'workitem.updated', 'workitem.deleted', 'workitem.restored'],
		project: { __rl: true, mode: 'id', value: AZURE_DEVOPS_FAKE.project.id },
		startFrom: 'now',
		filters: {},
		options: {},
		...parameters,
	},
});

describe('Azure DevOps Polling Trigger: work items', () => {
	it('starts from now, then emits each revision once as the Azure DevOps Trigger shapes it', async () => {
		await control('workItems', { create: 2 });
		const n8n = pollingN8n(node, options());
		expect((await n8n.activate()).items).toEqual([]);
		const { created } = await control('workItems', { create: 1 });
		await control('workItems', { update: created });
		const { items } = await n8n.poll();
		expect(items.map((item) => item.eventType)).toEqual(['workitem.created', 'workitem.updated']);
		const [made, updated] = items;
		expect(made).toMatchObject({
			resourceId: String(created[0]),
			projectId: AZURE_DEVOPS_FAKE.project.id,
			projectName: AZURE_DEVOPS_FAKE.project.name,
			webUrl: `${org}/Fabrikam%20Web/_workitems/edit/${created[0]}`,
			publisherId: 'tfs',
			resource: { id: created[0], rev: 1 },
		});
		expect(updated.resource).toMatchObject({
			workItemId: created[0],
			rev: 2,
			fields: { 'System.State': { oldValue: 'New', newValue: 'Active' }, 'System.Rev': { oldValue: 1, newValue: 2 } },
			revision: { id: created[0], rev: 2, fields: { 'System.State': 'Active' } },
		});
		expect(updated.messageText).toMatch(/^Bug #\d+ \(.*\) updated by Jamal Hartnett$/);
		expect(new Set(items.map((item) => item.dedupe_key)).size).toBe(2);
		expect((await n8n.poll()).items).toEqual([]);
	});

	it('costs one request per poll when the project did not change', async () => {
		const n8n = pollingN8n(node, options());
		await n8n.activate();
		const before = (await counters()).revisionRequests;
		for (let i = 0; i < 3; i++) await n8n.poll();
		expect((await counters()).revisionRequests - before).toBe(3);
		expect((await counters()).revisionPreviousRequests).toBe(0);
	});

	it('tells deletions and restores from updates, and reads a previous revision only when it was not read', async () => {
		const n8n = pollingN8n(node, options());
		const { created } = await control('workItems', { create: 2 });
		await n8n.activate();
		await control('workItems', { update: [created[0]], remove: [created[1]] });
		await control('workItems', { restore: [created[1]] });
		await control('workItems', { update: [created[0]] });
		const { items } = await n8n.poll();
		expect(items.map((item) => [item.eventType, item.resourceId])).toEqual([
			['workitem.updated', String(created[0])],
			['workitem.deleted', String(created[1])],
			['workitem.restored', String(created[1])],
			['workitem.updated', String(created[0])],
		]);
		// Revision 1 of the first item was made before the start: read once; the rest came in the same poll,
		// and a deletion needs none.
		expect((await counters()).revisionPreviousRequests).toBe(1);
	});

	it('applies the Azure DevOps Trigger filters: type, area path and changed fields', async () => {
		const n8n = pollingN8n(node, options({ events: ['workitem.created', 'workitem.updated'], filters: { workItemType: 'Task', areaPath: 'Fabrikam Web\\Team A', changedFields: 'System.Title' } }));
		await n8n.activate();
		await control('workItems', { create: 1, type: 'Bug', areaPath: 'Fabrikam Web\\Team A' });
		const { created } = await control('workItems', { create: 1, type: 'Task', areaPath: 'Fabrikam Web\\Team A\\Web' });
		await control('workItems', { create: 1, type: 'Task', areaPath: 'Fabrikam Web\\Team B' });
		await control('workItems', { update: created });
		const { items } = await n8n.poll();
		// The update changes the state, not the title: left out.
		expect(items.map((item) => [item.eventType, item.resourceId])).toEqual([['workitem.created', String(created[0])]]);
	});

	it('emits a backlog in bounded batches, each revision once, also when n8n crashes before a hand-off', async () => {
		const n8n = pollingN8n(node, options({ options: { maxItemsPerPoll: 70 } }));
		await n8n.activate();
		const { created } = await control('workItems', { create: 250 });
		await control('workItems', { update: created.slice(0, 200) });
		const sizes: number[] = [];
		for (let poll = 0; poll < 20; poll++) {
			const { items } = await n8n.poll({ crash: poll === 2 || poll === 5 });
			sizes.push(items.length);
		}
		expect(Math.max(...sizes)).toBe(70);
		expect(n8n.emitted).toHaveLength(450);
		expect(repeats(n8n.emitted)).toEqual({ distinct: 450, twice: [] });
	});

	it('reports a refused continuation token and resumes by time without loss or repeats', async () => {
		const n8n = pollingN8n(node, options());
		await n8n.activate();
		await control('workItems', { create: 5 });
		expect((await n8n.poll()).items).toHaveLength(5);
		await control('workItems', { create: 3 });
		await control('expireTokens');
		const { items } = await n8n.poll();
		expect(items).toHaveLength(3);
		expect(repeats(n8n.emitted)).toEqual({ distinct: 8, twice: [] });
		const emitError = n8n.contexts.at(-1)?.emitError as jest.Mock;
		expect(emitError).toHaveBeenCalledTimes(1);
		expect(emitError.mock.calls[0][0].message).toMatch(/refused the stored continuation token/);
		expect((await counters()).refusedTokens).toBe(1);
	});

	it('backfills from a chosen time: exactly the revisions after it', async () => {
		await control('workItems', { create: 3 });
		await new Promise((resolve) => setTimeout(resolve, 20));
		const from = new Date().toISOString();
		await new Promise((resolve) => setTimeout(resolve, 20));
		const { created } = await control('workItems', { create: 2 });
		const n8n = pollingN8n(node, options({ startFrom: 'date', startDate: from }));
		const { items } = await n8n.activate();
		expect(items.map((item) => item.resourceId)).toEqual(created.map(String));
	});

	it('refuses a backfill more than 30 days back', async () => {
		const old = new Date(Date.now() - 31 * 24 * 3600_000).toISOString();
		const { context } = pollContext(options({ startFrom: 'date', startDate: old }));
		await expect(node.poll.call(context)).rejects.toThrow('more than 30 days ago');
	});
});

describe('Azure DevOps Polling Trigger: builds', () => {
	const buildOptions = (parameters: Record<string, unknown> = {}) => options({ events: ['build.complete'], ...parameters });

	it('emits each completed build once, as Build Completed, filtered by pipeline and result', async () => {
		const n8n = pollingN8n(node, buildOptions({ filters: { definitionName: 'web-shop-ci', buildStatus: 'Failed' } }));
		await n8n.activate();
		await control('builds', { count: 2, result: 'failed' });
		await control('builds', { count: 1, result: 'succeeded' });
		await control('builds', { count: 1, result: 'failed', definition: 'nightly' });
		const { items } = await n8n.poll();
		expect(items).toHaveLength(2);
		expect(items[0]).toMatchObject({ eventType: 'build.complete', projectId: AZURE_DEVOPS_FAKE.project.id, resource: { status: 'completed', result: 'failed' } });
		expect(items[0].webUrl).toMatch(/_build\/results\?buildId=\d+$/);
		expect((await n8n.poll()).items).toEqual([]);
	});

	it('pages a backlog of builds in batches without loss or repeats, across a crash', async () => {
		const n8n = pollingN8n(node, buildOptions({ options: { maxItemsPerPoll: 60 } }));
		await n8n.activate();
		await control('builds', { count: 230 });
		for (let poll = 0; poll < 8; poll++) await n8n.poll({ crash: poll === 1 });
		expect(repeats(n8n.emitted)).toEqual({ distinct: 230, twice: [] });
	});

	it("reads again only the builds lookback, not the revisions': an unchanged list costs one request after it", async () => {
		const n8n = pollingN8n(node, buildOptions({ options: { maxItemsPerPoll: 500 } }));
		await n8n.activate();
		await control('builds', { count: 150 });
		await n8n.poll();
		expect(repeats(n8n.emitted)).toEqual({ distinct: 150, twice: [] });
		// Past the builds' lookback and the clocks' allowance, still within the revisions' lookback.
		const later = Date.now() + BUILDS_LOOKBACK_MS + CLOCK_SKEW_ALLOWANCE_MS + 1000;
		expect(later - Date.now()).toBeLessThan(REVISIONS_LOOKBACK_MS);
		const clock = jest.spyOn(Date, 'now').mockReturnValue(later);
		try {
			const before = (await counters()).buildRequests;
			expect((await n8n.poll()).items).toEqual([]);
			expect((await counters()).buildRequests - before).toBe(1);
		} finally {
			clock.mockRestore();
		}
	});

	it('reports a gap longer than Azure Pipelines keeps runs', async () => {
		const n8n = pollingN8n(node, buildOptions());
		await n8n.activate();
		const stored = n8n.saved.watermark as { builds: { checkedAt: number } };
		stored.builds.checkedAt -= 31 * 24 * 3600_000;
		n8n.restart();
		await n8n.poll();
		const emitError = n8n.contexts.at(-1)?.emitError as jest.Mock;
		expect(emitError.mock.calls[0][0].message).toMatch(/builds were last read more than 30 days ago/);
	});
});

describe('Azure DevOps Polling Trigger: Fetch Test Event', () => {
	it('returns the latest change and leaves the watermark alone', async () => {
		await control('workItems', { create: 1 });
		const { created } = await control('workItems', { create: 1 });
		await control('workItems', { update: created });
		const { context, staticData } = pollContext({ ...options(), mode: 'manual' });
		const output = await node.poll.call(context);
		expect(output?.[0]).toHaveLength(1);
		expect(output?.[0][0].json).toMatchObject({ eventType: 'workitem.updated', resourceId: String(created[0]) });
		expect(staticData).toEqual({});
	});
});
