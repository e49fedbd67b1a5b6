import { inspect } from 'node:util';

import { NodeApiError, type IDataObject } from 'n8n-workflow';

import { retryClock } from '../../nodes/shared/http/retry';
import { MAX_PAGES, tapdApiRequestAllItems } from '../../nodes/Tapd/pages';
import { appTokenNeedsRenewal, tapdApiCount, tapdApiRequest, TOKEN_RENEWAL_MARGIN_MS } from '../../nodes/Tapd/transport';
import { ok, tapdExecuteContext as executeContext } from '../helpers/tapd';

const APP = { authType: 'appClientCredentials', clientId: 'c', clientSecret: 'client-secret-value', accessToken: 'tok', expiresAt: Date.now() + 3600_000 };

async function failure(promise: Promise<unknown>): Promise<NodeApiError> {
	const error = await promise.then(() => undefined, (e: unknown) => e);
	expect(error).toBeInstanceOf(NodeApiError);
	return error as NodeApiError;
}

describe('tapdApiRequest', () => {
	it("returns data, sends forms for POST and drops empty parameters", async () => {
		const { context, http } = executeContext({ handler: () => ok({ Bug: { id: '1' } }) });
		const data = await tapdApiRequest(context, { method: 'POST', path: '/bugs', qs: { a: '', b: undefined }, body: { workspace_id: '1', title: '中文 标题', empty: '' } });
		expect(data).toEqual({ Bug: { id: '1' } });
		expect(http.calls[0]).toMatchObject({ method: 'POST', url: '/bugs', qs: {}, form: { workspace_id: '1', title: '中文 标题' } });
		expect(http.mock.calls[0][1]).toMatchObject({ baseURL: 'https://api.tapd.example', ignoreHttpStatusErrors: true, returnFullResponse: true, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	});

	it('keeps 19-digit ids exact even when TAPD sends them as JSON numbers', async () => {
		const { context } = executeContext({ handler: () => [200, '{"status":1,"data":{"id":1010158231000002151},"info":"success"}'] });
		expect(await tapdApiRequest(context, { path: '/x' })).toEqual({ id: '1010158231000002151' });
	});

	it("turns status ≠ 1 into a NodeApiError carrying TAPD's info", async () => {
		const { context } = executeContext({ handler: () => [200, { status: 0, data: '', info: '参数错误' }] });
		const error = await failure(tapdApiRequest(context, { path: '/bugs' }));
		expect(error.message).toBe('TAPD refused GET /bugs: 参数错误');
		expect(error.description).toMatch(/status other than 1/);
		expect(error.httpCode).toBeNull();
	});

	it('explains the rate limit on 429', async () => {
		const { context } = executeContext({ handler: () => [429, { status: 0, info: 'too many' }] });
		const error = await failure(tapdApiRequest(context, { path: '/bugs' }));
		expect(error.message).toBe('TAPD is limiting the rate of requests (HTTP 429) during GET /bugs');
		expect(error.description).toMatch(/60 API requests per minute.*Wait/);
		expect(error.httpCode).toBe('429');
	});

	it.each([
		[401, /did not accept the credentials/, /Check the TAPD credential/],
		[403, /denied access/, /webhook scope/],
		[404, /found nothing/, /workspace ID and the Base URL/],
		[500, /HTTP 500/, /retry later/],
	])('maps HTTP %s', async (code, message, description) => {
		const { context } = executeContext({ handler: () => [code, '<html>proxy error</html>'] });
		const error = await failure(tapdApiRequest(context, { path: '/bugs' }));
		expect(error.message).toMatch(message);
		expect(error.message).not.toContain('html');
		expect(error.description).toMatch(description);
		expect(error.httpCode).toBe(String(code));
	});

	it("quotes TAPD's info for HTTP errors that carry one", async () => {
		const { context } = executeContext({ handler: () => [404, { status: 0, info: '项目不存在' }] });
		expect((await failure(tapdApiRequest(context, { path: '/bugs' }))).message).toBe('TAPD found nothing (HTTP 404) during GET /bugs: 项目不存在');
	});

	it('never puts credentials into errors', async () => {
		const { context } = executeContext({ credentials: { ...APP, apiPassword: 'pw-secret' }, handler: () => [401, { status: 0, info: 'no' }] });
		const error = await failure(tapdApiRequest(context, { path: '/bugs' }));
		expect(JSON.stringify({ ...error, message: error.message, description: error.description })).not.toMatch(/client-secret-value|pw-secret|tok\b/);
		expect(inspect(error, { depth: 10 })).not.toMatch(/client-secret-value|pw-secret|Bearer tok\b/);
	});

	it('turns a network failure into an error without the Authorization header or the client secret', async () => {
		const basic = `Basic ${Buffer.from('api_user:pw-secret').toString('base64')}`;
		// What the HTTP client throws: the request, with its headers and the token request's auth, rides along.
		const networkFailure = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), {
			code: 'ECONNREFUSED',
			config: { headers: { Authorization: basic }, auth: { username: 'c', password: 'client-secret-value' } },
			cause: { request: { headers: { authorization: 'Bearer tok' } }, credentials: { apiPassword: 'pw-secret', clientSecret: 'client-secret-value' } },
		});
		const { context } = executeContext({ credentials: { ...APP, apiPassword: 'pw-secret' }, handler: () => Promise.reject(networkFailure) });
		const error = await failure(tapdApiRequest(context, { path: '/bugs' }));
		expect(error.message).toBe('Could not reach TAPD at https://api.tapd.example');
		expect(error.description).toMatch(/^ECONNREFUSED: connect ECONNREFUSED 10\.0\.0\.1:443\. Check the Base URL/);
		const everything = inspect(error, { depth: 10 });
		for (const secret of ['pw-secret', 'client-secret-value', 'Bearer tok', basic, Buffer.from('api_user:pw-secret').toString('base64')]) {
			expect(everything).not.toContain(secret);
		}
	});

	it('renews an app token once after a 401 by clearing the stored token (n8n then runs preAuthentication)', async () => {
		let first = true;
		const { context, http } = executeContext({
			credentials: APP,
			handler: () => {
				if (first) {
					first = false;
					return [401, { status: 0, info: 'token expired' }];
				}
				return ok({ count: 3 });
			},
		});
		expect(await tapdApiCount(context, { path: '/bugs', qs: { workspace_id: '1' } })).toBe(3);
		expect(http.calls.map((call) => call.url)).toEqual(['/bugs/count', '/bugs/count']);
		expect(http.calls[0].credentialsDecrypted).toBeUndefined();
		expect(http.calls[1].credentialsDecrypted).toMatchObject({ accessToken: '', clientId: 'c' });
	});

	it('does not retry a 401 for an API account', async () => {
		const { context, http } = executeContext({ handler: () => [401, { status: 0 }] });
		await failure(tapdApiRequest(context, { path: '/bugs' }));
		expect(http.calls).toHaveLength(1);
	});

	it('renews an app token that is about to expire before using it', async () => {
		const { context, http } = executeContext({ credentials: { ...APP, expiresAt: Date.now() + 1000 }, handler: () => ok({}) });
		await tapdApiRequest(context, { path: '/x' });
		expect(http.calls[0].credentialsDecrypted).toMatchObject({ accessToken: '' });
	});
});

