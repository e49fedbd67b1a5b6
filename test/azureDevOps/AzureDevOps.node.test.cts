import { NodeApiError } from 'n8n-workflow';

import { AzureDevOps } from '../../nodes/AzureDevOps/AzureDevOps.node';
import { ORG, executeContext, runNode as run, workItem } from '../helpers/azureDevOps';

const node = new AzureDevOps();

describe('errors', () => {
	it('passes Azure DevOps message on as a NodeApiError, with the scope to grant', async () => {
		const { context } = executeContext({
			parameters: { resource: 'workItem', operation: 'get', workItemId: 5 },
			routes: [{ method: 'GET', path: /workitems\/5$/, reply: { statusCode: 403, body: { message: 'TF401019: no access' } } }],
		});
		const error = (await node.execute.call(context).catch((e: unknown) => e)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Azure DevOps denied access (HTTP 403) during GET /_apis/wit/workitems/5: TF401019: no access');
		expect(error.description).toMatch(/Work Items \(read and write\)/);
		expect(error.context.itemIndex).toBe(0);
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
			{ json: { error: 'Azure DevOps found nothing (HTTP 404) during GET /_apis/wit/workitems/404: TF401232: Work item 404 does not exist' }, pairedItem: { item: 0 } },
			expect.objectContaining({ pairedItem: { item: 1 } }),
		]);
	});
});
