// @ts-check
'use strict';
/**
 * Hand-made n8n contexts for unit tests, as n8n builds them (plain JS with JSDoc types: test files
 * are `.cts` and TypeScript resolves extension-less imports only to `.ts`/`.js`).
 *
 * @typedef {import('n8n-workflow').IDataObject} IDataObject
 * @typedef {{ body?: string | Buffer, headers?: Record<string, string>, query?: Record<string, unknown>,
 *   readError?: { type: string } }} FakeRequest  readError simulates n8n failing to read the body
 * @typedef {{ statusCode?: number, body?: any }} Answer
 * @typedef {{ parameters?: IDataObject, credentials?: IDataObject, staticData?: IDataObject,
 *   workflowId?: string, nodeId?: string, webhookUrl?: string }} ContextOptions
 */

/** @param {string} id */
const node = (id) => ({ id, name: 'Trigger', type: 'CUSTOM.trigger', typeVersion: 1, position: [0, 0], parameters: {} });

/** @param {IDataObject} parameters */
function parameterGetter(parameters) {
	/** @param {string} name @param {unknown} [fallback] */
	return (name, fallback) => {
		/** @type {any} */
		let value = parameters;
		for (const key of name.split('.')) value = value?.[key];
		return value === undefined ? fallback : value;
	};
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
		getNode: () => node(options.nodeId ?? 'node-1'),
		getWorkflowStaticData: () => options.staticData ?? {},
		getNodeWebhookUrl: () => options.webhookUrl ?? 'https://n8n.example.com/webhook/abc/path',
		getHeaderData: () => headers,
		getQueryData: () => request.query ?? {},
		getParamsData: () => ({}),
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
		helpers: { httpRequestWithAuthentication: jest.fn(), httpRequest: jest.fn() },
	};
	const context = /** @type {import('n8n-workflow').IHookFunctions} */ (/** @type {unknown} */ (mock));
	return { context, mock, staticData };
}

module.exports = { webhookContext, hookContext };
