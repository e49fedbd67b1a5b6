import { inspect } from 'node:util';

import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';

import {
	azureDevOpsAdvice,
	azureDevOpsApiRequest,
	normalizeOrganizationUrl,
	type AzureDevOpsRequest,
	projectSegment,
} from '../../nodes/AzureDevOps/transport';
import { executeContext as plainContext } from '../helpers/contexts';
import { ORG, PAT, executeContext, type Route } from '../helpers/azureDevOps';

const node: INode = { id: 'n', name: 'Azure DevOps', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} };
const getWorkItem: AzureDevOpsRequest = { method: 'GET', path: '_apis/wit/workitems/5', scope: 'workItems' };

async function failureOf(reply: Route['reply'], request = getWorkItem): Promise<NodeApiError> {
	const { context } = executeContext({ routes: [{ method: request.method, path: /./, reply }] });
	return (await azureDevOpsApiRequest(context, request).catch((error: unknown) => error)) as NodeApiError;
}

describe('projectSegment', () => {
	it('encodes a project name as one path segment, and refuses "." and ".." (they would leave the project path)', () => {
		expect(projectSegment(' Fabrikam Web ')).toBe('Fabrikam%20Web');
		expect(projectSegment('a/../b')).toBe('a%2F..%2Fb');
		expect(projectSegment('...')).toBe('...');
		for (const dots of ['.', '..', ' .. ']) expect(() => projectSegment(dots)).toThrow(/is not an Azure DevOps project/);
	});
});

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

describe('azureDevOpsApiRequest', () => {
	it('calls below the organization with the API version and answers the parsed body', async () => {
		const { context, calls } = executeContext({ routes: [{ method: 'GET', path: /^\/_apis\/wit\/workitems\/5$/, reply: { body: { id: 5 } } }] });
		await expect(azureDevOpsApiRequest(context, { ...getWorkItem, qs: { $expand: 'all' } })).resolves.toEqual({ id: 5 });
		expect(calls[0]).toMatchObject({ method: 'GET', url: `${ORG}/_apis/wit/workitems/5`, qs: { $expand: 'all', 'api-version': '7.1' }, json: true });
	});

	it("sends the credential's API version, e.g. for Azure DevOps Server", async () => {
		const { context, calls } = executeContext({
			credentials: { organizationUrl: 'https://tfs.example.com/tfs/DefaultCollection', personalAccessToken: 'pat', apiVersion: '6.0' },
			routes: [{ method: 'GET', path: /_apis\/projects$/, reply: { body: { value: [] } } }],
		});
		await azureDevOpsApiRequest(context, { method: 'GET', path: '_apis/projects', scope: 'projects' });
		expect(calls[0]).toMatchObject({ url: 'https://tfs.example.com/tfs/DefaultCollection/_apis/projects', qs: { 'api-version': '6.0' } });
	});

	it('sends JSON Patch as text with its content type and reads JSON that arrives as text', async () => {
		const { context, calls } = executeContext({
			routes: [{ method: 'PATCH', path: /workitems\/5$/, reply: { body: JSON.stringify({ id: 5, rev: 2 }), headers: { 'content-type': 'application/json; charset=utf-8' } } }],
		});
		const patch = [{ op: 'add', path: '/fields/System.State', value: 'Closed' }];
		const answer = await azureDevOpsApiRequest(context, { ...getWorkItem, method: 'PATCH', body: patch, contentType: 'application/json-patch+json' });
		expect(answer).toEqual({ id: 5, rev: 2 });
		expect(calls[0]).toMatchObject({ body: JSON.stringify(patch), json: false, headers: { 'Content-Type': 'application/json-patch+json' } });
	});

	it('answers undefined to a 404 only when the caller allows it', async () => {
		const { context } = executeContext({ routes: [{ method: 'GET', path: /./, reply: { statusCode: 404, body: { message: 'gone' } } }] });
		await expect(azureDevOpsApiRequest(context, { ...getWorkItem, allowNotFound: true })).resolves.toBeUndefined();
		await expect(azureDevOpsApiRequest(context, getWorkItem)).rejects.toThrow(NodeApiError);
	});
});

