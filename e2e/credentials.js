// @ts-check
'use strict';

/** Tokens and secrets the suite's deliveries use; they exist only in this test set-up. */
const E2E_SECRETS = {
	testanyToken: 'e2e-testany-token-3f9c1d7a5b2e4c6d',
};

/**
 * Credentials created in the suite's n8n, under the names the example workflows reference.
 * @param {Record<string, string>} _fakes base URLs of the fake servers, by name
 * @returns {import('./harness/stack').CredentialSeed[]}
 */
function e2eCredentials(_fakes) {
	return [{ name: 'Testany webhook token', type: 'testanyWebhookApi', data: { token: E2E_SECRETS.testanyToken } }];
}

module.exports = { E2E_SECRETS, e2eCredentials };
