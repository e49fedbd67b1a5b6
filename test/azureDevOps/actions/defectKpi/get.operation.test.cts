import { queryLink } from '../../../../nodes/AzureDevOps/actions/defectKpi/get.operation';
import { ORG, runNode as run, workItem } from '../../../helpers/azureDevOps';

const PROJECT = 'Fabrikam Web';

describe('Defect KPI: Get', () => {
	const bugs = [
		workItem(1, { 'System.State': 'Active', 'Microsoft.VSTS.Common.Severity': '1 - Critical' }),
		workItem(2, { 'System.State': 'Closed', 'Microsoft.VSTS.Common.Severity': '1 - Critical' }),
		workItem(3, { 'System.State': 'New', 'Microsoft.VSTS.Common.Severity': '3 - Medium' }),
	];
	const batch = { method: 'POST', path: /workitemsbatch$/, reply: (call: { body?: unknown }) => ({ body: { value: bugs.filter((bug) => (call.body as { ids: number[] }).ids.includes(bug.id)) } }) };

	it('counts defects under an area path, shaped for Test Manager', async () => {
		const { items, calls } = await run({
			parameters: { resource: 'defectKpi', operation: 'get', project: PROJECT, source: 'areaPath', areaPath: "Fabrikam Web\\Team's area" },
			routes: [{ method: 'POST', path: /wiql$/, reply: { body: { workItems: bugs.map(({ id }) => ({ id })) } } }, batch],
		});
		const query = (calls[0].body as { query: string }).query;
		expect(query).toBe(
			"SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND [System.WorkItemType] IN ('Bug') AND [System.AreaPath] UNDER 'Fabrikam Web\\Team''s area' AND [System.Id] > 0 ORDER BY [System.Id] ASC",
		);
		expect(calls[1].body).toMatchObject({ fields: ['System.Id', 'System.State', 'Microsoft.VSTS.Common.Severity'] });
		const json = items[0].json;
		expect(json).toMatchObject({ totalDefects: 3, criticalDefects: 1, moderateDefects: 1, openDefects: 2, closedDefects: 1 });
		expect(json).not.toHaveProperty('criticalIds');
		expect(json).toMatchObject({ bySeverity: { '1 - Critical': 2, '3 - Medium': 1 }, byState: { Active: 1, Closed: 1, New: 1 } });
		expect(Object.keys(json)).toEqual(['totalDefects', 'criticalDefects', 'moderateDefects', 'openDefects', 'closedDefects', 'bySeverity', 'byState', 'criticalDefectsLink']);
		const link = new URL(json.criticalDefectsLink as string);
		expect(`${link.origin}${link.pathname}`).toBe(`${ORG}/Fabrikam%20Web/_queries/query/`);
		expect(link.searchParams.get('wiql')).toContain("[Microsoft.VSTS.Common.Severity] IN ('1 - Critical', '2 - High') AND [System.State] NOT IN ('Closed', 'Resolved', 'Done', 'Removed')");
	});

	it('pages an area path beyond one WIQL answer by id', async () => {
		const pageSize = 10000;
		let call = 0;
		const { items, calls } = await run({
			parameters: { resource: 'defectKpi', operation: 'get', project: PROJECT, source: 'areaPath', areaPath: '' },
			routes: [
				{
					method: 'POST',
					path: /wiql$/,
					reply: () => ({ body: { workItems: (call++ === 0 ? Array.from({ length: pageSize }, (_, i) => i + 1) : [pageSize + 1]).map((id) => ({ id })) } }),
				},
				{ method: 'POST', path: /workitemsbatch$/, reply: (c: { body?: unknown }) => ({ body: { value: (c.body as { ids: number[] }).ids.map((id) => workItem(id, { 'System.State': 'Active' })) } }) },
			],
		});
		const wiqlCalls = calls.filter((c) => c.url.endsWith('wiql'));
		expect(wiqlCalls).toHaveLength(2);
		expect((wiqlCalls[1].body as { query: string }).query).toContain(`[System.Id] > ${pageSize} ORDER BY`);
		expect(wiqlCalls[1].qs).toMatchObject({ $top: pageSize });
		expect(items[0].json.totalDefects).toBe(pageSize + 1);
	});

	it('counts what a WIQL query returns and links its critical defects by id', async () => {
		const { items } = await run({
			parameters: { resource: 'defectKpi', operation: 'get', project: PROJECT, source: 'wiql', query: 'SELECT [System.Id] FROM WorkItems', kpiOptions: { severityScope: 'all' } },
			routes: [{ method: 'POST', path: /wiql$/, reply: { body: { workItems: bugs.map(({ id }) => ({ id })) } } }, batch],
		});
		expect(items[0].json).toMatchObject({ criticalDefects: 2, moderateDefects: 1 });
		expect(new URL(items[0].json.criticalDefectsLink as string).searchParams.get('wiql')).toContain('[System.Id] IN (1, 2)');
	});

	it('gives no link when a WIQL source has no critical defects', async () => {
		const { items } = await run({
			parameters: { resource: 'defectKpi', operation: 'get', project: PROJECT, source: 'wiql', query: 'q' },
			routes: [{ method: 'POST', path: /wiql$/, reply: { body: { workItems: [{ id: 3 }] } } }, batch],
		});
		expect(items[0].json).toMatchObject({ totalDefects: 1, criticalDefects: 0, moderateDefects: 1, criticalDefectsLink: null });
	});

	it('uses the link given in the options', async () => {
		const { items } = await run({
			parameters: { resource: 'defectKpi', operation: 'get', project: PROJECT, source: 'wiql', query: 'q', kpiOptions: { criticalDefectsLink: 'https://dev.azure.com/fabrikam/web/_queries/query/abc' } },
			routes: [{ method: 'POST', path: /wiql$/, reply: { body: { workItems: [] } } }],
		});
		expect(items[0].json).toMatchObject({ totalDefects: 0, criticalDefectsLink: 'https://dev.azure.com/fabrikam/web/_queries/query/abc' });
	});
});

describe('queryLink', () => {
	it('opens the query text in Azure Boards', () => {
		expect(queryLink('https://dev.azure.com/fabrikam', 'Fabrikam Web', "SELECT [System.Id] FROM WorkItems WHERE [System.State] = 'New'")).toBe(
			"https://dev.azure.com/fabrikam/Fabrikam%20Web/_queries/query/?wiql=SELECT%20%5BSystem.Id%5D%20FROM%20WorkItems%20WHERE%20%5BSystem.State%5D%20%3D%20'New'",
		);
	});
});
