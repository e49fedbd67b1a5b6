import { queryLink } from '../../../../nodes/AzureDevOps/actions/defectKpi/link';
import { AzureDevOps } from '../../../../nodes/AzureDevOps/AzureDevOps.node';
import { RETRY_POLICY, retryClock } from '../../../../nodes/shared/http/retry';
import { forgetKpis } from '../../../../nodes/shared/kpiCache';
import { ORG, executeContext, runNode as run, workItem, type Route } from '../../../helpers/azureDevOps';

const PROJECT = 'Fabrikam Web';
const ANALYTICS = /^https:\/\/analytics\.dev\.azure\.com\/fabrikam\/Fabrikam%20Web\/_odata\/v4\.0-preview\/WorkItems$/;
const kpi = (parameters: Record<string, unknown>) => ({ resource: 'defectKpi', operation: 'get', project: PROJECT, ...parameters });
const noCache = { cacheSeconds: 0 };

/** Analytics' grouped answer. */
const groups = (rows: Array<[string, string | null, number]>): Route => ({
	method: 'GET',
	path: ANALYTICS,
	reply: { body: { value: rows.map(([State, Severity, Count]) => ({ '@odata.id': null, State, Severity, Count })) } },
});
const refused = (statusCode: number, message: string): Route => ({ method: 'GET', path: ANALYTICS, reply: { statusCode, body: { error: { code: '0', message } } } });

/** A WIQL endpoint answering each query with the ids `answer` gives for it. */
function wiql(answer: (query: string, top: unknown) => number[]): Route {
	return { method: 'POST', path: /wiql$/, reply: (call) => ({ body: { workItems: answer((call.body as { query: string }).query, call.qs?.$top).map((id) => ({ id })) } }) };
}

beforeEach(() => forgetKpis());

describe('Defect KPI: Get with Analytics', () => {
	it('counts an area path in one grouped request, shaped for Test Manager, with per-value breakdowns', async () => {
		const { items, calls } = await run({
			parameters: kpi({ source: 'areaPath', areaPath: "Fabrikam Web\\Team's area", kpiOptions: noCache }),
			routes: [groups([['Active', '1 - Critical', 5], ['Closed', '1 - Critical', 2], ['New', '3 - Medium', 4], ['Active', null, 1], ['resolved', '2 - High', 3]])],
		});
		expect(calls).toHaveLength(1);
		expect(calls[0].qs).toEqual({
			$apply: "filter((WorkItemType eq 'Bug') and (Area/AreaPath eq 'Fabrikam Web\\Team''s area' or startswith(Area/AreaPath, 'Fabrikam Web\\Team''s area\\')))/groupby((State, Severity), aggregate($count as Count))",
		});
		const { json } = items[0];
		expect(json).toMatchObject({ totalDefects: 15, closedDefects: 5, openDefects: 10, criticalDefects: 5, moderateDefects: 5 });
		expect(json).toMatchObject({ bySeverity: { '1 - Critical': 7, '3 - Medium': 4, '(none)': 1, '2 - High': 3 }, byState: { Active: 6, Closed: 2, New: 4, resolved: 3 } });
		expect(json.countedWith).toEqual({ method: 'analytics', requests: 1 });
		expect(Object.keys(json)).toEqual(['totalDefects', 'criticalDefects', 'moderateDefects', 'openDefects', 'closedDefects', 'bySeverity', 'byState', 'criticalDefectsLink', 'countedWith']);
		const link = new URL(json.criticalDefectsLink as string);
		expect(`${link.origin}${link.pathname}`).toBe(`${ORG}/Fabrikam%20Web/_queries/query/`);
		expect(link.searchParams.get('wiql')).toBe(
			"SELECT [System.Id], [System.Title], [System.State], [Microsoft.VSTS.Common.Severity] FROM WorkItems WHERE ([System.TeamProject] = @project AND [System.WorkItemType] IN ('Bug') AND [System.AreaPath] UNDER 'Fabrikam Web\\Team''s area') AND ([Microsoft.VSTS.Common.Severity] IN ('1 - Critical', '2 - High')) AND ([System.State] NOT IN ('Closed', 'Resolved', 'Done', 'Removed'))",
		);
	});

	it('asks an Azure DevOps Server collection for Analytics at {collection}/{project}/_odata', async () => {
		const { calls } = await run({
			credentials: { organizationUrl: 'https://tfs.example.com/tfs/DefaultCollection', personalAccessToken: 'pat' },
			parameters: kpi({ source: 'areaPath', areaPath: '', kpiOptions: { ...noCache, severityField: 'Custom.Impact' } }),
			routes: [{ method: 'GET', path: /^https:\/\/tfs\.example\.com\/tfs\/DefaultCollection\/Fabrikam%20Web\/_odata\/v4\.0-preview\/WorkItems$/, reply: { body: { value: [] } } }],
		});
		expect(calls).toHaveLength(1);
		expect(calls[0].qs).toEqual({ $apply: "filter((WorkItemType eq 'Bug'))/groupby((State, Custom_Impact), aggregate($count as Count))" });
	});

	it('fails with what to do when Analytics is required and refuses', async () => {
		await expect(
			run({ parameters: kpi({ source: 'areaPath', kpiOptions: { ...noCache, countWith: 'analytics' } }), routes: [refused(401, 'VS403527: Access to data from the Analytics OData endpoint is not available for all users.')] }),
		).rejects.toMatchObject({ message: 'Analytics could not count the defects', description: expect.stringContaining('"Analytics (read)"') });
	});

	it('does not fall back when Analytics is overloaded: the retry policy already waited, the failure is thrown', async () => {
		const { context, calls } = executeContext({ parameters: kpi({ source: 'areaPath', kpiOptions: noCache }), routes: [refused(500, 'The service is unavailable')] });
		await expect(new AzureDevOps().execute.call(context)).rejects.toThrow('Azure DevOps answered HTTP 500');
		expect(calls.length).toBe(RETRY_POLICY.maxAttempts);
		expect(calls.every((call) => ANALYTICS.test(call.url))).toBe(true);
	});
});

