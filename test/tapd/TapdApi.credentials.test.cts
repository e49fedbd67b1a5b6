import { inspect } from 'node:util';

import { TapdApi, readTokenResponse, tapdBaseUrl } from '../../credentials/TapdApi.credentials';

const credential = new TapdApi();

describe('tapdApi credential', () => {
	it('authenticates an API account with Basic, tokens with Bearer', async () => {
		const basic = await credential.authenticate({ authType: 'apiAccount', apiUser: 'api_user', apiPassword: 'api_password' }, { url: '/x', headers: { Accept: 'application/json' } });
		expect(basic.headers).toEqual({ Accept: 'application/json', Authorization: 'Basic YXBpX3VzZXI6YXBpX3Bhc3N3b3Jk' });
		const pat = await credential.authenticate({ authType: 'personalAccessToken', personalAccessToken: 'p-token' }, { url: '/x' });
		expect(pat.headers).toEqual({ Authorization: 'Bearer p-token' });
		const app = await credential.authenticate({ authType: 'appClientCredentials', accessToken: 'app-token' }, { url: '/x' });
		expect(app.headers).toEqual({ Authorization: 'Bearer app-token' });
	});

	it('fetches an app token with the client id and secret as Basic and grant_type=client_credentials', async () => {
		const httpRequest = jest.fn(async () => ({ statusCode: 200, body: { status: 1, data: { access_token: 'new-token', expires_in: 7200 }, info: 'success' } }));
		const before = Date.now();
		const result = await credential.preAuthentication.call({ helpers: { httpRequest } } as never, {
			authType: 'appClientCredentials',
			baseUrl: 'https://tapd.example/',
			clientId: 'client',
			clientSecret: 'secret',
		});
		expect(result.accessToken).toBe('new-token');
		expect(result.expiresAt).toBeGreaterThanOrEqual(before + 7200_000);
		expect(httpRequest).toHaveBeenCalledWith(expect.objectContaining({
			method: 'POST',
			url: 'https://tapd.example/tokens/request_token',
			auth: { username: 'client', password: 'secret' },
			body: 'grant_type=client_credentials',
		}));
	});

	it('does nothing before requests of the other authentication types', async () => {
		const httpRequest = jest.fn();
		expect(await credential.preAuthentication.call({ helpers: { httpRequest } } as never, { authType: 'apiAccount' })).toEqual({});
		expect(httpRequest).not.toHaveBeenCalled();
	});

	it('reports a refused token request without the secret', async () => {
		const httpRequest = jest.fn(async () => ({ statusCode: 401, body: { status: 0, info: 'invalid client' } }));
		const attempt = credential.preAuthentication.call({ helpers: { httpRequest } } as never, { authType: 'appClientCredentials', clientId: 'c', clientSecret: 'very-secret' });
		await expect(attempt).rejects.toThrow('TAPD refused the app token request (HTTP 401: invalid client)');
		await expect(attempt).rejects.not.toThrow(/very-secret/);
	});

	it('reports an unreachable token endpoint without the request and its client secret', async () => {
		const networkFailure = Object.assign(new Error('getaddrinfo ENOTFOUND tapd.example'), { code: 'ENOTFOUND', config: { auth: { username: 'c', password: 'very-secret' } } });
		const httpRequest = jest.fn(async () => await Promise.reject(networkFailure));
		const error = await credential.preAuthentication
			.call({ helpers: { httpRequest } } as never, { authType: 'appClientCredentials', baseUrl: 'https://tapd.example', clientId: 'c', clientSecret: 'very-secret' })
			.then(() => undefined, (e: unknown) => e);
		expect((error as Error).message).toBe('Could not request a TAPD app token (ENOTFOUND): check the Base URL');
		expect(inspect(error, { depth: 10 })).not.toContain('very-secret');
	});

	it.each([302, 307])('never follows a %i to another host with the client secret', async (status) => {
		const httpRequest = jest.fn(async () => ({ statusCode: status, headers: { location: 'http://127.0.0.1:9/steal' }, body: '' }));
		const error = await credential.preAuthentication
			.call({ helpers: { httpRequest } } as never, { authType: 'appClientCredentials', baseUrl: 'https://tapd.example', clientId: 'c', clientSecret: 'very-secret' })
			.then(() => undefined, (e: unknown) => e);
		expect((error as Error).message).toBe(
			`TAPD redirected the request to http://127.0.0.1:9 (HTTP ${status}), another address than https://tapd.example when asked for an app token; the client secret was not sent there. Check the Base URL of the TAPD credential.`,
		);
		expect(httpRequest).toHaveBeenCalledTimes(1);
		expect(httpRequest).toHaveBeenCalledWith(expect.objectContaining({ disableFollowRedirect: true }));
	});

	it('asks n8n not to follow redirects when testing the credential', () => {
		expect(credential.test.request).toMatchObject({ disableFollowRedirect: true });
	});

	it('reads token answers wrapped or bare, refusing ones without a token', () => {
		expect(() => readTokenResponse('<html>Bad gateway</html>')).toThrow('something other than JSON');
		expect(readTokenResponse('{"status":1,"data":{"access_token":"c","expires_in":60}}', 0)).toEqual({ accessToken: 'c', expiresAt: 60_000 });
		expect(readTokenResponse({ status: 1, data: { access_token: 'a', expires_in: 60 } }, 0)).toEqual({ accessToken: 'a', expiresAt: 60_000 });
		expect(readTokenResponse({ access_token: 'b' }, 0)).toEqual({ accessToken: 'b', expiresAt: 7200_000 });
		expect(() => readTokenResponse({ status: 0, info: 'no scope' })).toThrow('no scope');
		expect(() => readTokenResponse({ status: 1, data: {} })).toThrow('without an access_token');
	});

	it('defaults the base URL to the public cloud and trims trailing slashes', () => {
		expect(tapdBaseUrl({})).toBe('https://api.tapd.cn');
		expect(tapdBaseUrl({ baseUrl: 'https://tapd.corp.example/api//' })).toBe('https://tapd.corp.example/api');
	});

	it("tests access with TAPD's testauth endpoint and fails on status 0 (a declarative test: n8n's scanner refuses the helper a test function would need)", () => {
		expect(credential.test.request.url).toBe('/quickstart/testauth');
		expect(credential.test.rules).toEqual([expect.objectContaining({ type: 'responseSuccessBody', properties: expect.objectContaining({ key: 'status', value: 0 }) })]);
	});
});
