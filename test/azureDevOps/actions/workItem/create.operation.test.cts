import { AzureDevOps } from '../../../../nodes/AzureDevOps/AzureDevOps.node';
import { ORG, executeContext, runNode as run, workItem } from '../../../helpers/azureDevOps';

const node = new AzureDevOps();
const PROJECT = 'Fabrikam Web';

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
