// @ts-check
'use strict';
/**
 * The credentials the example workflows reference, as ONE list by name (`credentialSeeds`), filled in three
 * ways: for the e2e suite (fake services, fixed secrets), for `npm start` (the real services with
 * placeholders, webhook secrets generated once per machine) and for `npm start -- --demo` (the fake
 * services, webhook secrets generated once per machine).
 */
const { randomBytes } = require('node:crypto');
const { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const { fixtureSecret } = require('./fixtureSecret');
const { TAPD_FAKE } = require('./fakes/tapd');
const { TEST_MANAGER_FAKE } = require('./fakes/testManager');

/**
 * @typedef {import('./stack').CredentialSeed} CredentialSeed
 *
 * @typedef {object} WebhookSecrets what callers of the examples' webhooks present
 * @property {string} testanyToken
 * @property {string} testManagerHmacSecret
 * @property {string} testManagerClientSecret
 * @property {string} azureDevOpsExampleKey the header the Azure DevOps example's plain Webhook node checks
 * @property {string} tapdWebhookSecret the secret the TAPD node gives the webhook settings it creates
 *
 * @typedef {object} Accounts the third-party API accounts the action nodes call
 * @property {{ baseUrl: string, organization: string, tenant: string, clientId: string, clientSecret: string, scopes: string }} testManager
 * @property {{ baseUrl: string, webUrl: string, companyId?: string, apiUser: string, apiPassword: string, clientId: string, clientSecret: string }} tapd
 * @property {{ organizationUrl: string, personalAccessToken: string, allowLocalWebhookUrls?: boolean }} azureDevOps
 */

/** @type {Array<keyof WebhookSecrets>} */
const WEBHOOK_SECRET_NAMES = ['testanyToken', 'testManagerHmacSecret', 'testManagerClientSecret', 'azureDevOpsExampleKey', 'tapdWebhookSecret'];

/**
 * Every credential the examples reference, under the name they reference it by.
 * @param {WebhookSecrets} secrets
 * @param {Accounts} accounts
 * @param {import('./stack').OwnApi} self this n8n's public API, for Check Webhooks
 * @returns {CredentialSeed[]}
 */
function credentialSeeds(secrets, { testManager, tapd, azureDevOps }, self) {
	const tapdSite = { baseUrl: tapd.baseUrl, webUrl: tapd.webUrl, ...(tapd.companyId ? { companyId: tapd.companyId } : {}) };
	return [
		{ name: 'Testany webhook token', type: 'testanyWebhookApi', data: { secret: secrets.testanyToken } },
		{ name: 'Test Manager API', type: 'testManagerApi', data: { ...testManager } },
		{
			name: 'Test Manager webhook (HMACSHA256)',
			type: 'testManagerWebhookApi',
			data: { secret: secrets.testManagerHmacSecret },
		},
		{
			name: 'Test Manager webhook (Client Secret)',
			type: 'testManagerWebhookApi',
			data: { secret: secrets.testManagerClientSecret },
		},
		// TAPD: an API account (Basic) and an app (client credentials → Bearer token).
		{ name: 'TAPD account', type: 'tapdApi', data: { ...tapdSite, authType: 'apiAccount', apiUser: tapd.apiUser, apiPassword: tapd.apiPassword } },
		{ name: 'TAPD app', type: 'tapdApi', data: { ...tapdSite, authType: 'appClientCredentials', clientId: tapd.clientId, clientSecret: tapd.clientSecret } },
		{ name: 'TAPD webhook secret', type: 'tapdWebhookApi', data: { secret: secrets.tapdWebhookSecret } },
		{ name: 'Azure DevOps account', type: 'azureDevOpsApi', data: { ...azureDevOps } },
		{ name: 'Azure DevOps example caller', type: 'httpHeaderAuth', data: { name: 'X-Api-Key', value: secrets.azureDevOpsExampleKey } },
		{ name: 'This n8n (Check Webhooks)', type: 'testOpsN8nApi', data: { ...self } },
	];
}

/** Tokens and secrets the e2e suite's deliveries use; they exist only in this test set-up. */
const E2E_SECRETS = {
	testanyToken: fixtureSecret('e2e testany token'),
	testManagerHmacSecret: fixtureSecret('e2e test manager hmac secret'),
	testManagerClientSecret: fixtureSecret('e2e test manager connection secret'),
	azureDevOpsPat: fixtureSecret('e2e azure devops pat'),
	azureDevOpsExampleKey: fixtureSecret('e2e azure devops example key'),
	tapdWebhookSecret: fixtureSecret('e2e tapd webhook secret'),
};

/**
 * The accounts of the fake services (dev/fakes) started at `fakes`.
 * @param {Record<string, string>} fakes base URLs of the fake servers, by name
 * @returns {Accounts}
 */
function fakeAccounts(fakes) {
	const { ORGANIZATION, TENANT, CLIENT } = TEST_MANAGER_FAKE;
	return {
		testManager: { baseUrl: fakes.testManager, organization: ORGANIZATION, tenant: TENANT, clientId: CLIENT.id, clientSecret: CLIENT.secret, scopes: CLIENT.scopes.join(' ') },
		tapd: { baseUrl: fakes.tapd, webUrl: 'https://www.tapd.cn', companyId: TAPD_FAKE.companyId, apiUser: TAPD_FAKE.apiUser, apiPassword: TAPD_FAKE.apiPassword, clientId: TAPD_FAKE.clientId, clientSecret: TAPD_FAKE.clientSecret },
		// The fake Azure DevOps runs on loopback and n8n on plain HTTP: only a test set-up turns this guard off.
		azureDevOps: { organizationUrl: `${fakes.azureDevOps}/fabrikam`, personalAccessToken: E2E_SECRETS.azureDevOpsPat, allowLocalWebhookUrls: true },
	};
}

/**
 * The credentials in the e2e suite's n8n: the accounts of the fake services.
 * @param {Record<string, string>} fakes base URLs of the fake servers, by name
 * @param {import('./stack').OwnApi} self
 * @returns {CredentialSeed[]}
 */
function e2eCredentials(fakes, self) {
	return credentialSeeds(E2E_SECRETS, fakeAccounts(fakes), self);
}

const REPLACE_ME = 'replace-me';

/** The real services, with placeholders to replace in n8n (examples that use them stay unpublished until then). */
const PLACEHOLDER_ACCOUNTS = {
	testManager: { baseUrl: 'https://cloud.uipath.com', organization: REPLACE_ME, tenant: 'DefaultTenant', clientId: REPLACE_ME, clientSecret: REPLACE_ME, scopes: 'TM.Projects.Read TM.TestExecutions.Read' },
	tapd: { baseUrl: 'https://api.tapd.cn', webUrl: 'https://www.tapd.cn', apiUser: REPLACE_ME, apiPassword: REPLACE_ME, clientId: REPLACE_ME, clientSecret: REPLACE_ME },
	azureDevOps: { organizationUrl: `https://dev.azure.com/${REPLACE_ME}`, personalAccessToken: REPLACE_ME },
};

/**
 * A random password n8n accepts for its owner (8 to 64 characters with a digit and an upper-case letter).
 * @returns {string}
 */
function randomOwnerPassword() {
	return `${randomBytes(18).toString('base64url')}-Q7`;
}

/**
 * @typedef {WebhookSecrets & { ownerPassword: string, apiKey?: string }} LocalSecrets what `npm start` keeps
 *   in its folder: the webhook secrets, the owner's password and the API key it minted
 */

/** @param {string} userFolder */
const localSecretsFile = (userFolder) => join(userFolder, 'local-secrets.json');

/**
 * Writes the local secrets readable by this user only (0600), in a folder only this user may enter.
 * @param {string} userFolder
 * @param {Record<string, string>} secrets
 */
function saveLocalSecrets(userFolder, secrets) {
	mkdirSync(userFolder, { recursive: true, mode: 0o700 });
	const file = localSecretsFile(userFolder);
	writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
	chmodSync(file, 0o600); // an existing file keeps its mode when written
}

/**
 * Webhook secrets and the owner's password, generated once for this machine and kept in `userFolder`, so
 * that printed webhook URLs and the login stay valid across restarts.
 * @param {string} userFolder
 * @returns {LocalSecrets}
 */
function localSecrets(userFolder) {
	const file = localSecretsFile(userFolder);
	/** @type {Record<string, string>} */
	const secrets = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
	for (const name of WEBHOOK_SECRET_NAMES) secrets[name] ||= randomBytes(24).toString('hex');
	secrets.ownerPassword ||= randomOwnerPassword();
	saveLocalSecrets(userFolder, secrets); // also tightens the mode of a file an earlier start wrote
	return /** @type {LocalSecrets} */ (/** @type {unknown} */ (secrets));
}

/**
 * Keeps the API key `npm start` minted, so the next start reuses it instead of minting another.
 * @param {string} userFolder
 * @param {string} apiKey
 */
function rememberApiKey(userFolder, apiKey) {
	const secrets = localSecrets(userFolder);
	if (secrets.apiKey !== apiKey) saveLocalSecrets(userFolder, { ...secrets, apiKey });
}

/**
 * The credentials of `npm start`'s n8n: local webhook secrets, placeholder accounts.
 * @param {WebhookSecrets} secrets from `localSecrets`
 * @param {import('./stack').OwnApi} self
 * @returns {CredentialSeed[]}
 */
function localCredentials(secrets, self) {
	return credentialSeeds(secrets, PLACEHOLDER_ACCOUNTS, self);
}

/**
 * The credentials of `npm start -- --demo`'s n8n: local webhook secrets, the fake services' accounts.
 * @param {WebhookSecrets} secrets from `localSecrets`
 * @param {Record<string, string>} fakes base URLs of the fake servers, by name
 * @param {import('./stack').OwnApi} self
 * @returns {CredentialSeed[]}
 */
function demoCredentials(secrets, fakes, self) {
	return credentialSeeds(secrets, fakeAccounts(fakes), self);
}

module.exports = { E2E_SECRETS, credentialSeeds, demoCredentials, e2eCredentials, localCredentials, localSecrets, randomOwnerPassword, rememberApiKey, saveLocalSecrets };
