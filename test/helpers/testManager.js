// @ts-check
'use strict';
/**
 * A scripted UiPath Test Manager for unit tests, on the shared contexts: `httpRequestWithAuthentication`
 * answers with full responses, as the transport asks for, and records what it was asked.
 *
 * @typedef {{ method: string, url: string, path: string, qs: Record<string, any>,
 *   credentialsDecrypted?: Record<string, unknown> }} TestManagerCall
 *   path is the URL after the API base; credentialsDecrypted is the credential data a call was forced to use
 * @typedef {(call: TestManagerCall) => [number, unknown] | Promise<[number, unknown]>} TestManagerHandler
 *   returns [HTTP status, body]
 */

const { executeContext } = require('./contexts');

/** Where the default credentials put Test Manager's API. */
const API_BASE = 'https://cloud.uipath.com/acme/DefaultTenant/testmanager_';

/** The UiPath Test Manager API credential as n8n hands it to a node, with a token already fetched. */
const CREDENTIALS = {
	baseUrl: 'https://cloud.uipath.com/',
	organization: 'acme',
	tenant: 'DefaultTenant',
	clientId: 'id',
	clientSecret: 'client-secret-value',
	scopes: 'TM.Projects.Read TM.TestExecutions.Read',
	accessToken: 'token-value',
};

/**
 * @param {TestManagerHandler} handler
 * @returns {jest.Mock & { calls: TestManagerCall[] }}
 */
function testManagerResponder(handler) {
	/** @type {TestManagerCall[]} */
	const calls = [];
	const mock = jest.fn(async (_type, options, additional) => {
		const url = String(options.url);
		/** @type {TestManagerCall} */
		const call = {
			method: options.method ?? 'GET',
			url,
			path: url.startsWith(API_BASE) ? url.slice(API_BASE.length) : url,
			qs: options.qs ?? {},
			credentialsDecrypted: additional?.credentialsDecrypted?.data,
		};
		calls.push(call);
		const [statusCode, body] = await handler(call);
		return { statusCode, body, headers: { 'content-type': 'application/json; charset=utf-8' } };
	});
	return Object.assign(mock, { calls });
}

/** A Test Manager page: the requested slice of `all`, capped at `cap` items, with the total when `withTotal`. */
function page(
	/** @type {unknown[]} */ all,
	/** @type {TestManagerCall} */ call,
	/** @type {{ withTotal?: boolean, cap?: number }} */ options = {},
) {
	const { Top, Skip } = call.qs;
	const data = all.slice(Skip, Skip + Math.min(Top, options.cap ?? Infinity));
	return options.withTotal ? { data, paging: { total: all.length } } : { data };
}

/**
 * An action node's context over a scripted Test Manager.
 * @param {{ parameters?: Record<string, unknown> | Record<string, unknown>[], handler?: TestManagerHandler,
 *   credentials?: Record<string, unknown>, items?: number, continueOnFail?: boolean }} [options]
 */
function testManagerContext(options = {}) {
	const http = testManagerResponder(options.handler ?? (() => [200, {}]));
	const { context, mock } = executeContext({
		parameters: /** @type {any} */ (options.parameters),
		credentials: { ...CREDENTIALS, ...options.credentials },
		http,
		items: options.items,
		continueOnFail: options.continueOnFail,
	});
	return { context, mock, http };
}

/** Defect KPIs as the Defect KPI operations of this package output them. */
const KPIS = {
	totalDefects: 12,
	criticalDefects: 2,
	moderateDefects: 5,
	openDefects: 7,
	closedDefects: 5,
	criticalDefectsLink: 'https://tracker.example.com/critical',
};

/**
 * The parameters of Respond with Defect KPIs as n8n resolves their default expressions from an incoming item.
 * @param {import('n8n-workflow').IDataObject} item
 * @param {import('n8n-workflow').IDataObject} [extra]
 * @returns {import('n8n-workflow').IDataObject}
 */
const kpiParameters = (item, extra = {}) => ({
	resource: 'webhookResponse',
	operation: 'respondWithDefectKpis',
	totalDefects: item.totalDefects,
	criticalDefects: item.criticalDefects,
	moderateDefects: item.moderateDefects,
	openDefects: item.openDefects,
	closedDefects: item.closedDefects,
	criticalDefectsLink: item.criticalDefectsLink,
	status: 'Success',
	responseOptions: {},
	...extra,
});

module.exports = { API_BASE, CREDENTIALS, KPIS, kpiParameters, page, testManagerContext, testManagerResponder };
