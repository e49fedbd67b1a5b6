import { DEFAULT_FIELDS, MAX_RETURN_ALL } from '../../../../nodes/AzureDevOps/actions/workItem/query.operation';
import { runNode as run, workItem, type Route } from '../../../helpers/azureDevOps';

const PROJECT = 'Fabrikam Web';

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
		expect(batches[0].body).toMatchObject({ errorPolicy: 'omit', fields: DEFAULT_FIELDS });
		expect(batches[0].body).not.toHaveProperty('$expand');
		expect(calls[0].body).toEqual({ query: 'SELECT [System.Id] FROM WorkItems' });
		expect(calls[0].qs).toMatchObject({ $top: 20000 });
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

	it('reads every field and the relations when the fields option is *', async () => {
		const { calls } = await run({
			parameters: { resource: 'workItem', operation: 'query', project: PROJECT, query: 'SELECT [System.Id] FROM WorkItems', returnAll: false, limit: 5, readOptions: { fields: '*' } },
			routes,
		});
		expect(calls[1].body).toEqual({ ids: ids.slice(0, 5), errorPolicy: 'omit', $expand: 'relations' });
	});

	it('reads a flat query past 20,000 results page by page in id order, with Return All', async () => {
		const total = 45_000;
		const wiql: Route = {
			method: 'POST',
			path: /wiql$/,
			reply: (call) => {
				const after = Number(/\[System\.Id\] > (\d+)/.exec((call.body as { query: string }).query)?.[1] ?? 0);
				const top = call.qs?.$top as number;
				return { body: { workItems: Array.from({ length: Math.max(0, Math.min(top, total - after)) }, (_, i) => ({ id: after + i + 1 })) } };
			},
		};
		const batch: Route = { method: 'POST', path: /workitemsbatch$/, reply: (call) => ({ body: { value: (call.body as { ids: number[] }).ids.map((id) => ({ id, fields: {} })) } }) };
		const { items, calls } = await run({
			parameters: { resource: 'workItem', operation: 'query', project: PROJECT, query: "SELECT [System.Id] FROM WorkItems WHERE [System.State] = 'Active' ORDER BY [System.ChangedDate] DESC", returnAll: true },
			routes: [wiql, batch],
		});
		const queries = calls.filter((call) => call.url.endsWith('wiql')).map((call) => (call.body as { query: string }).query);
		expect(queries).toEqual([
			"SELECT [System.Id] FROM WorkItems WHERE [System.State] = 'Active' ORDER BY [System.ChangedDate] DESC",
			"SELECT [System.Id] FROM WorkItems WHERE ([System.State] = 'Active') ORDER BY [System.Id] ASC",
			"SELECT [System.Id] FROM WorkItems WHERE ([System.State] = 'Active') AND [System.Id] > 20000 ORDER BY [System.Id] ASC",
			"SELECT [System.Id] FROM WorkItems WHERE ([System.State] = 'Active') AND [System.Id] > 40000 ORDER BY [System.Id] ASC",
		]);
		expect(items).toHaveLength(total);
		expect(items[total - 1].json.id).toBe(total);
	});

	it('says how far it got and what to do when Return All would pass its cap, or a link query WIQL\'s', async () => {
		const endless: Route = {
			method: 'POST',
			path: /wiql$/,
			reply: (call) => {
				const after = Number(/\[System\.Id\] > (\d+)/.exec((call.body as { query: string }).query)?.[1] ?? 0);
				return { body: { workItems: Array.from({ length: 20000 }, (_, i) => ({ id: after + i + 1 })) } };
			},
		};
		const query = { resource: 'workItem', operation: 'query', project: PROJECT, returnAll: true };
		await expect(run({ parameters: { ...query, query: 'SELECT [System.Id] FROM WorkItems' }, routes: [endless] })).rejects.toMatchObject({
			message: `The query finds more than ${MAX_RETURN_ALL} work items, the most Return All reads`,
			description: 'Stopped after 120000 ids, before reading any work item. Set a Limit, or narrow the query.',
		});
		await expect(run({ parameters: { ...query, query: 'SELECT [System.Id] FROM WorkItemLinks MODE (MustContain)' }, routes: [endless] })).rejects.toThrow(
			'The link query finds 20,000 work items or more',
		);
	});

	it('explains how to narrow a query that WIQL refuses for passing 20,000 results', async () => {
		const refused: Route = { method: 'POST', path: /wiql$/, reply: { statusCode: 400, body: { message: 'VS402337: The number of work items returned exceeds the size limit of 20000. Change the query to return fewer work items.' } } };
		await expect(
			run({ parameters: { resource: 'workItem', operation: 'query', project: PROJECT, query: 'SELECT [System.Id] FROM WorkItemLinks', returnAll: false, limit: 5 }, routes: [refused] }),
		).rejects.toMatchObject({ description: expect.stringContaining('Narrow it (an area path, a work item type, a date') });
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
