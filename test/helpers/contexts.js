// @ts-check
'use strict';
/**
 * The one set of hand-made n8n contexts for unit tests, as n8n builds them: a webhook delivery, a trigger's
 * publish/unpublish hooks, and an action node's execution (plain JS with JSDoc types: test files are `.cts`
 * and TypeScript resolves extension-less imports only to `.ts`/`.js`). Service fakes answer through the
 * `http` option, an `httpRequestWithAuthentication` mock.
 *
 * @typedef {import('n8n-workflow').IDataObject} IDataObject
 * @typedef {{ body?: string | Buffer, headers?: Record<string, string>, query?: Record<string, unknown>,
 *   method?: string, path?: string, params?: IDataObject, readError?: { type: string } }} FakeRequest
 *   readError simulates n8n failing to read the body; params are the path parameters n8n matched
 * @typedef {{ statusCode?: number, body?: any }} Answer
 * @typedef {{ parameters?: IDataObject, credentials?: IDataObject, staticData?: IDataObject,
 *   workflowId?: string, nodeId?: string, webhookId?: string, webhookUrl?: string, http?: jest.Mock,
 *   mode?: 'webhook' | 'manual' }} ContextOptions
 *   mode: n8n's execution mode of a delivery, `manual` for "Listen for test event" (`webhook` unless told)
 */

/** @param {string} id @param {string} [webhookId] */
const node = (id, webhookId) => ({ id, name: 'Trigger', type: 'CUSTOM.trigger', typeVersion: 1, position: [0, 0], parameters: {}, webhookId });

/** A parameter by its (dotted) name, or the fallback. @param {IDataObject} parameters @param {string} name @param {unknown} fallback */
function parameterOf(parameters, name, fallback) {
	/** @type {any} */
	let value = parameters;
	for (const key of name.split('.')) value = value?.[key];
	return value === undefined ? fallback : value;
}

/**
 * `extractValue` as n8n applies it to a resource locator's value (`{ __rl, mode, value }`): the value itself.
 * n8n also runs a URL mode's regex; the doubles leave that to the tests of those regexes and refuse URL values.
 * @param {unknown} value @param {{ extractValue?: boolean }} [options]
 */
function extracted(value, options) {
	if (!options?.extractValue || value === null || typeof value !== 'object' || !('__rl' in value)) return value;
	const locator = /** @type {{ mode?: string, value?: unknown }} */ (value);
	if (locator.mode === 'url') throw new Error('The test doubles do not extract URLs: give the mode list or id');
	return locator.value;
}

/** getNodeParameter of webhook and hook functions: (name, fallback, options). @param {IDataObject} parameters */
function parameterGetter(parameters) {
	/** @param {string} name @param {unknown} [fallback] @param {{ extractValue?: boolean }} [options] */
	return (name, fallback, options) => extracted(parameterOf(parameters, name, fallback), options);
}

const logger = () => ({ debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() });

/**
 * An IWebhookFunctions for one delivery: request in, answer captured.
 * @param {FakeRequest} request
 * @param {ContextOptions} [options]
 */
function webhookContext(request, options = {}) {
	/** @type {Answer} */
	const answer = {};
	const raw = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body;
	const headers = Object.fromEntries(
		Object.entries(request.headers ?? {}).map(([key, value]) => [key.toLowerCase(), value]),
	);
	const req = {
		headers,
		query: request.query ?? {},
		method: request.method ?? 'POST',
		path: request.path ?? '/webhook/abc/path',
		/** @type {Buffer | undefined} */
		rawBody: undefined,
		readRawBody: jest.fn(async () => {
			if (request.readError) throw Object.assign(new Error('read failed'), request.readError);
			req.rawBody = raw ?? Buffer.alloc(0);
		}),
	};
	/** @type {{ status: jest.Mock, json: jest.Mock }} */
	const res = {
		status: jest.fn((/** @type {number} */ code) => {
			answer.statusCode = code;
			return res;
		}),
		json: jest.fn((/** @type {unknown} */ body) => {
			answer.body = body;
			return res;
		}),
	};
	const log = logger();
	const mock = {
		getRequestObject: () => req,
		getResponseObject: () => res,
		getNodeParameter: jest.fn(parameterGetter(options.parameters ?? {})),
		getCredentials: jest.fn(async () => options.credentials ?? {}),
		getWorkflow: () => ({ id: options.workflowId ?? 'workflow-1', name: 'wf', active: true }),
		getNode: () => node(options.nodeId ?? 'node-1', options.webhookId),
		getWorkflowStaticData: () => options.staticData ?? {},
		getNodeWebhookUrl: () => options.webhookUrl ?? 'https://n8n.example.com/webhook/abc/path',
		getMode: () => options.mode ?? 'webhook',
		getHeaderData: () => headers,
		getQueryData: () => request.query ?? {},
		getParamsData: () => request.params ?? {},
		logger: log,
	};
	const context = /** @type {import('n8n-workflow').IWebhookFunctions} */ (/** @type {unknown} */ (mock));
	return { context, mock, answer, logger: log, req };
}

