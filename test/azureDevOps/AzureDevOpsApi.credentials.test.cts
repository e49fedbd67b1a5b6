import { AzureDevOpsApi } from '../../credentials/AzureDevOpsApi.credentials';

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