describe('appTokenNeedsRenewal', () => {
	const now = 1_000_000_000;
	it.each([
		[{ authType: 'apiAccount' }, false],
		[{ authType: 'personalAccessToken' }, false],
		[{ authType: 'appClientCredentials', accessToken: '' }, true],
		[{ authType: 'appClientCredentials', accessToken: 't', expiresAt: now + TOKEN_RENEWAL_MARGIN_MS + 1 }, false],
		[{ authType: 'appClientCredentials', accessToken: 't', expiresAt: now + TOKEN_RENEWAL_MARGIN_MS }, true],
		[{ authType: 'appClientCredentials', accessToken: 't' }, true],
	])('%j → %s', (credentials, expected) => {
		expect(appTokenNeedsRenewal(credentials, now)).toBe(expected);
	});
});

describe('tapdApiRequestAllItems', () => {
	const rows = Array.from({ length: 450 }, (_, i) => ({ Bug: { id: String(i) } }));
	const pages = () =>
		executeContext({
			handler: ({ qs }) => {
				const limit = Number(qs.limit);
				const page = Number(qs.page);
				return ok(rows.slice((page - 1) * limit, page * limit));
			},
		});

	it('reads every page of 200 in id order and unwraps the records', async () => {
		const { context, http } = pages();
		const all = await tapdApiRequestAllItems(context, { path: '/bugs', recordKey: 'Bug', qs: { workspace_id: '1', status: 'new|closed' } });
		expect(all).toHaveLength(450);
		expect(all[449]).toEqual({ id: '449' });
		expect(http.calls.map((call) => [call.qs.limit, call.qs.page, call.qs.status, call.qs.order])).toEqual([
			['200', '1', 'new|closed', 'id asc'],
			['200', '2', 'new|closed', 'id asc'],
			['200', '3', 'new|closed', 'id asc'],
		]);
	});

	it("keeps a chosen order, and asks for the id among chosen fields so that repeats can be seen", async () => {
		const { context, http } = pages();
		await tapdApiRequestAllItems(context, { path: '/bugs', recordKey: 'Bug', qs: { order: 'created desc', fields: 'title,status' } }, 5);
		expect(http.calls[0].qs).toMatchObject({ order: 'created desc', fields: 'title,status,id' });
	});

	it('ends with a clear error when TAPD serves a page again (a page parameter it ignores)', async () => {
		const { context, http } = executeContext({ handler: () => ok(rows.slice(0, 200)) });
		await expect(tapdApiRequestAllItems(context, { path: '/bugs', recordKey: 'Bug' })).rejects.toMatchObject({
			message: 'TAPD answered page 2 with records it had already sent',
			description: expect.stringContaining('Read 200 records before the repeat.'),
		});
		expect(http.calls).toHaveLength(2);
	});

	it('ends with a clear error past its page cap, saying how far it got', async () => {
		let next = 0;
		const { context } = executeContext({ handler: ({ qs }) => ok(Array.from({ length: Number(qs.limit) }, () => ({ Bug: { id: String(next++) } }))) });
		await expect(tapdApiRequestAllItems(context, { path: '/bugs', recordKey: 'Bug' })).rejects.toMatchObject({
			message: `TAPD has more than ${MAX_PAGES} pages here`,
			description: `Stopped after ${MAX_PAGES * 200} records in ${MAX_PAGES} pages. Narrow the list with filters, or set a Limit.`,
		});
	});

	it('says how far Return All got when a rate limit outlasts the retries', async () => {
		const { context, http } = executeContext({
			handler: ({ qs }) => (Number(qs.page) < 3 ? ok(rows.slice((Number(qs.page) - 1) * 200, Number(qs.page) * 200)) : [429, { status: 0, info: 'To many requests' }]),
		});
		const error = await failure(tapdApiRequestAllItems(context, { path: '/bugs', recordKey: 'Bug' }));
		expect(error.message).toBe('TAPD is limiting the rate of requests (HTTP 429) during GET /bugs');
		expect(error.description).toMatch(/Tried \d+ times over [\d.]+ s of waiting\. The list was stopped after 400 records in 2 pages\.$/);
		expect(http.calls.length).toBeGreaterThan(3);
	});

	it("paces the account's requests within its quota per minute", async () => {
		const times: number[] = [];
		const { context } = executeContext({ credentials: { requestsPerMinute: 2 }, handler: ({ qs }) => (times.push(retryClock.now()), ok(rows.slice((Number(qs.page) - 1) * 200, Number(qs.page) * 200))) });
		await tapdApiRequestAllItems(context, { path: '/bugs', recordKey: 'Bug' });
		expect(times).toHaveLength(3);
		expect(times[2] - times[0]).toBeGreaterThanOrEqual(60_000);
	});

	it('stops at the limit', async () => {
		const { context, http } = pages();
		expect(await tapdApiRequestAllItems(context, { path: '/bugs', recordKey: 'Bug' }, 250)).toHaveLength(250);
		expect(http.calls).toHaveLength(2);
		const few = pages();
		expect(await tapdApiRequestAllItems(few.context, { path: '/bugs', recordKey: 'Bug' }, 5)).toHaveLength(5);
		expect(few.http.calls[0].qs.limit).toBe('5');
	});
});