/**
 * An IHookFunctions for webhookMethods (publish / unpublish).
 * @param {ContextOptions} [options]
 */
function hookContext(options = {}) {
	const staticData = options.staticData ?? {};
	const mock = {
		getNodeParameter: jest.fn(parameterGetter(options.parameters ?? {})),
		getCredentials: jest.fn(async () => options.credentials ?? {}),
		getWorkflow: () => ({ id: options.workflowId ?? 'workflow-1', name: 'wf', active: true }),
		getNode: () => node(options.nodeId ?? 'node-1'),
		getWorkflowStaticData: () => staticData,
		getNodeWebhookUrl: () => options.webhookUrl ?? 'https://n8n.example.com/webhook/abc/path',
		logger: logger(),
		helpers: { httpRequestWithAuthentication: options.http ?? jest.fn(), httpRequest: jest.fn() },
	};
	const context = /** @type {import('n8n-workflow').IHookFunctions} */ (/** @type {unknown} */ (mock));
	return { context, mock, staticData };
}

/**
 * An IExecuteFunctions (also good enough as ILoadOptionsFunctions) over input items: one parameter set for
 * every item, or one per item. `httpRequest` answers unauthenticated requests; `resumeUrl` is what
 * `$execution.resumeUrl` evaluates to; `nodeCredentials` are the node's credential references.
 * @param {{ parameters?: IDataObject | IDataObject[], credentials?: IDataObject, http?: jest.Mock,
 *   items?: number, continueOnFail?: boolean, httpRequest?: jest.Mock, resumeUrl?: string,
 *   nodeCredentials?: Record<string, { id: string, name: string }> }} [options]
 */
function executeContext(options = {}) {
	const perItem = Array.isArray(options.parameters) ? options.parameters : [options.parameters ?? {}];
	const items = options.items ?? perItem.length;
	const http = options.http ?? jest.fn();
	const mock = {
		getInputData: () => Array.from({ length: items }, () => ({ json: {} })),
		getNodeParameter: jest.fn(
			(/** @type {string} */ name, /** @type {number} */ itemIndex, /** @type {unknown} */ fallback, /** @type {{ extractValue?: boolean }} */ options) =>
				extracted(parameterOf(perItem[itemIndex] ?? perItem[0], name, fallback), options),
		),
		getCurrentNodeParameter: jest.fn((/** @type {string} */ name, /** @type {{ extractValue?: boolean }} */ options) =>
			extracted(parameterOf(perItem[0], name, undefined), options),
		),
		getCredentials: jest.fn(async () => options.credentials ?? {}),
		getNode: () => ({ ...node('node-1'), credentials: options.nodeCredentials }),
		continueOnFail: () => options.continueOnFail ?? false,
		sendResponse: jest.fn(async () => {}),
		evaluateExpression: jest.fn((/** @type {string} */ expression) =>
			expression.includes('$execution.resumeUrl') ? (options.resumeUrl ?? 'https://n8n.example.com/webhook-waiting/77') : expression,
		),
		helpers: { httpRequestWithAuthentication: http, httpRequest: options.httpRequest ?? jest.fn() },
		logger: logger(),
	};
	const context = /** @type {import('n8n-workflow').IExecuteFunctions} */ (/** @type {unknown} */ (mock));
	return { context, mock, http };
}

module.exports = { webhookContext, hookContext, executeContext };