describe('Defect KPI: Get with WIQL queries', () => {
	it('falls back to one id-only query per class when Analytics is off, with breakdowns by class', async () => {
		const queries: string[] = [];
		const { items, calls } = await run({
			parameters: kpi({ source: 'areaPath', areaPath: 'Fabrikam Web', kpiOptions: noCache }),
			routes: [
				{ method: 'GET', path: ANALYTICS, reply: { statusCode: 404, body: 'Page not found.', headers: { 'content-type': 'text/html' } } },
				wiql((query) => {
					queries.push(query);
					const critical = query.includes("[Microsoft.VSTS.Common.Severity] IN ('1 - Critical', '2 - High')");
					const closed = query.includes("([System.State] IN ('Closed'");
					return critical ? (closed ? [1] : [2, 3]) : closed ? [4, 5, 6] : [7, 8, 9, 10];
				}),
			],
		});
		expect(calls).toHaveLength(5);
		expect(queries[0]).toBe(
			"SELECT [System.Id] FROM WorkItems WHERE ([System.TeamProject] = @project AND [System.WorkItemType] IN ('Bug') AND [System.AreaPath] UNDER 'Fabrikam Web') AND ([Microsoft.VSTS.Common.Severity] IN ('1 - Critical', '2 - High')) AND ([System.State] IN ('Closed', 'Resolved', 'Done', 'Removed')) ORDER BY [System.Id] ASC",
		);
		expect(queries).toContain(
			"SELECT [System.Id] FROM WorkItems WHERE ([System.TeamProject] = @project AND [System.WorkItemType] IN ('Bug') AND [System.AreaPath] UNDER 'Fabrikam Web') AND ([Microsoft.VSTS.Common.Severity] NOT IN ('1 - Critical', '2 - High') OR [Microsoft.VSTS.Common.Severity] = '') AND ([System.State] NOT IN ('Closed', 'Resolved', 'Done', 'Removed')) ORDER BY [System.Id] ASC",
		);
		expect(calls.slice(1).every((call) => call.qs?.$top === 20000)).toBe(true);
		expect(items[0].json).toMatchObject({
			totalDefects: 10,
			closedDefects: 4,
			openDefects: 6,
			criticalDefects: 2,
			moderateDefects: 4,
			bySeverity: { critical: 3, moderate: 7 },
			byState: { closed: 4, open: 6 },
			countedWith: { method: 'wiql', requests: 4, analyticsUnavailable: expect.stringContaining('HTTP 404') },
		});
	});

	it('reads a class past 20,000 results by id, and stops with a clear error when a page repeats', async () => {
		const page = (from: number) => Array.from({ length: 20000 }, (_, i) => from + i);
		const { items } = await run({
			parameters: kpi({ source: 'areaPath', kpiOptions: { ...noCache, countWith: 'wiql', closedStates: '', criticalSeverities: '' } }),
			routes: [wiql((query) => (query.includes('[System.Id] > 20000') ? [20001] : page(1)))],
		});
		expect(items[0].json).toMatchObject({ totalDefects: 20001, countedWith: { method: 'wiql', requests: 2 } });
		await expect(
			run({ parameters: kpi({ source: 'areaPath', kpiOptions: { ...noCache, countWith: 'wiql', closedStates: '', criticalSeverities: '' } }), routes: [wiql(() => page(1))] }),
		).rejects.toMatchObject({
			message: 'Azure DevOps answered page 2 of the query with work items already read',
			description: expect.stringContaining('Read 20000 work items in 1 pages'),
		});
	});

	it("counts a flat WIQL source with its own conditions kept and its ORDER BY dropped, and links its critical defects by query, not ids", async () => {
		const queries: string[] = [];
		const { items } = await run({
			parameters: kpi({ source: 'wiql', query: "SELECT [System.Id] FROM WorkItems WHERE [System.Tags] CONTAINS 'release' ORDER BY [System.ChangedDate] DESC ASOF '2026-11-01'", kpiOptions: noCache }),
			routes: [wiql((query) => (queries.push(query), [1, 2]))],
		});
		expect(queries[0]).toBe(
			"SELECT [System.Id] FROM WorkItems WHERE ([System.Tags] CONTAINS 'release') AND ([Microsoft.VSTS.Common.Severity] IN ('1 - Critical', '2 - High')) AND ([System.State] IN ('Closed', 'Resolved', 'Done', 'Removed')) ORDER BY [System.Id] ASC ASOF '2026-11-01'",
		);
		expect(items[0].json).toMatchObject({ totalDefects: 8, countedWith: { method: 'wiql', requests: 4 } });
		expect(new URL(items[0].json.criticalDefectsLink as string).searchParams.get('wiql')).toBe(
			"SELECT [System.Id], [System.Title], [System.State], [Microsoft.VSTS.Common.Severity] FROM WorkItems WHERE ([System.Tags] CONTAINS 'release') AND ([Microsoft.VSTS.Common.Severity] IN ('1 - Critical', '2 - High')) AND ([System.State] NOT IN ('Closed', 'Resolved', 'Done', 'Removed')) ASOF '2026-11-01'",
		);
	});

	it('counts a link query by reading its work items, and gives no link rather than one past 32,000 characters', async () => {
		const ids = Array.from({ length: 6000 }, (_, i) => i + 1);
		const { items, calls } = await run({
			parameters: kpi({ source: 'wiql', query: 'SELECT [System.Id] FROM WorkItemLinks WHERE [Source].[System.WorkItemType] = \'Bug\' MODE (MustContain)', kpiOptions: noCache }),
			routes: [
				{ method: 'POST', path: /wiql$/, reply: { body: { workItemRelations: ids.map((id) => ({ source: null, target: { id } })) } } },
				{ method: 'POST', path: /workitemsbatch$/, reply: (call) => ({ body: { value: (call.body as { ids: number[] }).ids.map((id) => workItem(id, { 'System.State': 'Active', 'Microsoft.VSTS.Common.Severity': '1 - Critical' })) } }) },
			],
		});
		expect(calls).toHaveLength(1 + 6000 / 200);
		expect(items[0].json).toMatchObject({ totalDefects: 6000, criticalDefects: 6000, countedWith: { method: 'workItems' }, criticalDefectsLink: null });
		const few = await run({
			parameters: kpi({ source: 'wiql', query: 'SELECT [System.Id] FROM WorkItemLinks MODE (MustContain)', kpiOptions: noCache }),
			routes: [
				{ method: 'POST', path: /wiql$/, reply: { body: { workItemRelations: [{ source: { id: 1 }, target: { id: 2 } }] } } },
				{ method: 'POST', path: /workitemsbatch$/, reply: { body: { value: [workItem(1, { 'System.State': 'New', 'Microsoft.VSTS.Common.Severity': '2 - High' }), workItem(2, { 'System.State': 'New' })] } } },
			],
		});
		expect(new URL(few.items[0].json.criticalDefectsLink as string).searchParams.get('wiql')).toContain('[System.Id] IN (1)');
	});

	it('uses the link given in the options', async () => {
		const { items } = await run({
			parameters: kpi({ source: 'wiql', query: 'SELECT [System.Id] FROM WorkItems', kpiOptions: { ...noCache, criticalDefectsLink: 'https://dev.azure.com/fabrikam/web/_queries/query/abc' } }),
			routes: [wiql(() => [])],
		});
		expect(items[0].json).toMatchObject({ totalDefects: 0, criticalDefectsLink: 'https://dev.azure.com/fabrikam/web/_queries/query/abc' });
	});
});

