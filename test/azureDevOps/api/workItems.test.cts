import { getWorkItemsBatch, organizationBase, runWiql, withHtmlUrl, wiqlString } from '../../../nodes/AzureDevOps/api/workItems';
import { ORG, executeContext, workItem } from '../../helpers/azureDevOps';

const PROJECT = 'Fabrikam Web';

describe('runWiql', () => {
	it('posts the query in the project and answers the ids in order, each once, up to $top', async () => {
		const { context, calls } = executeContext({
			routes: [{ method: 'POST', path: /^\/Fabrikam%20Web\/_apis\/wit\/wiql$/, reply: { body: { workItems: [{ id: 3 }, { id: 1 }, { id: 3 }, { id: 2 }] } } }],
		});
		await expect(runWiql(context, PROJECT, 'SELECT [System.Id] FROM WorkItems', 2)).resolves.toEqual([3, 1]);
		expect(calls[0]).toMatchObject({ body: { query: 'SELECT [System.Id] FROM WorkItems' }, qs: { $top: 2 } });
	});

	it('reads the ids of link queries from their relations', async () => {
		const { context } = executeContext({
			routes: [{ method: 'POST', path: /wiql$/, reply: { body: { queryType: 'oneHop', workItemRelations: [{ source: null, target: { id: 10 } }, { source: { id: 10 }, target: { id: 11 } }] } } }],
		});
		await expect(runWiql(context, PROJECT, 'SELECT [System.Id] FROM WorkItemLinks')).resolves.toEqual([10, 11]);
	});
});

describe('getWorkItemsBatch', () => {
	it('reads 200 at a time, keeps the order of the ids and skips the ones Azure DevOps omits', async () => {
		const ids = Array.from({ length: 450 }, (_, index) => index + 1);
		const { context, calls } = executeContext({
			routes: [
				{
					method: 'POST',
					path: /^\/Fabrikam%20Web\/_apis\/wit\/workitemsbatch$/,
					reply: (call) => ({ body: { value: (call.body as { ids: number[] }).ids.filter((id) => id !== 3).reverse().map((id) => workItem(id)) } }),
				},
			],
		});
		const found = await getWorkItemsBatch(context, PROJECT, ids);
		expect(calls.map((call) => (call.body as { ids: number[] }).ids.length)).toEqual([200, 200, 50]);
		expect(calls[0].body).toMatchObject({ errorPolicy: 'omit', $expand: 'relations' });
		expect(found).toHaveLength(449);
		expect(found.slice(0, 3).map((item) => item.id)).toEqual([1, 2, 4]);
	});

	it('asks for the chosen fields instead of the relations', async () => {
		const { context, calls } = executeContext({ routes: [{ method: 'POST', path: /workitemsbatch$/, reply: { body: { value: [] } } }] });
		await getWorkItemsBatch(context, PROJECT, [1], ['System.Title']);
		expect(calls[0].body).toEqual({ ids: [1], errorPolicy: 'omit', fields: ['System.Title'] });
	});
});

describe('links to Azure Boards', () => {
	it('starts at the organization URL of the credential', async () => {
		await expect(organizationBase(executeContext().context)).resolves.toBe(ORG);
	});

	it("adds the work item's web page, in its own project or the one given", () => {
		expect(withHtmlUrl(ORG, workItem(5)).htmlUrl).toBe(`${ORG}/Fabrikam%20Web/_workitems/edit/5`);
		expect(withHtmlUrl(ORG, { id: 6 }, 'Other').htmlUrl).toBe(`${ORG}/Other/_workitems/edit/6`);
		expect(withHtmlUrl(ORG, { id: 7 }).htmlUrl).toBe(`${ORG}/_workitems/edit/7`);
	});

	it('quotes WIQL strings', () => {
		expect(wiqlString("Team's area")).toBe("'Team''s area'");
	});
});
