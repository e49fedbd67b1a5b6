import { TestOpsN8nApi } from '../../../credentials/TestOpsN8nApi.credentials';
import { N8N_API_CREDENTIAL } from '../../../nodes/shared/checkWebhooks/n8nApi';

describe('TestOpsN8nApi credential', () => {
	const credential = new TestOpsN8nApi();

	it('is the credential Check Webhooks asks for, and sends the key as n8n expects it', () => {
		expect(credential.name).toBe(N8N_API_CREDENTIAL);
		expect(credential.authenticate).toEqual({ type: 'generic', properties: { headers: { 'X-N8N-API-KEY': '={{$credentials.apiKey}}' } } });
		expect(credential.properties.find((p) => p.name === 'apiKey')?.typeOptions).toEqual({ password: true });
	});

	it('is tested by listing one workflow', () => {
		expect(credential.test.request).toMatchObject({ url: '/workflows', qs: { limit: 1 } });
	});
});
