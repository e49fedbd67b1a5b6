import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { searchProjects, searchWorkItems } from '../../../nodes/AzureDevOps/methods/listSearch';
import { ORG, executeContext, workItem, type Route } from '../../helpers/azureDevOps';

function listContext(routes: Route[]) {
	const { context, calls } = executeContext({ routes });
	return { context: context as unknown as ILoadOptionsFunctions, calls };
}

const projects = (start: number, count: number) =>
	Array.from({ length: count }, (_, i) => ({ id: `p${start + i}`, name: `Project ${start + i}` }));

describe('searchProjects', () => {
	it('answers one page of 100 with its web address and a token for the next', async () => {
		const { context, calls } = listContext([
			{ method: 'GET', path: /^\/_apis\/projects$/, reply: { body: { value: projects(0, 100) } } },
		]);
		const { results, paginationToken } = await searchProjects.call(context);
		expect(results).toHaveLength(100);
		expect(results[0]).toEqual({ name: 'Project 0', value: 'p0', url: `${ORG}/Project%200` });
		expect(paginationToken).toBe('100');
		expect(calls.map((call) => call.qs)).toEqual([{ $top: 100, $skip: 0, 'api-version': '7.1' }]);
	});

	it('continues at the token and ends at a short page', async () => {
		const { context, calls } = listContext([
			{ method: 'GET', path: /^\/_apis\/projects$/, reply: { body: { value: projects(100, 3) } } },
		]);
		const { results, paginationToken } = await searchProjects.call(context, undefined, '100');
		expect(results.map((r) => r.value)).toEqual(['p100', 'p101', 'p102']);
		expect(paginationToken).toBeUndefined();
		expect(calls[0].qs).toMatchObject({ $skip: 100 });
	});

	it('filters by name and reads on while too few match, up to the end of the list', async () => {
		const { context, calls } = listContext([
			{
				method: 'GET',
				path: /^\/_apis\/projects$/,
				reply: (call) => ({ body: { value: projects(Number(call.qs?.$skip), call.qs?.$skip === 200 ? 10 : 100) } }),
			},
		]);
		const { results, paginationToken } = await searchProjects.call(context, 'project 20');
		// "Project 20" and "Project 200".."Project 209": the list ends at the third, short page.
		expect(results.map((r) => r.name)).toEqual(['Project 20', ...Array.from({ length: 10 }, (_, i) => `Project ${200 + i}`)]);
		expect(paginationToken).toBeUndefined();
		expect(calls.map((call) => call.qs?.$skip)).toEqual([0, 100, 200]);
	});
});

describe('searchWorkItems', () => {
	const wiqlRoute = (ids: number[]): Route => ({ method: 'POST', path: /^\/_apis\/wit\/wiql$/, reply: { body: { workItems: ids.map((id) => ({ id })) } } });
	const batchRoute: Route = {
		method: 'POST',
		path: /^\/_apis\/wit\/workitemsbatch$/,
		reply: (call) => ({ body: { value: ((call.body as { ids: number[] }).ids).map((id) => workItem(id, { 'System.WorkItemType': 'Bug' })) } }),
	};

	it('asks the whole organization for the newest work items with words of the title starting so (full-text, no scan)', async () => {
		const { context, calls } = listContext([wiqlRoute([9, 7]), batchRoute]);
		const { results, paginationToken } = await searchWorkItems.call(context, "it's");
		expect(calls[0].url).toBe(`${ORG}/_apis/wit/wiql`);
		expect(calls[0].body).toEqual({ query: "SELECT [System.Id] FROM WorkItems WHERE [System.Title] CONTAINS WORDS 'it''s*' ORDER BY [System.Id] DESC" });
		expect(calls[0].qs).toMatchObject({ $top: 50 });
		expect(results).toEqual([
			{ name: 'Bug 9: Item 9', value: '9', url: `${ORG}/Fabrikam%20Web/_workitems/edit/9` },
			{ name: 'Bug 7: Item 7', value: '7', url: `${ORG}/Fabrikam%20Web/_workitems/edit/7` },
		]);
		expect(paginationToken).toBeUndefined();
	});

	it('matches a number as an id or in the title, and pages below the last id', async () => {
		const ids = Array.from({ length: 50 }, (_, i) => 500 - i);
		const { context, calls } = listContext([wiqlRoute(ids), batchRoute]);
		const { paginationToken } = await searchWorkItems.call(context, '42', '501');
		expect((calls[0].body as { query: string }).query).toBe(
			"SELECT [System.Id] FROM WorkItems WHERE ([System.Id] = 42 OR [System.Title] CONTAINS WORDS '42*') AND [System.Id] < 501 ORDER BY [System.Id] DESC",
		);
		expect(paginationToken).toBe('451');
	});

	it('searches titles with CONTAINS where the server has no full-text search (a 400)', async () => {
		const { context, calls } = listContext([
			{ method: 'POST', path: /^\/_apis\/wit\/wiql$/, reply: (call) => ((call.body as { query: string }).query.includes('CONTAINS WORDS') ? { statusCode: 400, body: { message: 'TF51005: full-text search is not available' } } : { body: { workItems: [{ id: 3 }] } }) },
			batchRoute,
		]);
		const { results } = await searchWorkItems.call(context, 'login');
		expect((calls[1].body as { query: string }).query).toBe("SELECT [System.Id] FROM WorkItems WHERE [System.Title] CONTAINS 'login' ORDER BY [System.Id] DESC");
		expect(results.map((result) => result.value)).toEqual(['3']);
	});

	it('makes no batch call when nothing matches', async () => {
		const { context, calls } = listContext([wiqlRoute([])]);
		expect(await searchWorkItems.call(context, 'nothing')).toEqual({ results: [] });
		expect(calls).toHaveLength(1);
	});
});
