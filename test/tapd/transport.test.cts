import { NodeApiError } from 'n8n-workflow';

import { appTokenNeedsRenewal, tapdApiRequest, tapdApiRequestAllItems, tapdCount, TOKEN_RENEWAL_MARGIN_MS } from '../../nodes/Tapd/transport';
import { executeContext, ok } from '../helpers/tapdApi';

const APP = { authType: 'appClientCredentials', clientId: 'c', clientSecret: 'client-secret-value', accessToken: 'tok', expiresAt: Date.now() + 3600_000 };

async function failure(promise: Promise<unknown>): Promise<NodeApiError> {
	const error = await promise.then(() => undefined, (e: unknown) => e);
	expect(error).toBeInstanceOf(NodeApiError);
	return error as NodeApiError;
}

describe('tapdApiRequest', () => {
	it("returns data, sends forms for POST and drops empty parameters", async () => {
		const { context, http } = executeContext({ handler: () => ok({ Bug: { id: '1' } }) });
		const data = await tapdApiRequest.call(context, 'POST', '/bugs', { a: '', b: undefined }, { workspace_id: '1', title: '中文 标题', empty: '' });
		expect(data).toEqual({ Bug: { id: '1' } });
		expect(http.calls[0]).toMatchObject({ method: 'POST', url: '/bugs', qs: {}, form: { workspace_id: '1', title: '中文 标题' } });
		expect(http.mock.calls[0][1]).toMatchObject({ baseURL: 'https://api.tapd.example', ignoreHttpStatusErrors: true, returnFullResponse: true });
	});

	it('keeps 19-digit ids exact even when TAPD sends them as JSON numbers', async () => {
		const { context } = executeContext({ handler: () => [200, '{"status":1,"data":{"id":1010158231000002151},"info":"success"}'] });
		expect(await tapdApiRequest.call(context, 'GET', '/x')).toEqual({ id: '1010158231000002151' });
	});

	it("turns status ≠ 1 into a NodeApiError carrying TAPD's info", async () => {
		const { context } = executeContext({ handler: () => [200, { status: 0, data: '', info: '参数错误' }] });
		const error = await failure(tapdApiRequest.call(context, 'GET', '/bugs'));
		expect(error.message).toBe('TAPD refused GET /bugs: 参数错误');
	});

	it('explains the rate limit on 429', async () => {
		const { context } = executeContext({ handler: () => [429, { status: 0, info: 'too many' }] });
		const error = await failure(tapdApiRequest.call(context, 'GET', '/bugs'));
		expect(error.message).toMatch(/rate limit.*429/);
		expect(error.description).toMatch(/60 API requests per minute.*Wait/);
		expect(error.httpCode).toBe('429');
	});

	it.each([
		[401, /rejected the credentials/],
		[404, /found nothing/],
		[500, /HTTP 500/],
	])('maps HTTP %s', async (code, message) => {
		const { context } = executeContext({ handler: () => [code, '<html>proxy error</html>'] });
		expect((await failure(tapdApiRequest.call(context, 'GET', '/bugs'))).message).toMatch(message);
	});

	it('never puts credentials into errors', async () => {
		const { context } = executeContext({ credentials: { ...APP, apiPassword: 'pw-secret' }, handler: () => [401, { status: 0, info: 'no' }] });
		const error = await failure(tapdApiRequest.call(context, 'GET', '/bugs'));
		expect(JSON.stringify({ ...error, message: error.message, description: error.description })).not.toMatch(/client-secret-value|pw-secret|tok\b/);
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
		expect(await tapdCount.call(context, '/bugs', { workspace_id: '1' })).toBe(3);
		expect(http.calls[0].credentialsDecrypted).toBeUndefined();
		expect(http.calls[1].credentialsDecrypted).toMatchObject({ accessToken: '', clientId: 'c' });
	});

	it('does not retry a 401 for an API account', async () => {
		const { context, http } = executeContext({ handler: () => [401, { status: 0 }] });
		await failure(tapdApiRequest.call(context, 'GET', '/bugs'));
		expect(http.calls).toHaveLength(1);
	});

	it('renews an app token that is about to expire before using it', async () => {
		const { context, http } = executeContext({ credentials: { ...APP, expiresAt: Date.now() + 1000 }, handler: () => ok({}) });
		await tapdApiRequest.call(context, 'GET', '/x');
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

	it('reads every page of 200 and unwraps the records', async () => {
		const { context, http } = pages();
		const all = await tapdApiRequestAllItems.call(context, '/bugs', 'Bug', { workspace_id: '1', status: 'new|closed' });
		expect(all).toHaveLength(450);
		expect(all[449]).toEqual({ id: '449' });
		expect(http.calls.map((call) => [call.qs.limit, call.qs.page, call.qs.status])).toEqual([
			['200', '1', 'new|closed'],
			['200', '2', 'new|closed'],
			['200', '3', 'new|closed'],
		]);
	});

	it('stops at the limit', async () => {
		const { context, http } = pages();
		expect(await tapdApiRequestAllItems.call(context, '/bugs', 'Bug', {}, 250)).toHaveLength(250);
		expect(http.calls).toHaveLength(2);
		const few = pages();
		expect(await tapdApiRequestAllItems.call(few.context, '/bugs', 'Bug', {}, 5)).toHaveLength(5);
		expect(few.http.calls[0].qs.limit).toBe('5');
	});
});
