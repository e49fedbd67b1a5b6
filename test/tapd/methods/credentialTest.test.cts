import type { ICredentialTestFunctions, IDataObject } from 'n8n-workflow';

import { hostDescription, tapdApiTest, testTapdCredentials, type Requester } from '../../../nodes/Tapd/methods/credentialTest';

const account = { baseUrl: 'https://api.tapd.cn', authType: 'apiAccount', apiUser: 'bot', apiPassword: 'api-password-value' };
const basic = `Basic ${Buffer.from('bot:api-password-value').toString('base64')}`;

/** A TAPD answering testauth for one Authorization header, recording every request. */
function tapd(accepted: string, extra: (options: IDataObject) => { statusCode: number; body: unknown } | undefined = () => undefined) {
	const requests: IDataObject[] = [];
	const request: Requester = async (options) => {
		requests.push(options);
		const special = extra(options);
		if (special) return special;
		const authorized = (options.headers as IDataObject).Authorization === accepted;
		return authorized
			? { statusCode: 200, body: '{"status":1,"data":{"api_user":"bot"},"info":"success"}' }
			: { statusCode: 401, body: { status: 0, data: '', info: 'Unauthorized' } };
	};
	return { request, requests };
}

describe('TAPD credential test', () => {
	it('names the host that answered: the API host, the newer one, or a private deployment', async () => {
		const classic = await testTapdCredentials(account, tapd(basic).request);
		expect(classic).toEqual({ status: 'OK', message: "Connected: api.tapd.cn (TAPD's API host) accepted these credentials" });
		const newer = await testTapdCredentials({ ...account, baseUrl: 'https://apiv2.tapd.tencent.com/' }, tapd(basic).request);
		expect(newer.message).toBe("Connected: apiv2.tapd.tencent.com (TAPD's newer API host, where webhook settings are documented) accepted these credentials");
		expect(hostDescription('https://tapd.corp.example:8443/api')).toBe('tapd.corp.example:8443 (not one of TAPD public hosts: a private deployment)');
	});

	it("calls TAPD's testauth on the Base URL with the account", async () => {
		const { request, requests } = tapd(basic);
		await testTapdCredentials({ ...account, baseUrl: 'https://tapd.corp.example/api/' }, request);
		expect(requests).toEqual([{ method: 'GET', uri: 'https://tapd.corp.example/api/quickstart/testauth', headers: { Accept: 'application/json', Authorization: basic } }]);
	});

	it('says which host refused the credentials, without them', async () => {
		const refused = await testTapdCredentials({ ...account, apiPassword: 'wrong-password' }, tapd(basic).request);
		expect(refused).toEqual({ status: 'Error', message: 'api.tapd.cn (TAPD\'s API host) refused these credentials (HTTP 401: Unauthorized): check the account and its API access' });
		const status0 = await testTapdCredentials(account, async () => ({ statusCode: 200, body: { status: 0, info: '参数错误' } }));
		expect(status0.status).toBe('Error');
		expect(status0.message).toMatch(/api\.tapd\.cn .*status 0: 参数错误/);
		expect(JSON.stringify([refused, status0])).not.toContain('password');
	});

	it('fetches an app token first and tests with it', async () => {
		const { request, requests } = tapd('Bearer app-token-1', (options) =>
			String(options.uri).endsWith('/tokens/request_token') ? { statusCode: 200, body: { status: 1, data: { access_token: 'app-token-1', expires_in: 7200 } } } : undefined,
		);
		const result = await testTapdCredentials({ baseUrl: 'https://api.tapd.cn', authType: 'appClientCredentials', clientId: 'app', clientSecret: 'app-secret-value' }, request);
		expect(result.status).toBe('OK');
		expect(requests[0]).toMatchObject({ method: 'POST', uri: 'https://api.tapd.cn/tokens/request_token', body: 'grant_type=client_credentials', headers: { Authorization: `Basic ${Buffer.from('app:app-secret-value').toString('base64')}` } });
		const refused = await testTapdCredentials({ baseUrl: 'https://api.tapd.cn', authType: 'appClientCredentials', clientId: 'app', clientSecret: 'wrong' }, async () => ({ statusCode: 401, body: { status: 0, info: 'invalid client' } }));
		expect(refused).toEqual({ status: 'Error', message: 'TAPD refused the app token request (HTTP 401: invalid client): check the client ID and secret and that the app is enabled' });
	});

	it('reports an unreachable host by its code only, never the request that holds the credentials', async () => {
		const failing: Requester = async (options) => {
			throw Object.assign(new Error(`connect ECONNREFUSED ${JSON.stringify(options)}`), { code: 'ECONNREFUSED' });
		};
		const result = await testTapdCredentials(account, failing);
		expect(result).toEqual({ status: 'Error', message: "Could not reach api.tapd.cn (TAPD's API host) (ECONNREFUSED): check the Base URL" });
		expect(await testTapdCredentials({ ...account, baseUrl: 'not a url' }, failing)).toEqual({ status: 'Error', message: 'The Base URL is not a URL, e.g. https://api.tapd.cn' });
	});

	it("runs through n8n's request helper, asking for full answers whatever their status", async () => {
		const request = jest.fn(async () => ({ statusCode: 200, body: { status: 1 } }));
		const context = { helpers: { request }, logger: {} } as unknown as ICredentialTestFunctions;
		const result = await tapdApiTest.call(context, { id: '1', name: 'TAPD', type: 'tapdApi', data: account });
		expect(result.status).toBe('OK');
		expect(request).toHaveBeenCalledWith(expect.objectContaining({ uri: 'https://api.tapd.cn/quickstart/testauth', resolveWithFullResponse: true, simple: false }));
	});
});
