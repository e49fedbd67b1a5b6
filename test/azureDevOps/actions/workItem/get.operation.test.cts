import { ORG, runNode as run, workItem } from '../../../helpers/azureDevOps';

describe('Work Item: Get', () => {
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
});
