import { NodeApiError, type IDataObject, type ILoadOptionsFunctions } from 'n8n-workflow';

import { getPipelines, getRepositories, getWorkItemTypes } from '../../../nodes/AzureDevOps/methods/loadOptions';
import { ORG, executeContext, type Route } from '../../helpers/azureDevOps';

function loadOptionsContext(routes: Route[], project: string | IDataObject = 'Fabrikam Web') {
	const { context, calls } = executeContext({
		parameters: { project },
		credentials: { organizationUrl: `${ORG}//`, personalAccessToken: 'pat' },
		routes,
	});
	return { context: context as unknown as ILoadOptionsFunctions, calls };
}

describe('loadOptions', () => {
	it('reads the project from the project locator, decoding a name taken from a URL', async () => {
		const { context, calls } = loadOptionsContext(
			[{ method: 'GET', path: /^\/Fabrikam%20Web\/_apis\/git\/repositories$/, reply: { body: { value: [{ id: 'r1', name: 'web-shop' }] } } }],
			{ __rl: true, mode: 'list', value: 'Fabrikam%20Web' },
		);
		expect(await getRepositories.call(context)).toEqual([{ name: 'web-shop', value: 'r1' }]);
		expect(calls[0].url).toBe(`${ORG}/Fabrikam%20Web/_apis/git/repositories`);
	});

	it('lists the enabled work item types of the chosen project', async () => {
		const { context, calls } = loadOptionsContext([
			{ method: 'GET', path: /^\/Fabrikam%20Web\/_apis\/wit\/workitemtypes$/, reply: { body: { value: [{ name: 'Task' }, { name: 'Bug' }, { name: 'Old', isDisabled: true }] } } },
		]);
		expect(await getWorkItemTypes.call(context)).toEqual([
			{ name: 'Bug', value: 'Bug' },
			{ name: 'Task', value: 'Task' },
		]);
		expect(calls[0].url).toBe(`${ORG}/Fabrikam%20Web/_apis/wit/workitemtypes`);
	});

	it('lists nothing until a project is chosen', async () => {
		const { context, calls } = loadOptionsContext([], '');
		expect(await getPipelines.call(context)).toEqual([]);
		expect(calls).toHaveLength(0);
	});

	it('names pipelines with their folder', async () => {
		const { context } = loadOptionsContext([
			{ method: 'GET', path: /_apis\/pipelines$/, reply: { body: { value: [{ id: 7, name: 'release', folder: '\\web' }, { id: 3, name: 'ci', folder: '\\' }] } } },
		]);
		expect(await getPipelines.call(context)).toEqual([
			{ name: '\\web\\release', value: '7' },
			{ name: 'ci', value: '3' },
		]);
	});

	it('fails with a NodeApiError when the token is refused', async () => {
		const { context } = loadOptionsContext([{ method: 'GET', path: /_apis\/wit\/workitemtypes$/, reply: { statusCode: 401 } }]);
		await expect(getWorkItemTypes.call(context)).rejects.toThrow(NodeApiError);
	});
});
