// @ts-check
'use strict';

/** Tokens and secrets the suite's deliveries use; they exist only in this test set-up. */
const E2E_SECRETS = {
	testanyToken: 'e2e-testany-token-3f9c1d7a5b2e4c6d',
	azureDevOpsPat: 'e2e-azure-devops-pat-7d41c9b2e8a3',
	azureDevOpsExampleKey: 'e2e-azure-devops-example-key-51c0a9',
};

/**
 * Credentials created in the suite's n8n, under the names the example workflows reference.
 * @param {Record<string, string>} fakes base URLs of the fake servers, by name
 * @returns {import('./harness/stack').CredentialSeed[]}
 */
function e2eCredentials(fakes) {
	return [
		{ name: 'Testany webhook token', type: 'testanyWebhookApi', data: { token: E2E_SECRETS.testanyToken } },
		// The fake Azure DevOps runs on loopback and n8n on plain HTTP: only a test set-up turns this guard off.
		{ name: 'Azure DevOps account', type: 'azureDevOpsApi', data: { organizationUrl: `${fakes.azureDevOps}/fabrikam`, personalAccessToken: E2E_SECRETS.azureDevOpsPat, allowLocalWebhookUrls: true } },
		{ name: 'Azure DevOps example caller', type: 'httpHeaderAuth', data: { name: 'X-Api-Key', value: E2E_SECRETS.azureDevOpsExampleKey } },
	];
}

module.exports = { E2E_SECRETS, e2eCredentials };
