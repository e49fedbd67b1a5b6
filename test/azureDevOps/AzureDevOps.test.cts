import { NodeApiError } from 'n8n-workflow';

import { AzureDevOps } from '../../nodes/AzureDevOps/AzureDevOps.node';
import { ORG, executeContext } from './apiMock';

const node = new AzureDevOps();
const PROJECT = 'Fabrikam Web';

async function run(options: Parameters<typeof executeContext>[0]) {
	const { context, calls } = executeContext(options);
	const output = await node.execute.call(context);
	return { items: output[0], calls };
}

const workItem = (id: number, fields: Record<string, unknown> = {}) => ({
	id,
	rev: 1,
	url: `${ORG}/_apis/wit/workItems/${id}`,
	fields: { 'System.TeamProject': PROJECT, 'System.Title': `Item ${id}`, ...fields },
});

describe('Work Item: Create', () => {
	it('posts a JSON Patch document and outputs id, API url and htmlUrl', async () => {
		const { items, calls } = await run({
			parameters: {
				resource: 'workItem',
				operation: 'create',
				project: PROJECT,
				workItemType: 'Bug',
				title: 'Checkout fails with card',
				additionalFields: {
					reproSteps: 'Run test case TC-7',
					severity: '2 - High',
					linkUrl: 'https://cloud.uipath.com/acme/tm/log/123',
					linkComment: 'Test Manager test case log',
				},
				writeOptions: { suppressNotifications: true },
			},
			routes: [{ method: 'POST', path: /^\/Fabrikam%20Web\/_apis\/wit\/workitems\/\$Bug$/, reply: { body: workItem(77) } }],
		});
		const call = calls[0];
		expect(call.headers).toMatchObject({ 'Content-Type': 'application/json-patch+json' });
		expect(call.qs).toEqual({ suppressNotifications: true, 'api-version': '7.1' });
		expect(JSON.parse(call.body as string)).toEqual([
			{ op: 'add', path: '/fields/System.Title', value: 'Checkout fails with card' },
			{ op: 'add', path: '/fields/Microsoft.VSTS.TCM.ReproSteps', value: 'Run test case TC-7' },
			{ op: 'add', path: '/fields/Microsoft.VSTS.Common.Severity', value: '2 - High' },
			{
				op: 'add',
				path: '/relations/-',
				value: { rel: 'Hyperlink', url: 'https://cloud.uipath.com/acme/tm/log/123', attributes: { comment: 'Test Manager test case log' } },
			},
		]);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			id: 77,
			url: `${ORG}/_apis/wit/workItems/77`,
			htmlUrl: `${ORG}/Fabrikam%20Web/_workitems/edit/77`,
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('refuses an empty title before calling Azure DevOps', async () => {
		const { context, calls } = executeContext({
			parameters: { resource: 'workItem', operation: 'create', project: PROJECT, workItemType: 'Bug', title: '  ' },
			routes: [],
		});
		await expect(node.execute.call(context)).rejects.toThrow('The title is empty');
		expect(calls).toHaveLength(0);
	});
});

describe('Work Item: Get and Update', () => {
	it('gets a work item with its relations', async () => {
		const { items, calls } = await run({
			parameters: { resource: 'workItem', operation: 'get', workItemId: 5 },
			routes: [{ method: 'GET', path: /^\/_apis\/wit\/workitems\/5$/, reply: { body: workItem(5) } }],
		});
		expect(calls[0].qs).toEqual({ $expand: 'relations', 'api-version': '7.1' });
		expect(items[0].json.htmlUrl).toBe(`${ORG}/Fabrikam%20Web/_workitems/edit/5`);
	});

	it('asks for chosen fields only, without $expand (Azure DevOps refuses both)', async () => {
		const { calls } = await run({
			parameters: { resource: 'workItem', operation: 'get', workItemId: 5, readOptions: { fields: 'System.Title, System.State', expand: 'all' } },
			routes: [{ method: 'GET', path: /workitems\/5$/, reply: { body: workItem(5) } }],
		});
		expect(calls[0].qs).toEqual({ fields: 'System.Title,System.State', 'api-version': '7.1' });
	});

	it('updates with a revision test so concurrent changes are not overwritten', async () => {
		const { calls, items } = await run({
			parameters: { resource: 'workItem', operation: 'update', workItemId: 5, updateFields: { state: 'Resolved', title: 'New title' }, writeOptions: { expectedRevision: 3 } },
			routes: [{ method: 'PATCH', path: /^\/_apis\/wit\/workitems\/5$/, reply: { body: workItem(5, { 'System.State': 'Resolved' }) } }],
		});
		expect(JSON.parse(calls[0].body as string)).toEqual([
			{ op: 'test', path: '/rev', value: 3 },
			{ op: 'add', path: '/fields/System.Title', value: 'New title' },
			{ op: 'add', path: '/fields/System.State', value: 'Resolved' },
		]);
		expect(items[0].json.fields).toMatchObject({ 'System.State': 'Resolved' });
	});

	it('refuses an update with nothing to change', async () => {
		const { context } = executeContext({ parameters: { resource: 'workItem', operation: 'update', workItemId: 5, updateFields: {} }, routes: [] });
		await expect(node.execute.call(context)).rejects.toThrow('Nothing to update');
	});
});

describe('Work Item: Query', () => {
	const ids = Array.from({ length: 450 }, (_, index) => index + 1);
	const routes = [
		{ method: 'POST', path: /^\/Fabrikam%20Web\/_apis\/wit\/wiql$/, reply: (call: { qs?: Record<string, unknown> }) => ({ body: { queryType: 'flat', workItems: ids.slice(0, (call.qs?.$top as number) ?? ids.length).map((id) => ({ id, url: '' })) } }) },
		{
			method: 'POST',
			path: /^\/Fabrikam%20Web\/_apis\/wit\/workitemsbatch$/,
			// Answers in reverse order and drops id 3 (deleted): the node keeps the query's order.
			reply: (call: { body?: unknown }) => ({ body: { value: ((call.body as { ids: number[] }).ids).filter((id) => id !== 3).reverse().map((id) => workItem(id)) } }),
		},
	];

	it('returns all results, reading details 200 at a time in the order of the query', async () => {
		const { items, calls } = await run({
			parameters: { resource: 'workItem', operation: 'query', project: PROJECT, query: 'SELECT [System.Id] FROM WorkItems', returnAll: true },
			routes,
		});
		const batches = calls.filter((call) => call.url.endsWith('workitemsbatch'));
		expect(batches.map((call) => (call.body as { ids: number[] }).ids.length)).toEqual([200, 200, 50]);
		expect(batches[0].body).toMatchObject({ errorPolicy: 'omit', $expand: 'relations' });
		expect(calls[0].body).toEqual({ query: 'SELECT [System.Id] FROM WorkItems' });
		expect(items).toHaveLength(449);
		expect(items.slice(0, 3).map((item) => item.json.id)).toEqual([1, 2, 4]);
		expect(items.every((item) => item.pairedItem !== undefined)).toBe(true);
	});

	it('limits with $top and asks only for chosen fields', async () => {
		const { items, calls } = await run({
			parameters: { resource: 'workItem', operation: 'query', project: PROJECT, query: 'SELECT [System.Id] FROM WorkItems', returnAll: false, limit: 10, readOptions: { fields: 'System.Title' } },
			routes,
		});
		expect(calls[0].qs).toMatchObject({ $top: 10 });
		expect(calls[1].body).toEqual({ ids: ids.slice(0, 10), errorPolicy: 'omit', fields: ['System.Title'] });
		expect(items).toHaveLength(9);
	});

	it('reads the ids of link queries from their relations', async () => {
		const { items } = await run({
			parameters: { resource: 'workItem', operation: 'query', project: PROJECT, query: 'SELECT [System.Id] FROM WorkItemLinks', returnAll: true },
			routes: [
				{ method: 'POST', path: /wiql$/, reply: { body: { queryType: 'oneHop', workItemRelations: [{ source: null, target: { id: 10 } }, { source: { id: 10 }, target: { id: 11 } }] } } },
				routes[1],
			],
		});
		expect(items.map((item) => item.json.id)).toEqual([10, 11]);
	});
});

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

describe('errors', () => {
	it('passes Azure DevOps message on as a NodeApiError, with the scope to grant', async () => {
		const { context } = executeContext({
			parameters: { resource: 'workItem', operation: 'get', workItemId: 5 },
			routes: [{ method: 'GET', path: /workitems\/5$/, reply: { statusCode: 403, body: { message: 'TF401019: no access' } } }],
		});
		const error = (await node.execute.call(context).catch((e: unknown) => e)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Azure DevOps refused the request: TF401019: no access');
		expect(error.description).toMatch(/Work Items \(read and write\)/);
	});

	it('reads JSON that arrives as text (JSON Patch answers) and refuses an unknown operation', async () => {
		const { items } = await run({
			parameters: { resource: 'workItem', operation: 'update', workItemId: 5, updateFields: { state: 'Closed' } },
			routes: [{ method: 'PATCH', path: /workitems\/5$/, reply: { body: JSON.stringify(workItem(5)), headers: { 'content-type': 'application/json; charset=utf-8' } } }],
		});
		expect(items[0].json).toMatchObject({ id: 5, htmlUrl: `${ORG}/Fabrikam%20Web/_workitems/edit/5` });
		const { context } = executeContext({ parameters: { resource: 'workItem', operation: 'delete', workItemId: 5 }, routes: [] });
		await expect(node.execute.call(context)).rejects.toThrow('The operation "delete" of "workItem" is not supported');
	});

	it('outputs the error and goes on with the next item under continueOnFail', async () => {
		const { items } = await run({
			continueOnFail: true,
			parameters: [
				{ resource: 'workItem', operation: 'get', workItemId: 404 },
				{ resource: 'workItem', operation: 'get', workItemId: 5 },
			],
			routes: [
				{ method: 'GET', path: /workitems\/404$/, reply: { statusCode: 404, body: { message: 'TF401232: Work item 404 does not exist' } } },
				{ method: 'GET', path: /workitems\/5$/, reply: { body: workItem(5) } },
			],
		});
		expect(items).toEqual([
			{ json: { error: 'Azure DevOps could not find it: TF401232: Work item 404 does not exist' }, pairedItem: { item: 0 } },
			expect.objectContaining({ pairedItem: { item: 1 } }),
		]);
	});
});
