import { AzureDevOps } from '../../../../nodes/AzureDevOps/AzureDevOps.node';
import { executeContext, runNode as run, workItem } from '../../../helpers/azureDevOps';

const node = new AzureDevOps();

describe('Work Item: Update', () => {
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
