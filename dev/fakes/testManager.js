// @ts-check
'use strict';
const { createServer } = require('node:http');
const { randomBytes } = require('node:crypto');

const { fixtureSecret } = require('../fixtureSecret');
const { withRedirectMode } = require('./redirects');

/**
 * A fake UiPath Automation Cloud for Test Manager's REST API (docs/contracts/test-manager.md, "REST API"): the identity server's client
 * credentials grant at `/{org}/identity_/connect/token`, and Test Manager's v2 endpoints under
 * `/{org}/{tenant}/testmanager_` (projects, a project's test executions, one with stats, its test case logs), with
 * `Top`/`Skip` paging and `{ data: [...] }` answers. `POST /__fake/redirect` (dev/fakes/redirects.js) turns
 * every answer into a redirect to another host.
 */

const ORGANIZATION = 'acme';
const TENANT = 'DefaultTenant';
const CLIENT = {
	id: 'e2e-tm-external-app',
	secret: fixtureSecret('test manager client secret'),
	scopes: ['TM.Projects.Read', 'TM.TestExecutions.Read'],
};
const PROJECT_ID = '3d1f9c2a-5b7e-4c10-9a8d-6e2f4b1c0a91';
const EXECUTION_ID = '0e8b2f4d-1c3a-4b5e-8f7d-9a6c2e1b3d40';
/** The failed test case of the execution: the one a Create Defect delivery names. */
const FAILED_TEST_CASE_ID = '7a2c4e6f-8b1d-4f3a-9c5e-1d2b3a4c5e6f';
const LOG_COUNT = 250; // three pages of 100

const projects = [
	{ id: PROJECT_ID, name: 'Checkout', projectPrefix: 'CHK', description: 'Web shop checkout' },
	{ id: '5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f', name: 'Mobile App', projectPrefix: 'MOB' },
];

const execution = {
	id: EXECUTION_ID,
	name: 'Nightly regression',
	projectId: PROJECT_ID,
	status: 'Finished',
	executionStart: '2026-11-21T02:00:00Z',
	executionFinished: '2026-11-21T02:41:00Z',
	stats: { total: LOG_COUNT, passed: LOG_COUNT - 1, failed: 1, none: 0 },
};

/** The project's executions, newest first, more than one page of 100 (for the locator's list). */
const executions = [
	{ id: EXECUTION_ID, name: execution.name, objKey: 'CHK:131', status: execution.status },
	...Array.from({ length: 130 }, (_, index) => ({
		id: `4f5e6d7c-8b9a-4c0d-9e1f-${String(index).padStart(12, '0')}`,
		name: `Regression run ${130 - index}`,
		objKey: `CHK:${130 - index}`,
		status: 'Finished',
	})),
];

const logs = Array.from({ length: LOG_COUNT }, (_, index) => {
	const failed = index === 137;
	const suffix = String(index).padStart(12, '0');
	return {
		id: `9b0c1d2e-3f4a-4b5c-8d6e-${suffix}`,
		testExecutionId: EXECUTION_ID,
		testCaseId: failed ? FAILED_TEST_CASE_ID : `1a2b3c4d-5e6f-4a7b-8c9d-${suffix}`,
		testCaseName: failed ? 'Pay with expired card' : `Regression case ${index}`,
		result: failed ? 'Failed' : 'Passed',
		resultReason: failed ? 'Assertion failed: expected "declined", got "approved"' : null,
	};
});

/** @param {import('node:http').ServerResponse} res @param {number} status @param {unknown} [body] */
function send(res, status, body) {
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
	res.end(body === undefined ? '' : JSON.stringify(body));
}

/** @param {import('node:http').IncomingMessage} req */
async function readBody(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	return Buffer.concat(chunks).toString('utf8');
}

/** Query parameters by lower-case name: Test Manager's API binds them case-insensitively. @param {URL} url */
function queryOf(url) {
	/** @type {Record<string, string>} */
	const query = {};
	for (const [key, value] of url.searchParams) query[key.toLowerCase()] = value;
	return query;
}

/** @param {unknown[]} all @param {Record<string, string>} query */
function page(all, query) {
	const top = Math.min(Number(query.top ?? 50), 100);
	const skip = Number(query.skip ?? 0);
	return { data: all.slice(skip, skip + top), paging: { top, skip, total: all.length } };
}

