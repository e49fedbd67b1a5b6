import { runNode as run, workItem } from '../../../helpers/azureDevOps';

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
