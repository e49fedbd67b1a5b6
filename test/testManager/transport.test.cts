import { inspect } from 'node:util';

import { NodeApiError } from 'n8n-workflow';

import {
	PAGE_SIZE,
	testManagerApiRequest,
	testManagerApiRequestAllItems,
} from '../../nodes/TestManager/transport';
import { API_BASE, CREDENTIALS, page, testManagerContext } from '../helpers/testManager';

const logs = Array.from({ length: 230 }, (_, i) => ({ id: `log-${i}` }));
const failure = async (promise: Promise<unknown>) => (await promise.catch((e: unknown) => e)) as NodeApiError;
/** Everything an error holds, as a log or the execution data would show it. */
const everything = (error: unknown) => inspect(error, { depth: 10 });

describe('testManagerApiRequest', () => {
	it('calls {base}/{org}/{tenant}/testmanager_ with the credential, asking for JSON, and returns the body', async () => {
		const { context, http } = testManagerContext({ handler: () => [200, { id: 'e-1' }] });
		await expect(
			testManagerApiRequest(context, { method: 'GET', path: '/api/v2/p/testexecutions/e/withStats', qs: { a: 1 } }),
		).resolves.toEqual({ id: 'e-1' });
		expect(http).toHaveBeenCalledWith(
			'testManagerApi',
			expect.objectContaining({
				method: 'GET',
				url: `${API_BASE}/api/v2/p/testexecutions/e/withStats`,
				qs: { a: 1 },
				headers: { Accept: 'application/json' },
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			}),
			undefined,
		);
	});

	it('encodes the organization and tenant and ignores trailing slashes of the base URL', async () => {
		const { context, http } = testManagerContext({
			credentials: { baseUrl: 'https://suite.example.com//', organization: 'acme corp', tenant: 'Tenant/1' },
		});
		await testManagerApiRequest(context, { method: 'GET', path: '/api/v2/projects' });
		expect(http.calls[0].url).toBe('https://suite.example.com/acme%20corp/Tenant%2F1/testmanager_/api/v2/projects');
	});

	it("turns a refusal into a NodeApiError with Test Manager's message, advice and no credentials", async () => {
		const { context } = testManagerContext({
			handler: () => [404, { message: 'Test execution x was not found' }],
		});
		const error = await failure(testManagerApiRequest(context, { method: 'GET', path: '/api/v2/p/testexecutions/x/withStats' }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			'UiPath Test Manager found nothing (HTTP 404) during GET /api/v2/p/testexecutions/x/withStats: Test execution x was not found',
		);
		expect(error.httpCode).toBe('404');
		expect(error.description).toBe(
			'Check the organization and tenant in the credential, and the project and test execution IDs',
		);
		expect(everything(error)).not.toContain(CREDENTIALS.accessToken);
		expect(everything(error)).not.toContain(CREDENTIALS.clientSecret);
	});

	it.each([
		[{ type: 'x', title: 'Not Found', detail: 'Project does not exist' }, 'Project does not exist'],
		[{ title: 'Forbidden' }, 'Forbidden'],
		[{ error: 'invalid_token', error_description: 'expired' }, 'expired'],
		['  plain text error  ', 'plain text error'],
	])("reads Test Manager's message from %j", async (body, expected) => {
		const { context } = testManagerContext({ handler: () => [400, body] });
		const error = await failure(testManagerApiRequest(context, { method: 'GET', path: '/api/v2/projects' }));
		expect(error.message).toBe(`UiPath Test Manager answered HTTP 400 during GET /api/v2/projects: ${expected}`);
	});

	it.each([[{ other: 1 }], [undefined], ['<html><body>Sign in</body></html>']])(
		'says that Test Manager gave no reason when %j carries none',
		async (body) => {
			const { context } = testManagerContext({ handler: () => [400, body] });
			const error = await failure(testManagerApiRequest(context, { method: 'GET', path: '/api/v2/projects' }));
			expect(error.message).toBe('UiPath Test Manager answered HTTP 400 during GET /api/v2/projects');
			expect(error.description).toBe('UiPath Test Manager gave no reason.');
		},
	);

	it.each([
		[403, 'UiPath Test Manager denied access (HTTP 403) during GET /api/v2/projects: Missing scope', 'TM.Projects.Read'],
		[429, 'UiPath Test Manager is limiting the rate of requests (HTTP 429) during GET /api/v2/projects', 'rate limiting'],
		[503, 'UiPath Test Manager answered HTTP 503 during GET /api/v2/projects: Missing scope', 'retry later'],
	])('adds advice to HTTP %i', async (status, message, hint) => {
		const { context } = testManagerContext({ handler: () => [status, { message: 'Missing scope' }] });
		const error = await failure(testManagerApiRequest(context, { method: 'GET', path: '/api/v2/projects' }));
		expect(error.message).toBe(message);
		expect(error.description).toContain(hint);
	});

	it('asks for a new token once when Test Manager answers 401, then goes on with the answer', async () => {
		const { context, http } = testManagerContext({
			handler: (call) => (call.credentialsDecrypted ? [200, { data: [] }] : [401, { message: 'expired' }]),
		});
		await expect(testManagerApiRequest(context, { method: 'GET', path: '/api/v2/projects' })).resolves.toEqual({ data: [] });
		expect(http.calls).toHaveLength(2);
		expect(http.calls[0].credentialsDecrypted).toBeUndefined();
		// The token emptied: n8n then runs the credential's preAuthentication and stores the new token.
		expect(http.calls[1].credentialsDecrypted).toEqual({ ...CREDENTIALS, accessToken: '' });
		expect(http.mock.calls[1][2]).toMatchObject({ credentialsDecrypted: { type: 'testManagerApi' } });
	});

	it('reports a 401 that a new token does not cure, with advice on the External Application', async () => {
		const { context, http } = testManagerContext({ handler: () => [401, { message: 'invalid token' }] });
		const error = await failure(testManagerApiRequest(context, { method: 'GET', path: '/api/v2/projects' }));
		expect(http.calls).toHaveLength(2);
		expect(error.message).toBe('UiPath Test Manager did not accept the credentials (HTTP 401) during GET /api/v2/projects');
		expect(error.description).toContain('client ID, secret and scopes');
		expect(error.httpCode).toBe('401');
		expect(everything(error)).not.toContain(CREDENTIALS.clientSecret);
	});

	it('reports a failed token request with its clean reason, never the request', async () => {
		const { context, http } = testManagerContext();
		http.mockRejectedValueOnce(
			Object.assign(new Error('UiPath Identity refused the token request (HTTP 400, invalid_client).'), {
				config: { data: `client_secret=${CREDENTIALS.clientSecret}`, headers: { Authorization: 'Bearer token-value' } },
			}),
		);
		const error = await failure(testManagerApiRequest(context, { method: 'GET', path: '/api/v2/projects' }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('The request to UiPath Test Manager failed: UiPath Identity refused the token request (HTTP 400, invalid_client)');
		expect(everything(error)).not.toContain(CREDENTIALS.clientSecret);
		expect(everything(error)).not.toContain('token-value');
	});

	it('withholds a failure message that quotes the client secret', async () => {
		const { context, http } = testManagerContext();
		http.mockRejectedValueOnce(new Error(`token request failed for ${CREDENTIALS.clientSecret}`));
		const error = await failure(testManagerApiRequest(context, { method: 'GET', path: '/api/v2/projects' }));
		expect(error.message).toBe('The request to UiPath Test Manager failed: details withheld because they quote a credential');
		expect(everything(error)).not.toContain(CREDENTIALS.clientSecret);
	});

	it('reports an unreachable server by its code and message only', async () => {
		const { context, http } = testManagerContext();
		http.mockRejectedValueOnce(
			Object.assign(new Error('getaddrinfo ENOTFOUND cloud.uipath.com'), {
				code: 'ENOTFOUND',
				config: { headers: { Authorization: 'Bearer token-value' } },
			}),
		);
		const error = await failure(testManagerApiRequest(context, { method: 'GET', path: '/api/v2/projects' }));
		expect(error.description).toMatch(/^ENOTFOUND: getaddrinfo ENOTFOUND cloud\.uipath\.com\. Check the Base URL/);
		expect(everything(error)).not.toContain('token-value');
	});
});

describe('testManagerApiRequestAllItems', () => {
	const path = '/api/v2/p/testcaselogs/testexecution/e/paged';
	const pages = (http: { calls: Array<{ qs: Record<string, number> }> }) =>
		http.calls.map((call) => [call.qs.Top, call.qs.Skip]);

	it('reads every page, up to the announced total', async () => {
		const { context, http } = testManagerContext({ handler: (call) => [200, page(logs, call, { withTotal: true })] });
		const items = await testManagerApiRequestAllItems(context, { path, qs: { filter: 'x' } });
		expect(items).toHaveLength(230);
		expect(pages(http)).toEqual([
			[PAGE_SIZE, 0],
			[PAGE_SIZE, 100],
			[PAGE_SIZE, 200],
		]);
		expect(http.calls[0]).toMatchObject({ method: 'GET', path, qs: { filter: 'x' } });
	});

	it('reads on after short pages until an empty one when no total is announced', async () => {
		const { context, http } = testManagerContext({ handler: (call) => [200, page(logs, call, { cap: 40 })] });
		const items = await testManagerApiRequestAllItems(context, { path });
		expect(items.map((item) => item.id)).toEqual(logs.map((log) => log.id));
		expect(http.calls.map((call) => call.qs.Skip)).toEqual([0, 40, 80, 120, 160, 200, 230]);
	});

	it('stops at the limit, asking only for what is missing', async () => {
		const { context, http } = testManagerContext({ handler: (call) => [200, page(logs, call)] });
		expect(await testManagerApiRequestAllItems(context, { path }, 120)).toHaveLength(120);
		expect(pages(http)).toEqual([
			[100, 0],
			[20, 100],
		]);
	});

	it('ends with a clear error when a server that ignores Top and Skip serves the same page again', async () => {
		const { context, http } = testManagerContext({ handler: () => [200, { data: [{ id: 'p1' }, { id: 'p2' }] }] });
		await expect(testManagerApiRequestAllItems(context, { path: '/api/v2/projects' })).rejects.toMatchObject({
			message: 'UiPath Test Manager answered page 2 with records it had already sent',
			description: expect.stringContaining('Read 2 records before the repeat.'),
		});
		expect(http.calls).toHaveLength(2);
	});

	it('ends with a clear error past its page cap, and stops early when told', async () => {
		let next = 0;
		const endless = testManagerContext({ handler: (call) => [200, { data: Array.from({ length: Number(call.qs.Top) }, () => ({ id: `x${next++}` })) }] });
		await expect(testManagerApiRequestAllItems(endless.context, { path }, { maxPages: 3 })).rejects.toMatchObject({
			message: 'UiPath Test Manager has more than 3 pages here',
			description: 'Stopped after 300 records in 3 pages. Narrow the list with filters, or set a Limit.',
		});
		const { context, http } = testManagerContext({ handler: (call) => [200, page(logs, call)] });
		const items = await testManagerApiRequestAllItems(context, { path }, { until: (item) => item.id === logs[150].id });
		expect(items).toHaveLength(151);
		expect(http.calls).toHaveLength(2);
	});

	it('reads bare arrays, and stops at the first failed page', async () => {
		const bare = testManagerContext({ handler: (call) => [200, call.qs.Skip === 0 ? [{ id: 'a' }] : []] });
		expect(await testManagerApiRequestAllItems(bare.context, { path })).toEqual([{ id: 'a' }]);
		const failing = testManagerContext({ handler: (call) => (call.qs.Skip === 0 ? [200, page(logs, call)] : [500, 'down']) });
		await expect(testManagerApiRequestAllItems(failing.context, { path })).rejects.toThrow(
			'UiPath Test Manager answered HTTP 500 during GET /api/v2/p/testcaselogs/testexecution/e/paged: down',
		);
	});
});
