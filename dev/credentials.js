// @ts-check
'use strict';
const { TAPD_FAKE } = require('./fakes/tapd');
const { TEST_MANAGER_FAKE } = require('./fakes/testManager');

/** Tokens and secrets the suite's deliveries use; they exist only in this test set-up. */
const E2E_SECRETS = {
	testanyToken: 'e2e-testany-token-3f9c1d7a5b2e4c6d',
	testManagerHmacSecret: 'e2e-tm-hmac-secret-8c2f6a1d4e9b7c3a',
	testManagerClientSecret: 'e2e-tm-connection-secret-2b9e7d4c1a6f',
	azureDevOpsPat: 'e2e-azure-devops-pat-7d41c9b2e8a3',
	azureDevOpsExampleKey: 'e2e-azure-devops-example-key-51c0a9',
};

/**
 * Credentials created in the suite's n8n, under the names the example workflows reference.
 * @param {Record<string, string>} fakes base URLs of the fake servers, by name
 * @returns {import('./stack').CredentialSeed[]}
 */
function e2eCredentials(fakes) {
	return [
		{ name: 'Testany webhook token', type: 'testanyWebhookApi', data: { token: E2E_SECRETS.testanyToken } },
		...tapdCredentials(fakes),
		...testManagerCredentials(fakes),
		...azureDevOpsCredentials(fakes),
	];
}

/** @param {Record<string, string>} fakes @returns {import('./stack').CredentialSeed[]} */
function testManagerCredentials(fakes) {
	const { ORGANIZATION, TENANT, CLIENT } = TEST_MANAGER_FAKE;
	return [
		{
			name: 'Test Manager API',
			type: 'testManagerApi',
			data: { baseUrl: fakes.testManager, organization: ORGANIZATION, tenant: TENANT, clientId: CLIENT.id, clientSecret: CLIENT.secret, scopes: CLIENT.scopes.join(' ') },
		},
		{
			name: 'Test Manager webhook (HMACSHA256)',
			type: 'testManagerWebhookApi',
			data: { authenticationHeaderType: 'hmacSha256', secret: E2E_SECRETS.testManagerHmacSecret, headerName: 'X-UiPath-Signature' },
		},
		{
			name: 'Test Manager webhook (Client Secret)',
			type: 'testManagerWebhookApi',
			data: { authenticationHeaderType: 'clientSecret', secret: E2E_SECRETS.testManagerClientSecret, headerName: 'X-TM-Secret' },
		},
	];
}

/** TAPD: an API account (Basic) and an app (client credentials → Bearer token). @param {Record<string, string>} fakes */
function tapdCredentials(fakes) {
	const common = { baseUrl: fakes.tapd, webUrl: 'https://www.tapd.cn' };
	return [
		{
			name: 'TAPD account',
			type: 'tapdApi',
			data: { ...common, authType: 'apiAccount', apiUser: TAPD_FAKE.apiUser, apiPassword: TAPD_FAKE.apiPassword },
		},
		{
			name: 'TAPD app',
			type: 'tapdApi',
			data: { ...common, authType: 'appClientCredentials', clientId: TAPD_FAKE.clientId, clientSecret: TAPD_FAKE.clientSecret },
		},
	];
}

/** @param {Record<string, string>} fakes @returns {import('./stack').CredentialSeed[]} */
function azureDevOpsCredentials(fakes) {
	return [
		// The fake Azure DevOps runs on loopback and n8n on plain HTTP: only a test set-up turns this guard off.
		{
			name: 'Azure DevOps account',
			type: 'azureDevOpsApi',
			data: { organizationUrl: `${fakes.azureDevOps}/fabrikam`, personalAccessToken: E2E_SECRETS.azureDevOpsPat, allowLocalWebhookUrls: true },
		},
		{ name: 'Azure DevOps example caller', type: 'httpHeaderAuth', data: { name: 'X-Api-Key', value: E2E_SECRETS.azureDevOpsExampleKey } },
	];
}

module.exports = { E2E_SECRETS, e2eCredentials };
