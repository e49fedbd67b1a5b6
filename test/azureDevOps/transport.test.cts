import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';

import { AzureDevOpsApi } from '../../credentials/AzureDevOpsApi.credentials';
import { getPipelines, getProjects, getWorkItemTypes } from '../../nodes/AzureDevOps/loadOptions';
import { describeApiFailure, normalizeOrganizationUrl } from '../../nodes/AzureDevOps/transport';
import { ORG, apiMock } from './apiMock';

const node: INode = { id: 'n', name: 'Azure DevOps', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} };

function loadOptionsContext(routes: Parameters<typeof apiMock>[0], project = 'Fabrikam Web') {
	const api = apiMock(routes);
	const context = {
		getCurrentNodeParameter: jest.fn(() => project),
		getCredentials: jest.fn(async () => ({ organizationUrl: `${ORG}//`, personalAccessToken: 'pat' })),
		getNode: () => node,
		helpers: { httpRequestWithAuthentication: api.httpRequestWithAuthentication },
	};
	return { context: context as never, calls: api.calls };
}

describe('normalizeOrganizationUrl', () => {
	it('drops trailing slashes and whitespace', () => {
		expect(normalizeOrganizationUrl(node, ' https://dev.azure.com/fabrikam/ ')).toBe('https://dev.azure.com/fabrikam');
		expect(normalizeOrganizationUrl(node, 'https://tfs.example.com/tfs/DefaultCollection')).toBe('https://tfs.example.com/tfs/DefaultCollection');
	});

	it.each(['', 'dev.azure.com/fabrikam', 'ftp://x', undefined])('refuses %p with advice', (value) => {
		expect(() => normalizeOrganizationUrl(node, value)).toThrow(NodeOperationError);
		expect(() => normalizeOrganizationUrl(node, value)).toThrow('The Organization URL of the Azure DevOps credential is not a URL');
	});
});

describe('describeApiFailure', () => {
	it.each([
		[401, {}, /did not accept the personal access token/, /expired or been revoked/],
		[403, { message: 'TF400813: not authorized' }, /TF400813/, /"Work Items \(read and write\)"/],
		[404, { message: 'TF401232: missing' }, /could not find it: TF401232/, /Organization URL/],
		[409, {}, /conflicting change/, /read it again/],
		[412, { message: 'TF26071: changed' }, /TF26071/, /read it again/],
		[429, {}, /throttling/, /retry/],
		[400, { message: 'VS402337: too many' }, /answered 400: VS402337/, /Correct the request/],
		[503, {}, /answered 503: no message/, /retry later/],
	])('explains %i', (status, body, message, description) => {
		const failure = describeApiFailure(status, body, 'workItems');
		expect(failure.message).toMatch(message);
		expect(failure.description).toMatch(description);
	});

	it('mentions project administrators only for service hooks', () => {
		expect(describeApiFailure(403, {}, 'serviceHooks').description).toMatch(/project administrator/);
		expect(describeApiFailure(403, {}, 'workItems').description).not.toMatch(/project administrator/);
	});
});

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

	it("sends the credential's API version, e.g. for Azure DevOps Server", async () => {
		const api = apiMock([{ method: 'GET', path: /_apis\/projects$/, reply: { body: { value: [] } } }]);
		const context = {
			getCredentials: jest.fn(async () => ({ organizationUrl: 'https://tfs.example.com/tfs/DefaultCollection', personalAccessToken: 'pat', apiVersion: '6.0' })),
			getNode: () => node,
			helpers: { httpRequestWithAuthentication: api.httpRequestWithAuthentication },
		};
		await getProjects.call(context as never);
		expect(api.calls[0]).toMatchObject({ url: 'https://tfs.example.com/tfs/DefaultCollection/_apis/projects', qs: { 'api-version': '6.0' } });
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

describe('apiRequest failures', () => {
	it('turns a connection failure into advice, leaving the request (and its token) behind', async () => {
		const pat = 'pat-that-must-not-leak';
		const failure = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:443'), {
			code: 'ECONNREFUSED',
			config: { headers: { Authorization: `Basic ${Buffer.from(`:${pat}`).toString('base64')}` } },
		});
		const context = {
			getCredentials: jest.fn(async () => ({ organizationUrl: ORG, personalAccessToken: pat })),
			getNode: () => node,
			helpers: { httpRequestWithAuthentication: jest.fn(async () => Promise.reject(failure)) },
		};
		const error = (await getProjects.call(context as never).catch((e: unknown) => e)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(`Could not reach Azure DevOps at ${ORG}`);
		expect(error.description).toMatch(/ECONNREFUSED.*Organization URL/);
		const everything = JSON.stringify({ ...error, message: error.message, description: error.description, cause: error.cause });
		expect(everything).not.toContain(pat);
		expect(everything).not.toContain(Buffer.from(`:${pat}`).toString('base64'));
	});

	it('does not mistake an HTML error page for the sign-in page', async () => {
		const { context } = loadOptionsContext([{ method: 'GET', path: /_apis\/projects$/, reply: { statusCode: 502, body: '<html>Bad gateway</html>', headers: { 'content-type': 'text/html' } } }]);
		await expect(getProjects.call(context)).rejects.toThrow('Azure DevOps answered 502: no message');
	});
});

describe('AzureDevOpsApi credential', () => {
	const credential = new AzureDevOpsApi();

	it('sends the token as the Basic password with an empty user name', () => {
		expect(credential.authenticate).toEqual({
			type: 'generic',
			properties: { auth: { username: '', password: '={{$credentials.personalAccessToken}}' } },
		});
	});

	it('tests against the organization and keeps the local-URL switch off by default', () => {
		expect(credential.test.request).toMatchObject({ url: '/_apis/projects', qs: { 'api-version': '={{$credentials.apiVersion || "7.1"}}' } });
		expect(credential.properties.find((p) => p.name === 'allowLocalWebhookUrls')?.default).toBe(false);
		expect(credential.properties.find((p) => p.name === 'personalAccessToken')?.typeOptions).toEqual({ password: true });
	});
});
