// @ts-check
'use strict';
/**
 * A scripted Azure DevOps for unit tests: `httpRequestWithAuthentication` answers from a list of routes,
 * records every call, and answers 599 to anything unexpected so that a test fails loudly.
 *
 * @typedef {{ method?: string, url: string, qs?: Record<string, unknown>, body?: unknown, headers?: Record<string, unknown> }} Call
 * @typedef {{ statusCode?: number, body?: unknown, headers?: Record<string, unknown> }} Reply
 * @typedef {{ method: string, path: RegExp, reply: Reply | ((call: Call) => Reply) }} Route
 */

const ORG = 'https://dev.azure.com/fabrikam';

/** @param {Route[]} routes */
function apiMock(routes) {
	/** @type {Call[]} */
	const calls = [];
	const httpRequestWithAuthentication = jest.fn(async (/** @type {string} */ _type, /** @type {Call} */ options) => {
		calls.push(options);
		const path = options.url.startsWith(ORG) ? options.url.slice(ORG.length) : options.url;
		const route = routes.find((r) => r.method === (options.method ?? 'GET') && r.path.test(path));
		const reply = route ? (typeof route.reply === 'function' ? route.reply(options) : route.reply) : { statusCode: 599, body: { message: `unexpected ${options.method} ${path}` } };
		return { statusCode: reply.statusCode ?? 200, body: reply.body, headers: reply.headers ?? { 'content-type': 'application/json' } };
	});
	return { calls, httpRequestWithAuthentication };
}

/** @param {string} id */
const node = (id) => ({ id, name: 'Azure DevOps', type: 'CUSTOM.azureDevOps', typeVersion: 1, position: [0, 0], parameters: {} });

/**
 * An IExecuteFunctions over input items, one parameter set per item (or one for all).
 * @param {{ parameters: Record<string, unknown> | Array<Record<string, unknown>>, credentials?: Record<string, unknown>, routes: Route[], continueOnFail?: boolean }} options
 */
function executeContext(options) {
	const api = apiMock(options.routes);
	const perItem = Array.isArray(options.parameters) ? options.parameters : [options.parameters];
	const mock = {
		getInputData: () => perItem.map(() => ({ json: {} })),
		getNodeParameter: jest.fn((/** @type {string} */ name, /** @type {number} */ index, /** @type {unknown} */ fallback) => {
			const value = (perItem[index] ?? perItem[0])[name];
			return value === undefined ? fallback : value;
		}),
		getCredentials: jest.fn(async () => options.credentials ?? { organizationUrl: `${ORG}/`, personalAccessToken: 'pat-secret-value' }),
		getNode: () => node('node-1'),
		continueOnFail: () => options.continueOnFail ?? false,
		helpers: { httpRequestWithAuthentication: api.httpRequestWithAuthentication },
		logger: { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() },
	};
	const context = /** @type {import('n8n-workflow').IExecuteFunctions} */ (/** @type {unknown} */ (mock));
	return { context, calls: api.calls, mock };
}

module.exports = { ORG, apiMock, executeContext };