/** @returns {Promise<import('../stack').FakeServer>} */
async function startTestManager() {
	/** @type {Map<string, string[]>} issued access tokens and their scopes */
	const tokens = new Map();
	const state = {
		tokenRequests: 0,
		/** @type {Array<{ method: string, path: string, query: Record<string, string>, status: number }>} */
		apiRequests: [],
	};

	// Redirect mode (dev/fakes/redirects.js): every call can be answered with a redirect to another host.
	const server = createServer(withRedirectMode(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const path = url.pathname;
		const body = await readBody(req);

		if (path === '/__fake/state') return send(res, 200, { ...state, tokensIssued: tokens.size });
		if (path === '/__fake/revoke-tokens' && req.method === 'POST') {
			tokens.clear();
			return send(res, 200, { revoked: true });
		}
		if (path === '/__fake/reset' && req.method === 'POST') {
			tokens.clear();
			state.tokenRequests = 0;
			state.apiRequests = [];
			return send(res, 200, { reset: true });
		}

		if (path === `/${ORGANIZATION}/identity_/connect/token` && req.method === 'POST') {
			state.tokenRequests++;
			const form = new URLSearchParams(body);
			if (form.get('grant_type') !== 'client_credentials') {
				return send(res, 400, { error: 'unsupported_grant_type' });
			}
			if (form.get('client_id') !== CLIENT.id || form.get('client_secret') !== CLIENT.secret) {
				return send(res, 400, { error: 'invalid_client' });
			}
			const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
			if (scopes.length === 0 || scopes.some((scope) => !CLIENT.scopes.includes(scope))) {
				return send(res, 400, { error: 'invalid_scope' });
			}
			const token = randomBytes(24).toString('hex');
			tokens.set(token, scopes);
			return send(res, 200, { access_token: token, expires_in: 3600, token_type: 'Bearer', scope: scopes.join(' ') });
		}

		const prefix = `/${ORGANIZATION}/${TENANT}/testmanager_`;
		if (!path.startsWith(`${prefix}/api/v2/`)) return send(res, 404, { message: 'Not found' });
		const endpoint = path.slice(prefix.length);
		const query = queryOf(url);
		const record = (/** @type {number} */ status, /** @type {unknown} */ answer) => {
			state.apiRequests.push({ method: req.method ?? '', path: endpoint, query, status });
			return send(res, status, answer);
		};

		const authorization = req.headers.authorization ?? '';
		const scopes = tokens.get(authorization.replace(/^Bearer\s+/i, ''));
		if (!/^Bearer\s+/i.test(authorization) || !scopes) {
			return record(401, { message: 'The access token is missing, invalid or expired' });
		}
		if (req.method !== 'GET') return record(405, { message: 'Method not allowed' });

		if (endpoint === '/api/v2/projects') {
			if (!scopes.includes('TM.Projects.Read')) return record(403, { message: 'Missing scope TM.Projects.Read' });
			return record(200, page(projects, query));
		}
		const list = /^\/api\/v2\/([^/]+)\/testexecutions$/.exec(endpoint);
		if (list) {
			if (!scopes.includes('TM.TestExecutions.Read')) return record(403, { message: 'Missing scope TM.TestExecutions.Read' });
			if (!projects.some((project) => project.id === list[1])) return record(404, { message: `Project ${list[1]} does not exist` });
			return record(200, page(list[1] === PROJECT_ID ? executions : [], query));
		}
		const match = /^\/api\/v2\/([^/]+)\/(?:testexecutions\/([^/]+)\/withStats|testcaselogs\/testexecution\/([^/]+)\/paged)$/.exec(endpoint);
		if (!match) return record(404, { message: 'Not found' });
		if (!scopes.includes('TM.TestExecutions.Read')) {
			return record(403, { message: 'Missing scope TM.TestExecutions.Read' });
		}
		const [, projectId, statsOf, logsOf] = match;
		if (!projects.some((project) => project.id === projectId)) {
			return record(404, { message: `Project ${projectId} does not exist` });
		}
		const executionId = statsOf ?? logsOf;
		if (projectId !== PROJECT_ID || executionId !== EXECUTION_ID) {
			return record(404, { message: `Test execution ${executionId} was not found in project ${projectId}` });
		}
		return record(200, statsOf ? execution : page(logs, query));
	}));

	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://127.0.0.1:${address.port}`,
		close: async () => await new Promise((resolve) => server.close(() => resolve(undefined))),
	};
}

const TEST_MANAGER_FAKE = { ORGANIZATION, TENANT, CLIENT, PROJECT_ID, EXECUTION_ID, FAILED_TEST_CASE_ID, LOG_COUNT };

module.exports = { startTestManager, TEST_MANAGER_FAKE };
