import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { fixtureSecret } from '../dev/fixtureSecret';
import { e2eContext } from './harness/context';

/**
 * Every credential of the package, created through n8n's public API (`POST /api/v1/credentials`) as teams that
 * provision n8n by script do, with its required fields only: on whichever n8n runs (TESTOPS_N8N_VERSION). n8n
 * 1.x (and 2.x up to 2.24) requires every property that `displayOptions.show` shows, so this failed for the
 * plain-HTTP notices, TAPD's sign-in fields and n8n's "Allowed Domains" (docs/n8n-versions.md).
 */
const { n8n, state } = e2eContext();
const secret = (label: string) => fixtureSecret(`credentials by api ${label}`);

const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { n8n: { credentials: string[] } };
/** `azureDevOpsApi` from `dist/credentials/AzureDevOpsApi.credentials.js` */
const manifestTypes = manifest.n8n.credentials.map((file) => {
	const name = file.split('/').pop()!.split('.')[0];
	return `${name.charAt(0).toLowerCase()}${name.slice(1)}`;
});

const testManagerAccount = { organization: 'acme', tenant: 'DefaultTenant', clientId: 'app-1', clientSecret: secret('tm client'), scopes: 'TM.Projects.Read' };

/** [what, type, data]: each type with its required fields, and the cases that used to be refused. */
const CASES: Array<[string, string, Record<string, unknown>]> = [
	['secret only', 'testanyWebhookApi', { secret: secret('testany') }],
	['account over https', 'testManagerApi', { baseUrl: 'https://cloud.uipath.com', ...testManagerAccount }],
	['account over plain http', 'testManagerApi', { baseUrl: 'http://127.0.0.1:9/uipath', ...testManagerAccount }],
	['secret only', 'testManagerWebhookApi', { secret: secret('tm webhook') }],
	['base URL only (API Account by default)', 'tapdApi', { baseUrl: 'https://api.tapd.cn' }],
	['API Account over plain http', 'tapdApi', { baseUrl: 'http://127.0.0.1:9/tapd', authType: 'apiAccount', apiUser: 'bot', apiPassword: secret('tapd password') }],
	['Personal Access Token', 'tapdApi', { baseUrl: 'https://api.tapd.cn', authType: 'personalAccessToken', personalAccessToken: secret('tapd pat') }],
	['App Client Credentials', 'tapdApi', { baseUrl: 'https://api.tapd.cn', authType: 'appClientCredentials', clientId: 'app-1', clientSecret: secret('tapd app') }],
	['secret only', 'tapdWebhookApi', { secret: secret('tapd webhook') }],
	['organization over https', 'azureDevOpsApi', { organizationUrl: 'https://dev.azure.com/fabrikam', personalAccessToken: secret('ado pat') }],
	['organization over plain http', 'azureDevOpsApi', { organizationUrl: 'http://127.0.0.1:9/fabrikam', personalAccessToken: secret('ado pat') }],
	[
		'restricted to specific domains',
		'azureDevOpsApi',
		{ organizationUrl: 'https://dev.azure.com/fabrikam', personalAccessToken: secret('ado pat'), allowedHttpRequestDomains: 'domains', allowedDomains: 'dev.azure.com' },
	],
	['API URL and key', 'testOpsN8nApi', { apiUrl: `${state.n8nUrl}/api/v1`, apiKey: secret('n8n api key') }],
];

describe(`credentials created through n8n ${state.n8nVersion}'s public API`, () => {
	const created: string[] = [];
	afterAll(async () => {
		for (const id of created) await n8n.api('DELETE', `/credentials/${id}`);
	});

	it('covers every credential type of the package', () => {
		expect([...new Set(CASES.map(([, type]) => type))].sort()).toEqual([...manifestTypes].sort());
	});

	it.each(CASES)('%s: %s', async (what, type, data) => {
		const answer = await n8n.api<{ id: string; type: string }>('POST', '/credentials', { name: `By API: ${type}, ${what}`, type, data });
		created.push(answer.id);
		expect(answer.type).toBe(type);
	});
});
