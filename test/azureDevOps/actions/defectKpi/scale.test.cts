import { E2E_SECRETS } from '../../../../dev/credentials';
import { startAzureDevOps } from '../../../../dev/fakes/azureDevOps';
import { SEVERITIES, STATES } from '../../../../dev/fakes/azureDevOpsScale';
import { runNode } from '../../../../dev/inProcess';
import { AzureDevOps } from '../../../../nodes/AzureDevOps/AzureDevOps.node';
import { retryClock } from '../../../../nodes/shared/http/retry';
import { forgetKpis } from '../../../../nodes/shared/kpiCache';

/**
 * Defect KPI → Get against the fake Azure DevOps on loopback (WIQL's 20,000 cap, batches of 200, Analytics), with
 * 1,000 and 100,000 synthetic bugs: exact counts in a number of requests that does not follow the number of bugs.
 * Time and memory are printed by `npm run bench:scale`, not asserted here.
 */

const PROJECT = 'Fabrikam Web';
let fake: { url: string; close: () => Promise<void> };
const control = async (path: string, body: unknown) =>
	await fetch(`${fake.url}/__fake/scale/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** The counts the defaults give, recounted here from how the fake makes its bugs. */
function expected(count: number) {
	const closedStates = ['closed', 'resolved', 'done', 'removed'];
	const critical = ['1 - Critical', '2 - High'];
	let closed = 0;
	let criticalOpen = 0;
	for (let i = 0; i < count; i++) {
		const isClosed = closedStates.includes(STATES[i % STATES.length].toLowerCase());
		if (isClosed) closed++;
		else if (critical.includes(SEVERITIES[i % SEVERITIES.length] ?? '')) criticalOpen++;
	}
	return { totalDefects: count, closedDefects: closed, openDefects: count - closed, criticalDefects: criticalOpen, moderateDefects: count - closed - criticalOpen };
}

async function kpis(parameters: Record<string, unknown>) {
	return await runNode(new AzureDevOps(), {
		parameters: { resource: 'defectKpi', operation: 'get', project: { __rl: true, mode: 'id', value: PROJECT }, ...parameters },
		credentials: { azureDevOpsApi: { organizationUrl: `${fake.url}/fabrikam`, personalAccessToken: E2E_SECRETS.azureDevOpsPat } },
	});
}

const noCache = { cacheSeconds: 0 };

beforeAll(async () => {
	fake = await startAzureDevOps();
});
afterAll(async () => await fake.close());
beforeEach(async () => {
	forgetKpis();
	await control('mode', { analytics: 'on', limitNext: 0 });
});

// The fake scans 100,000 bugs for every WIQL page: seconds of its own work.
jest.setTimeout(60_000);

describe.each([1_000, 100_000])('Defect KPIs over %i bugs', (count) => {
	beforeAll(async () => {
		await control('seed', { count });
	});

	it('counts an area path with one Analytics request, exactly', async () => {
		const { items, meter } = await kpis({ source: 'areaPath', areaPath: PROJECT, kpiOptions: noCache });
		expect(items[0].json).toMatchObject({ ...expected(count), countedWith: { method: 'analytics', requests: 1 } });
		expect(meter.requests).toBe(1);
		const bySeverity = items[0].json.bySeverity as Record<string, number>;
		expect(Object.values(bySeverity).reduce((a, b) => a + b, 0)).toBe(count);
		expect(bySeverity['(none)']).toBe(Math.floor(count / SEVERITIES.length)); // every sixth bug has none
	});

	it('counts an area path with WIQL queries when Analytics refuses the token: exact, at most 10 requests', async () => {
		await control('mode', { analytics: 'forbidden' });
		const { items, meter } = await kpis({ source: 'areaPath', areaPath: PROJECT, kpiOptions: noCache });
		expect(items[0].json).toMatchObject({ ...expected(count), countedWith: { method: 'wiql' } });
		expect((items[0].json.countedWith as { analyticsUnavailable: string }).analyticsUnavailable).toMatch(/VS403527/);
		expect(meter.requests).toBeLessThanOrEqual(10);
		expect(meter.byStatus[200]).toBe(meter.requests - 1);
	});

	it('counts a flat WIQL query past the 20,000 cap with id-only pages: exact, at most 10 requests, a link under 32,000 characters', async () => {
		const query = "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND [System.WorkItemType] = 'Bug' ORDER BY [System.ChangedDate] DESC";
		const { items, meter } = await kpis({ source: 'wiql', query, kpiOptions: noCache });
		expect(items[0].json).toMatchObject({ ...expected(count), countedWith: { method: 'wiql' } });
		expect(meter.requests).toBeLessThanOrEqual(10);
		const link = items[0].json.criticalDefectsLink as string;
		const wiql = new URL(link).searchParams.get('wiql') ?? '';
		expect(wiql.length).toBeLessThan(32_000);
		expect(wiql).toContain("[System.WorkItemType] = 'Bug'");
		expect(wiql).toContain("[Microsoft.VSTS.Common.Severity] IN ('1 - Critical', '2 - High')");
	});
});

describe('rate limits and the cache against the fake', () => {
	beforeAll(async () => {
		await control('seed', { count: 5_000 });
	});

	it('waits out a 429 with Retry-After (no sooner than asked) and then answers', async () => {
		await control('mode', { limitNext: 1, retryAfterSeconds: 3 });
		const started = retryClock.now();
		const { items, meter } = await kpis({ source: 'areaPath', areaPath: PROJECT, kpiOptions: noCache });
		expect(retryClock.now() - started).toBeGreaterThanOrEqual(3000);
		expect(meter.byStatus).toEqual({ 200: 1, 429: 1 });
		expect(items[0].json.totalDefects).toBe(5_000);
	});

	it('answers a refresh within a minute from the cache, without a request', async () => {
		await kpis({ source: 'areaPath', areaPath: PROJECT });
		const again = await kpis({ source: 'areaPath', areaPath: PROJECT });
		expect(again.meter.requests).toBe(0);
		expect(again.items[0].json).toMatchObject({ totalDefects: 5_000, cached: { stale: false } });
	});
});
