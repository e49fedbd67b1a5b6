// @ts-check
'use strict';
/**
 * A scripted Azure DevOps for unit tests, built on the shared n8n contexts: `httpRequestWithAuthentication`
 * answers from a list of routes with full responses (as the transport asks for), records every call, and
 * answers 599 to anything unexpected so that a test fails loudly.
 *
 * @typedef {import('n8n-workflow').IDataObject} IDataObject
 * @typedef {{ method?: string, url: string, qs?: Record<string, unknown>, body?: unknown, headers?: Record<string, unknown> }} Call
 * @typedef {{ statusCode?: number, body?: unknown, headers?: Record<string, unknown> }} Reply
 * @typedef {{ method: string, path: RegExp, reply: Reply | ((call: Call) => Reply) }} Route
 *   path is matched against the URL below the organization, e.g. `/_apis/projects`
 */

const contexts = require('./contexts');

const ORG = 'https://dev.azure.com/fabrikam';
const PAT = 'pat-secret-value';

/** The credential the contexts hand out unless a test gives its own. */
const defaultCredentials = () => ({ organizationUrl: `${ORG}/`, personalAccessToken: PAT });

/**
 * @param {Route[]} routes
 * @returns {jest.Mock & { calls: Call[] }}
 */
function azureDevOpsResponder(routes) {
	/** @type {Call[]} */
	const calls = [];
	const mock = jest.fn(async (/** @type {string} */ _type, /** @type {Call} */ options) => {
		calls.push(options);
		const path = options.url.startsWith(ORG) ? options.url.slice(ORG.length) : options.url;
		const route = routes.find((r) => r.method === (options.method ?? 'GET') && r.path.test(path));
		const reply = route
			? typeof route.reply === 'function'
				? route.reply(options)
				: route.reply
			: { statusCode: 599, body: { message: `unexpected ${options.method} ${path}` } };
		return { statusCode: reply.statusCode ?? 200, body: reply.body, headers: reply.headers ?? { 'content-type': 'application/json' } };
	});
	return Object.assign(mock, { calls });
}

/**
 * An IExecuteFunctions (also good enough as ILoadOptionsFunctions) over a scripted Azure DevOps: one
 * parameter set for every item, or one per item. Routes may also answer other hosts by full URL (n8n's API).
 * @param {{ parameters?: IDataObject | IDataObject[], credentials?: IDataObject, routes?: Route[],
 *   items?: number, continueOnFail?: boolean, httpRequest?: jest.Mock,
 *   nodeCredentials?: Record<string, { id: string, name: string }> }} [options]
 */
function executeContext(options = {}) {
	const http = azureDevOpsResponder(options.routes ?? []);
	const { context, mock } = contexts.executeContext({
		parameters: options.parameters,
		credentials: options.credentials ?? defaultCredentials(),
		items: options.items,
		continueOnFail: options.continueOnFail,
		http,
		httpRequest: options.httpRequest,
		nodeCredentials: options.nodeCredentials,
	});
	return { context, mock, http, calls: http.calls };
}

/**
 * An IHookFunctions for the trigger's publish and unpublish, over a scripted Azure DevOps.
 * @param {{ parameters?: IDataObject, credentials?: IDataObject, routes?: Route[], staticData?: IDataObject,
 *   webhookUrl?: string }} [options]
 */
function hookContext(options = {}) {
	const http = azureDevOpsResponder(options.routes ?? []);
	const { context, mock, staticData } = contexts.hookContext({
		parameters: options.parameters,
		credentials: options.credentials ?? defaultCredentials(),
		staticData: options.staticData,
		webhookUrl: options.webhookUrl,
		http,
	});
	return { context, mock, staticData, http, calls: http.calls };
}

/**
 * A work item as Azure DevOps answers it, in the project the action tests use.
 * @param {number} id
 * @param {IDataObject} [fields]
 */
const workItem = (id, fields = {}) => ({
	id,
	rev: 1,
	url: `${ORG}/_apis/wit/workItems/${id}`,
	fields: { 'System.TeamProject': 'Fabrikam Web', 'System.Title': `Item ${id}`, ...fields },
});

/**
 * Runs the Azure DevOps action node over a scripted Azure DevOps: its output items and the calls it made.
 * @param {Parameters<typeof executeContext>[0]} options
 */
async function runNode(options) {
	const { AzureDevOps } = require('../../nodes/AzureDevOps/AzureDevOps.node');
	const { context, calls } = executeContext(options);
	const output = await new AzureDevOps().execute.call(context);
	return { items: output[0], calls };
}

module.exports = { ORG, PAT, azureDevOpsResponder, executeContext, hookContext, workItem, runNode };
