import { NodeApiError, type ILoadOptionsFunctions } from 'n8n-workflow';

import { getPipelines, getProjects, getWorkItemTypes } from '../../../nodes/AzureDevOps/methods/loadOptions';
import { ORG, executeContext, type Route } from '../../helpers/azureDevOps';

function loadOptionsContext(routes: Route[], project = 'Fabrikam Web') {
	const { context, calls } = executeContext({
		parameters: { project },
		credentials: { organizationUrl: `${ORG}//`, personalAccessToken: 'pat' },
		routes,
	});
	return { context: context as unknown as ILoadOptionsFunctions, calls };
}

describe('loadOptions', () => {
	it('lists projects by id, sorted by name, across pages', async () => {
		const page = (start: number, count: number) => Array.from({ length: count }, (_, i) => ({ id: `p${start + i}`, name: `Project ${String(start + i).padStart(4, '0')}` }));
		const { context, calls } = loadOptionsContext([
			{ method: 'GET', path: /^\/_apis\/projects$/, reply: (call) => ({ body: { value: call.qs?.$skip === 0 ? page(0, 500).reverse() : page(500, 3) } }) },
		]);
		const options = await getProjects.call(context);
		expect(options).toHaveLength(503);
		expect(options[0]).toEqual({ name: 'Project 0000', value: 'p0', description: undefined });
		expect(calls.map((call) => call.qs)).toEqual([
			{ $top: 500, $skip: 0, 'api-version': '7.1' },
			{ $top: 500, $skip: 500, 'api-version': '7.1' },
		]);
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
		const { context } = loadOptionsContext([{ method: 'GET', path: /_apis\/projects$/, reply: { statusCode: 401 } }]);
		await expect(getProjects.call(context)).rejects.toThrow(NodeApiError);
	});
});
