import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	MAX_SAME_ORIGIN_REDIRECTS,
	redirectStep,
	requestUrl,
	sendWithinOrigin,
	withoutRedirects,
} from '../../../nodes/shared/http/redirects';
import { sendAuthenticated } from '../../../nodes/shared/http/sendAuthenticated';
import { executeContext } from '../../helpers/contexts';

const answer = (statusCode: number, location?: string, body: IN8nHttpFullResponse["body"] = ""): IN8nHttpFullResponse => ({
	statusCode,
	headers: location === undefined ? {} : { location },
	body,
});

describe('requestUrl', () => {
	it('joins baseURL and url as axios does, and takes an absolute url as it is', () => {
		expect(requestUrl({ baseURL: 'https://api.tapd.cn/', url: '/bugs' })?.href).toBe('https://api.tapd.cn/bugs');
		expect(requestUrl({ baseURL: 'https://a.example/x', url: 'y' })?.href).toBe('https://a.example/x/y');
		expect(requestUrl({ baseURL: 'https://a.example', url: 'https://b.example/z' })?.origin).toBe('https://b.example');
		expect(requestUrl({ url: 'not a url' })).toBeUndefined();
	});
});

describe('redirectStep', () => {
	const get: IHttpRequestOptions = { method: 'GET', url: 'https://dev.azure.com/org/_apis/x', qs: { a: 1 }, headers: { Accept: 'application/json' } };

	it('leaves answers that are not redirects, and redirects without a Location, to the caller', () => {
		expect(redirectStep(get, answer(200), 0)).toBeUndefined();
		expect(redirectStep(get, answer(304, 'https://dev.azure.com/x'), 0)).toBeUndefined();
		expect(redirectStep(get, answer(302), 0)).toBeUndefined();
		expect(redirectStep(get, answer(302, '  '), 0)).toBeUndefined();
	});

	it.each([301, 302, 303, 307, 308])('refuses HTTP %i to another host, port or scheme, naming origins only', (status) => {
		for (const [location, to] of [
			['https://sso.example.com/login?token=abc', 'https://sso.example.com'],
			['https://dev.azure.com:8443/org', 'https://dev.azure.com:8443'],
			['http://dev.azure.com/org/_apis/x', 'http://dev.azure.com'],
			['//evil.example/x', 'https://evil.example'],
			['https://x.dev.azure.com/org', 'https://x.dev.azure.com'],
		]) {
			expect(redirectStep(get, answer(status, location), 0)).toEqual({
				refuse: { status, from: 'https://dev.azure.com', to, reason: 'otherOrigin' },
			});
		}
	});

	it('refuses a Location that is not an http(s) address', () => {
		for (const location of ['file:///etc/passwd', 'javascript:alert(1)', 'http://[bad']) {
			expect(redirectStep(get, answer(302, location), 0)).toMatchObject({ refuse: { to: 'an address that is not an http(s) URL' } });
		}
	});

	it('follows a relative or absolute Location within the origin, dropping baseURL and qs (the Location has its query)', () => {
		const request: IHttpRequestOptions = { method: 'GET', baseURL: 'https://api.tapd.cn', url: '/bugs', qs: { workspace_id: '1' } };
		expect(redirectStep(request, answer(302, '/v2/bugs?workspace_id=1'), 0)).toEqual({
			follow: { method: 'GET', url: 'https://api.tapd.cn/v2/bugs?workspace_id=1' },
		});
		expect(redirectStep(get, answer(308, 'https://dev.azure.com:443/org/_apis/y'), 2)).toMatchObject({ follow: { url: 'https://dev.azure.com/org/_apis/y' } });
	});

	it('keeps method and body for 307 and 308, turns a POST into a GET without body or content headers for 301, 302 and 303', () => {
		const post: IHttpRequestOptions = { method: 'POST', url: 'https://id.example/token', body: 'a=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' } };
		for (const status of [307, 308]) {
			expect(redirectStep(post, answer(status, '/token2'), 0)).toEqual({ follow: { ...post, url: 'https://id.example/token2' } });
		}
		for (const status of [301, 302, 303]) {
			expect(redirectStep(post, answer(status, '/token2'), 0)).toEqual({ follow: { method: 'GET', url: 'https://id.example/token2', headers: { Accept: 'application/json' } } });
		}
		const patch: IHttpRequestOptions = { method: 'PATCH', url: 'https://id.example/a', body: { x: 1 } };
		expect(redirectStep(patch, answer(302, '/b'), 0)).toEqual({ follow: { ...patch, url: 'https://id.example/b' } });
		expect(redirectStep(patch, answer(303, '/b'), 0)).toEqual({ follow: { method: 'GET', url: 'https://id.example/b' } });
	});

	it(`refuses the redirect after ${MAX_SAME_ORIGIN_REDIRECTS} within the origin`, () => {
		expect(redirectStep(get, answer(302, '/again'), MAX_SAME_ORIGIN_REDIRECTS - 1)).toHaveProperty('follow');
		expect(redirectStep(get, answer(302, '/again'), MAX_SAME_ORIGIN_REDIRECTS)).toEqual({
			refuse: { status: 302, from: 'https://dev.azure.com', to: 'https://dev.azure.com', reason: 'tooMany' },
		});
	});
});

