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

describe('work item locator and Simplify', () => {
	it('refuses a work item that is not a number', async () => {
		const { context, calls } = executeContext({ parameters: { resource: 'workItem', operation: 'get', workItemId: { __rl: true, mode: 'id', value: '#12' } }, routes: [] });
		await expect(node.execute.call(context)).rejects.toThrow('"#12" is not a work item ID');
		expect(calls).toHaveLength(0);
	});

	it('outputs ten named fields instead of the whole work item with Simplify', async () => {
		const full = workItem(12, {
			'System.WorkItemType': 'Bug',
			'System.State': 'Active',
			'System.AssignedTo': { displayName: 'Jamal Hartnett', uniqueName: 'jamal@fabrikam.com', imageUrl: 'https://x' },
			'System.AreaPath': 'Fabrikam Web\\Checkout',
			'System.IterationPath': 'Fabrikam Web\\Sprint 3',
			'Microsoft.VSTS.Common.Priority': 1,
			'Microsoft.VSTS.Common.Severity': '2 - High',
			'System.Description': '<p>long</p>',
			'System.CreatedBy': { displayName: 'Someone' },
		});
		const { items } = await run({
			parameters: { resource: 'workItem', operation: 'get', workItemId: { __rl: true, mode: 'list', value: '12' }, simplify: true },
			routes: [{ method: 'GET', path: /workitems\/12$/, reply: { body: full } }],
		});
		expect(items[0].json).toEqual({
			id: 12,
			title: 'Item 12',
			workItemType: 'Bug',
			state: 'Active',
			assignedTo: 'Jamal Hartnett',
			areaPath: 'Fabrikam Web\\Checkout',
			iterationPath: 'Fabrikam Web\\Sprint 3',
			priority: 1,
			severity: '2 - High',
			htmlUrl: `${ORG}/Fabrikam%20Web/_workitems/edit/12`,
		});
	});
});

