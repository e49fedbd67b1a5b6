// @ts-check
'use strict';
/**
 * Unit-test doubles for the TAPD nodes: a scripted `httpRequestWithAuthentication` that answers like TAPD
 * (full responses with a text body, as the transport asks for) and a small IExecuteFunctions.
 *
 * @typedef {{ method: string, url: string, qs: Record<string, string>, form: Record<string, string>,
 *   credentialsDecrypted?: Record<string, unknown> }} TapdCall
 * @typedef {(call: TapdCall) => [number, unknown] | Promise<[number, unknown]>} TapdHandler
 *   returns [HTTP status, body]; an object body is sent as JSON text, a string as is
 */

/**
 * @param {TapdHandler} handler
 * @returns {jest.Mock & { calls: TapdCall[] }}
 */
function tapdResponder(handler) {
	/** @type {TapdCall[]} */
	const calls = [];
	const mock = jest.fn(async (_type, options, additional) => {
		/** @type {TapdCall} */
		const call = {
			method: options.method ?? 'GET',
			url: options.url,
			qs: options.qs ?? {},
			form: typeof options.body === 'string' ? Object.fromEntries(new URLSearchParams(options.body)) : {},
			credentialsDecrypted: additional?.credentialsDecrypted?.data,
		};
		calls.push(call);
		const [statusCode, body] = await handler(call);
		return { statusCode, body: typeof body === 'string' ? body : JSON.stringify(body), headers: {} };
	});
	return Object.assign(mock, { calls });
}

/** TAPD's success envelope. @param {unknown} data */
const ok = (data) => /** @type {[number, unknown]} */ ([200, { status: 1, data, info: 'success' }]);

/** @param {Record<string, unknown>} parameters */
function parameterGetter(parameters) {
	/** @param {string} name @param {number} [_itemIndex] @param {unknown} [fallback] */
	return (name, _itemIndex, fallback) => {
		/** @type {any} */
		let value = parameters;
		for (const key of name.split('.')) value = value?.[key];
		return value === undefined ? fallback : value;
	};
}

const node = { id: 'tapd-node', name: 'TAPD', type: 'CUSTOM.tapd', typeVersion: 1, position: [0, 0], parameters: {} };

/**
 * An IExecuteFunctions (also good enough as ILoadOptionsFunctions) over a scripted TAPD.
 * @param {{ parameters?: Record<string, unknown>, credentials?: Record<string, unknown>, handler: TapdHandler,
 *   items?: number, continueOnFail?: boolean }} options
 */
function executeContext(options) {
	const http = tapdResponder(options.handler);
	const credentials = { baseUrl: 'https://api.tapd.example', authType: 'apiAccount', ...options.credentials };
	const mock = {
		getInputData: () => Array.from({ length: options.items ?? 1 }, () => ({ json: {} })),
		getNodeParameter: jest.fn(parameterGetter(options.parameters ?? {})),
		getCurrentNodeParameter: jest.fn((/** @type {string} */ name) => (options.parameters ?? {})[name]),
		getCredentials: jest.fn(async () => credentials),
		getNode: () => node,
		continueOnFail: () => options.continueOnFail ?? false,
		helpers: { httpRequestWithAuthentication: http },
		logger: { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() },
	};
	const context = /** @type {import('n8n-workflow').IExecuteFunctions} */ (/** @type {unknown} */ (mock));
	return { context, mock, http };
}

module.exports = { tapdResponder, executeContext, ok };