describe('sendWithinOrigin', () => {
	it('asks n8n never to follow, follows within the origin, and refuses another origin before sending there', async () => {
		const send = jest
			.fn()
			.mockResolvedValueOnce(answer(307, '/moved'))
			.mockResolvedValueOnce(answer(302, 'https://elsewhere.example/steal'));
		const refused = new Error('refused');
		const refuse = jest.fn(() => refused);
		await expect(sendWithinOrigin(send, { method: 'POST', url: 'https://svc.example/a', body: { secret: 's' } }, refuse)).rejects.toBe(refused);
		expect(send).toHaveBeenCalledTimes(2);
		for (const [options] of send.mock.calls as Array<[IHttpRequestOptions]>) {
			expect(options).toMatchObject({ disableFollowRedirect: true, sendCredentialsOnCrossOriginRedirect: false });
			expect(new URL(options.url).origin).toBe('https://svc.example');
		}
		expect(refuse).toHaveBeenCalledWith({ status: 302, from: 'https://svc.example', to: 'https://elsewhere.example', reason: 'otherOrigin' });
	});

	it('returns the first answer that is not a redirect', async () => {
		const send = jest.fn().mockResolvedValueOnce(answer(301, '/b')).mockResolvedValueOnce(answer(200, undefined, { ok: true }));
		await expect(sendWithinOrigin(send, { url: 'https://svc.example/a' }, () => new Error('no'))).resolves.toMatchObject({ statusCode: 200, body: { ok: true } });
	});

	it('ends a redirect loop', async () => {
		const send = jest.fn(async () => answer(302, '/loop'));
		await expect(sendWithinOrigin(send, { url: 'https://svc.example/loop' }, (r) => new Error(r.reason))).rejects.toThrow('tooMany');
		expect(send).toHaveBeenCalledTimes(MAX_SAME_ORIGIN_REDIRECTS + 1);
	});

	it('withoutRedirects keeps the rest of the options', () => {
		expect(withoutRedirects({ url: 'x', timeout: 5 })).toEqual({ url: 'x', timeout: 5, disableFollowRedirect: true, sendCredentialsOnCrossOriginRedirect: false });
	});
});

describe('sendAuthenticated and redirects', () => {
	const destination = { service: 'Azure DevOps', base: 'https://dev.azure.com/org', fix: 'Check the Organization URL of the credential.', secrets: ['pat-value-1234'] };

	it('fails with a NodeApiError naming the other origin and what to check; the credential goes nowhere else', async () => {
		const http = jest.fn(async () => answer(302, 'https://login.example.com/_signin?realm=x&token=pat-value-1234'));
		const { context } = executeContext({ http });
		const failure = await sendAuthenticated(context, 'azureDevOpsApi', { method: 'GET', url: 'https://dev.azure.com/org/_apis/projects' }, destination).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(NodeApiError);
		const error = failure as NodeApiError;
		expect(error.message).toBe('Azure DevOps redirected the request to https://login.example.com (HTTP 302), another address than https://dev.azure.com; the request was not sent there');
		expect(error.description).toContain('Check the Organization URL of the credential.');
		expect(error.description).toContain('only ever sent to https://dev.azure.com');
		expect(error.httpCode).toBe('302');
		expect(JSON.stringify(error)).not.toContain('pat-value-1234');
		expect(JSON.stringify(error)).not.toContain('_signin');
		expect(http).toHaveBeenCalledTimes(1);
		expect(http.mock.calls[0]).toEqual(['azureDevOpsApi', expect.objectContaining({ disableFollowRedirect: true, returnFullResponse: true, ignoreHttpStatusErrors: true }), undefined]);
	});

	it('follows a redirect within the origin with the credential', async () => {
		const http = jest.fn().mockResolvedValueOnce(answer(307, '/org/_apis/projects2')).mockResolvedValueOnce(answer(200, undefined, { count: 0 }));
		const { context } = executeContext({ http });
		const response = await sendAuthenticated(context, 'azureDevOpsApi', { method: 'GET', url: 'https://dev.azure.com/org/_apis/projects' }, destination);
		expect(response.statusCode).toBe(200);
		expect(http.mock.calls[1]).toEqual(['azureDevOpsApi', expect.objectContaining({ url: 'https://dev.azure.com/org/_apis/projects2', disableFollowRedirect: true }), undefined]);
	});
});
