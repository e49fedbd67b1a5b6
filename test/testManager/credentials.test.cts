import { TestManagerApi } from '../../credentials/TestManagerApi.credentials';
import { TestManagerWebhookApi } from '../../credentials/TestManagerWebhookApi.credentials';

const credentials = {
	baseUrl: 'https://cloud.uipath.com/',
	organization: 'acme corp',
	tenant: 'DefaultTenant',
	clientId: 'app-id',
	clientSecret: 'app-secret-value',
	scopes: ' TM.Projects.Read TM.TestExecutions.Read ',
};

function helper(statusCode: number, body: unknown) {
	const httpRequest = jest.fn(async () => ({ statusCode, body }));
	return { context: { helpers: { httpRequest } }, httpRequest };
}

describe('TestManagerApi credential', () => {
	const credential = new TestManagerApi();

	it('asks UiPath Identity for a client credentials token with the scopes, and keeps it as accessToken', async () => {
		const { context, httpRequest } = helper(200, { access_token: 'tok', expires_in: 3600 });
		await expect(credential.preAuthentication.call(context as never, credentials)).resolves.toEqual({
			accessToken: 'tok',
		});
		const [request] = httpRequest.mock.calls[0] as unknown as [{ url: string; body: string; method: string }];
		expect(request.method).toBe('POST');
		expect(request.url).toBe('https://cloud.uipath.com/acme%20corp/identity_/connect/token');
		expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
			grant_type: 'client_credentials',
			client_id: 'app-id',
			client_secret: 'app-secret-value',
			scope: 'TM.Projects.Read TM.TestExecutions.Read',
		});
	});

	it("reports a refusal with the identity server's reason and never the secret", async () => {
		const { context } = helper(400, { error: 'invalid_scope', error_description: 'TM.Foo is unknown' });
		const failure = credential.preAuthentication.call(context as never, credentials);
		await expect(failure).rejects.toThrow('HTTP 400, invalid_scope: TM.Foo is unknown');
		await expect(failure).rejects.not.toThrow('app-secret-value');
	});

	it.each([302, 307, 308])('never follows a %i to another host with the client secret, and says where it pointed', async (status) => {
		const httpRequest = jest.fn(async () => ({ statusCode: status, headers: { location: 'https://sso.example.net/connect/token?x=1' }, body: '' }));
		const failure = credential.preAuthentication.call({ helpers: { httpRequest } } as never, credentials);
		await expect(failure).rejects.toThrow(
			`UiPath Identity redirected the request to https://sso.example.net (HTTP ${status}), another address than https://cloud.uipath.com when asked for a token; the client secret was not sent there. Check the Base URL and Organization of the credential.`,
		);
		expect(httpRequest).toHaveBeenCalledTimes(1);
		expect(httpRequest).toHaveBeenCalledWith(expect.objectContaining({ disableFollowRedirect: true }));
	});

	it('follows a redirect within the identity server', async () => {
		const httpRequest = jest
			.fn()
			.mockResolvedValueOnce({ statusCode: 307, headers: { location: '/acme%20corp/identity_/connect/token2' }, body: '' })
			.mockResolvedValueOnce({ statusCode: 200, headers: {}, body: { access_token: 'tok' } });
		await expect(credential.preAuthentication.call({ helpers: { httpRequest } } as never, credentials)).resolves.toEqual({ accessToken: 'tok' });
		expect(httpRequest.mock.calls[1][0]).toMatchObject({ method: 'POST', url: 'https://cloud.uipath.com/acme%20corp/identity_/connect/token2' });
	});

	it('treats a 200 without a token as a refusal', async () => {
		const { context } = helper(200, '<html>login</html>');
		await expect(credential.preAuthentication.call(context as never, credentials)).rejects.toThrow(
			'HTTP 200, no reason given',
		);
	});

	it('keeps the token in a hidden, expirable field and sends it as a bearer token', () => {
		const token = credential.properties.find((p) => p.name === 'accessToken');
		expect(token).toMatchObject({ type: 'hidden', typeOptions: { expirable: true, password: true } });
		expect(credential.authenticate.properties.headers).toEqual({
			Authorization: '=Bearer {{$credentials.accessToken}}',
		});
		expect(credential.properties.find((p) => p.name === 'baseUrl')?.default).toBe('https://cloud.uipath.com');
	});
});

describe('TestManagerWebhookApi credential', () => {
	it('holds only the secret: the header type and name are trigger parameters, read before the credential', () => {
		expect(new TestManagerWebhookApi().properties.map((p) => p.name)).toEqual(['secret']);
	});
});