describe('tapdApiRequest: no failure carries a credential', () => {
	// Every credential value of every authentication type, and the header forms they travel in.
	const SECRETS = { apiUser: 'api-user-7f3a', apiPassword: 'api-password-9c2e4b', personalAccessToken: 'personal-token-5d8a1f', clientId: 'client-id-3b7e', clientSecret: 'client-secret-6e1c9d', accessToken: 'access-token-2a4f8b' };
	const basic = Buffer.from(`${SECRETS.apiUser}:${SECRETS.apiPassword}`).toString('base64');
	const appBasic = Buffer.from(`${SECRETS.clientId}:${SECRETS.clientSecret}`).toString('base64');
	// Each credential with the values (and header forms) an error must never hold.
	const accounts: Array<[IDataObject, string[]]> = [
		[{ authType: 'apiAccount', apiUser: SECRETS.apiUser, apiPassword: SECRETS.apiPassword }, [SECRETS.apiPassword, basic]],
		[{ authType: 'personalAccessToken', personalAccessToken: SECRETS.personalAccessToken }, [SECRETS.personalAccessToken]],
		[
			{ authType: 'appClientCredentials', clientId: SECRETS.clientId, clientSecret: SECRETS.clientSecret, accessToken: SECRETS.accessToken, expiresAt: Date.now() + 3600_000 },
			[SECRETS.clientSecret, SECRETS.accessToken, appBasic],
		],
	];
	const headers = { Authorization: `Basic ${basic}`, authorization: `Bearer ${SECRETS.accessToken}` };

	/** What an HTTP client or n8n may throw: the request, its headers and the credential ride along, at any depth. */
	const failures: Array<[string, () => unknown]> = [
		['a DNS failure', () => Object.assign(new Error('getaddrinfo ENOTFOUND api.tapd.example'), { code: 'ENOTFOUND', config: { headers, auth: { username: SECRETS.clientId, password: SECRETS.clientSecret } } })],
		['a TLS failure', () => Object.assign(new Error('unable to verify the first certificate'), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', request: { _header: `GET /bugs HTTP/1.1\r\nAuthorization: Basic ${basic}\r\n` } })],
		['a timeout', () => Object.assign(new Error('timeout of 300000ms exceeded'), { code: 'ECONNABORTED', cause: { options: { headers } } })],
		['a message that quotes the Authorization header', () => Object.assign(new Error(`Invalid header value "Bearer ${SECRETS.personalAccessToken}" for Basic ${basic} or Basic ${appBasic}`), { code: 'ERR_INVALID_CHAR' })],
		['a failure without a code that quotes every secret', () => new Error(`token request failed: ${SECRETS.clientSecret} ${SECRETS.accessToken} ${SECRETS.apiPassword} ${SECRETS.personalAccessToken}`, { cause: { headers } })],
		['n8n wrapping the app token request', () => new NodeApiError({ id: '1', name: 'TAPD', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} }, Object.assign(new Error('Could not request a TAPD app token (ECONNRESET): check the Base URL'), { config: { auth: { password: SECRETS.clientSecret } } }) as never)],
		['a non-error value', () => ({ message: `refused ${SECRETS.accessToken}`, code: 42, headers })],
	];

	it.each(failures)('builds %s into an error from message and code only', async (_label, make) => {
		for (const [credentials, forbidden] of accounts) {
			const { context } = executeContext({ credentials, handler: async () => await Promise.reject(make()) });
			const error = await failure(tapdApiRequest(context, { path: '/bugs' }));
			expect(error.message).toMatch(/^(Could not reach TAPD at https:\/\/api\.tapd\.example|The request to TAPD failed)/);
			const everything = [inspect(error, { depth: Infinity, showHidden: true }), JSON.stringify(error), String(error.description), error.stack];
			let cause: unknown = error;
			while (cause && typeof cause === 'object') {
				everything.push(inspect(cause, { depth: Infinity, showHidden: true }));
				cause = (cause as { cause?: unknown }).cause;
			}
			for (const secret of forbidden) expect(everything.join('\n')).not.toContain(secret);
		}
	});
});