describe('azureDevOpsApiRequest failures', () => {
	const during = 'during GET /_apis/wit/workitems/5';
	it.each([
		[401, {}, `Azure DevOps did not accept the credentials (HTTP 401) ${during}`, /expired or been revoked/],
		[403, { message: 'TF400813: not authorized' }, `Azure DevOps denied access (HTTP 403) ${during}: TF400813: not authorized`, /"Work Items \(read and write\)"/],
		[404, { message: 'TF401232: missing' }, `Azure DevOps found nothing (HTTP 404) ${during}: TF401232: missing`, /Organization URL/],
		[409, {}, 'Azure DevOps refused a conflicting change: conflict', /read it again/],
		[412, { message: 'TF26071: changed' }, 'Azure DevOps refused a conflicting change: TF26071: changed', /read it again/],
		[429, {}, `Azure DevOps is limiting the rate of requests (HTTP 429) ${during}`, /retry/],
		[400, { message: 'VS402337: too many' }, `Azure DevOps answered HTTP 400 ${during}: VS402337: too many`, /Correct the request/],
		[503, {}, `Azure DevOps answered HTTP 503 ${during}`, /retry later/],
	])('explains %i', async (statusCode, body, message, description) => {
		const error = await failureOf({ statusCode, body });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(message);
		expect(error.description).toMatch(description);
		expect(error.httpCode).toBe(String(statusCode));
	});

	it('mentions who may manage subscriptions only for service hooks', () => {
		expect(azureDevOpsAdvice('serviceHooks').permission).toMatch(/"Service hooks \(read and write\)".*Project Collection Administrators or an organization owner/);
		expect(azureDevOpsAdvice('workItems').permission).not.toMatch(/Administrators/);
	});

	it('treats the sign-in page Azure DevOps serves for a bad token as 401', async () => {
		const error = await failureOf({ statusCode: 203, body: '<html>Sign in</html>', headers: { 'content-type': 'text/html' } });
		expect(error.message).toBe(`Azure DevOps did not accept the credentials (HTTP 401) ${during}`);
		expect(error.description).toMatch(/personal access token/);
		expect(error.httpCode).toBe('401');
		const okButHtml = await failureOf({ statusCode: 200, body: '<html>Sign in</html>', headers: { 'content-type': 'text/html; charset=utf-8' } });
		expect(okButHtml.httpCode).toBe('401');
	});

	it('does not mistake an HTML error page for the sign-in page', async () => {
		const error = await failureOf({ statusCode: 502, body: '<html>Bad gateway</html>', headers: { 'content-type': 'text/html' } });
		expect(error.message).toBe(`Azure DevOps answered HTTP 502 ${during}`);
		expect(error.httpCode).toBe('502');
	});

	it('turns a connection failure into advice, leaving the request (and its token) behind', async () => {
		const basic = Buffer.from(`:${PAT}`).toString('base64');
		const failure = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:443'), {
			code: 'ECONNREFUSED',
			config: { headers: { Authorization: `Basic ${basic}` } },
			cause: { request: { headers: { authorization: `Basic ${basic}` } } },
		});
		const { context } = plainContext({
			credentials: { organizationUrl: ORG, personalAccessToken: PAT },
			http: jest.fn(async () => await Promise.reject(failure)),
		});
		const error = (await azureDevOpsApiRequest(context, getWorkItem).catch((e: unknown) => e)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(`Could not reach Azure DevOps at ${ORG}`);
		expect(error.description).toMatch(/ECONNREFUSED.*Organization URL/);
		const everything = inspect(error, { depth: 10 });
		expect(everything).not.toContain(PAT);
		expect(everything).not.toContain(basic);
	});

	it('withholds a failure message that quotes the token', async () => {
		const { context } = plainContext({
			credentials: { organizationUrl: ORG, personalAccessToken: PAT },
			http: jest.fn(async () => await Promise.reject(new Error(`invalid header value ${PAT}`))),
		});
		const error = (await azureDevOpsApiRequest(context, getWorkItem).catch((e: unknown) => e)) as NodeApiError;
		expect(error.message).toBe('The request to Azure DevOps failed: details withheld because they quote a credential');
		expect(inspect(error, { depth: Infinity, showHidden: true })).not.toContain(PAT);
	});

	it('keeps the token out of an error built from an answer', async () => {
		const error = await failureOf({ statusCode: 403, body: { message: 'TF401027: You need the Git permission.', typeKey: 'UnauthorizedRequestException' } });
		expect(inspect(error, { depth: 10 })).not.toContain(PAT);
	});
});