describe('Defect KPI: Get, cache and time budget', () => {
	const area = (kpiOptions: Record<string, unknown> = {}) => kpi({ source: 'areaPath', kpiOptions });

	it('answers from the cache within its lifetime, per settings, and counts again after it', async () => {
		const routes = [groups([['Active', '1 - Critical', 3]])];
		await run({ parameters: area(), routes });
		const cached = await run({ parameters: area(), routes });
		expect(cached.calls).toHaveLength(0);
		expect(cached.items[0].json).toMatchObject({ totalDefects: 3, cached: { ageSeconds: 0, stale: false } });
		const otherSettings = await run({ parameters: area({ closedStates: 'Done' }), routes });
		expect(otherSettings.calls).toHaveLength(1);
		await retryClock.sleep(61_000);
		const later = await run({ parameters: area(), routes });
		expect(later.calls).toHaveLength(1);
		expect(later.items[0].json).not.toHaveProperty('cached');
	});

	const limited = (retryAfter: string) => ({ method: 'GET', path: ANALYTICS, reply: { statusCode: 429, headers: { 'retry-after': retryAfter }, body: { message: 'TF400733' } } });

	it('counts again after the same account created a work item, and not after a read', async () => {
		const routes: Route[] = [
			groups([['Active', '1 - Critical', 3]]),
			{ method: 'POST', path: /\/_apis\/wit\/workitems\/\$Bug$/, reply: { body: workItem(9) } },
			wiql(() => [1]),
		];
		await run({ parameters: area(), routes });
		await run({ parameters: { resource: 'workItem', operation: 'query', project: PROJECT, query: 'SELECT [System.Id] FROM WorkItems', returnAll: false, limit: 1, readOptions: {} }, routes: [...routes, { method: 'POST', path: /workitemsbatch$/, reply: { body: { value: [] } } }] });
		expect((await run({ parameters: area(), routes })).calls).toHaveLength(0);
		await run({ parameters: { resource: 'workItem', operation: 'create', project: PROJECT, workItemType: 'Bug', title: 'New', additionalFields: {} }, routes });
		const after = await run({ parameters: area(), routes });
		expect(after.calls).toHaveLength(1);
		expect(after.items[0].json).not.toHaveProperty('cached');
	});

	it('fails with the rate limit at once when the wait asked for is beyond the budget', async () => {
		await expect(run({ parameters: area({ timeBudgetSeconds: 20 }), routes: [limited('3600')] })).rejects.toMatchObject({
			message: 'Azure DevOps is limiting the rate of requests (HTTP 429) during GET /Fabrikam Web/_odata/v4.0-preview/WorkItems',
			description: expect.stringContaining('It asked to wait 3600 s more, beyond the time allowed.'),
		});
	});

	it('fails with a clear message when the budget runs out and there is no earlier count', async () => {
		await expect(run({ parameters: area({ timeBudgetSeconds: 5 }), routes: [limited('4')] })).rejects.toMatchObject({
			message: expect.stringMatching(/^The defect KPIs could not be counted within the time budget of 5 s: Azure DevOps is limiting the rate of requests \(HTTP 429\)/),
			description: expect.stringContaining('No earlier count of these settings was at hand'),
		});
	});

	it('answers the last count, marked stale, when counting fails for lack of time', async () => {
		await run({ parameters: area({ cacheSeconds: 1 }), routes: [groups([['New', '2 - High', 7]])] });
		await retryClock.sleep(5_000);
		const stale = await run({ parameters: area({ cacheSeconds: 1 }), routes: [limited('3600')] });
		expect(stale.items[0].json).toMatchObject({ totalDefects: 7, cached: { stale: true, ageSeconds: 5 } });
	});
});

describe('queryLink', () => {
	it('opens the query text in Azure Boards', () => {
		expect(queryLink('https://dev.azure.com/fabrikam', 'Fabrikam Web', "SELECT [System.Id] FROM WorkItems WHERE [System.State] = 'New'")).toBe(
			"https://dev.azure.com/fabrikam/Fabrikam%20Web/_queries/query/?wiql=SELECT%20%5BSystem.Id%5D%20FROM%20WorkItems%20WHERE%20%5BSystem.State%5D%20%3D%20'New'",
		);
	});
});
