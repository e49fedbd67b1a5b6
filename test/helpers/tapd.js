// @ts-check
'use strict';
/**
 * A scripted TAPD for unit tests, built on the shared context doubles: an `httpRequestWithAuthentication`
 * that answers like TAPD (full responses with a text body, as the transport asks for), the contexts that
 * use it, and a stateful fake of the webhook settings API for the trigger's lifecycle.
 *
 * @typedef {import('n8n-workflow').IDataObject} IDataObject
 * @typedef {{ method: string, url: string, qs: Record<string, string>, form: Record<string, string>,
 *   credentialsDecrypted?: Record<string, unknown> }} TapdCall
 * @typedef {(call: TapdCall) => [number, unknown] | Promise<[number, unknown]>} TapdHandler
 *   returns [HTTP status, body]; an object body is sent as JSON text, a string as is
 */

const { executeContext, hookContext } = require('./contexts');

/** The credential of most tests: an API account against a fake host. */
const TAPD_CREDENTIALS = { baseUrl: 'https://api.tapd.example', authType: 'apiAccount' };

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

/**
 * An IExecuteFunctions (also good enough as ILoadOptionsFunctions) over a scripted TAPD.
 * @param {{ parameters?: IDataObject, credentials?: IDataObject, handler: TapdHandler, items?: number,
 *   continueOnFail?: boolean }} options
 */
function tapdExecuteContext(options) {
	const http = tapdResponder(options.handler);
	const { context, mock } = executeContext({
		parameters: options.parameters,
		credentials: { ...TAPD_CREDENTIALS, ...options.credentials },
		http,
		items: options.items ?? 1,
		continueOnFail: options.continueOnFail,
	});
	return { context, mock, http };
}

/**
 * A stateful TAPD holding webhook settings: list (by id and URL), create, update (POST with id) and delete
 * (`POST /webhook_settings/delete_webhook_settings`, or HTTP DELETE where allowed).
 * @param {Array<Record<string, string>>} [initial]
 * @param {{ deleteForms?: Array<'post' | 'delete'>, deleteStatus?: number }} [options] the delete forms that
 *   work (default the POST form); `deleteStatus` answers every delete attempt with this HTTP status
 */
function fakeTapd(initial = [], options = {}) {
	const settings = initial.map((setting) => ({ ...setting }));
	const forms = options.deleteForms ?? ['post'];
	let next = 100;
	/** @param {string} id */
	const remove = (id) => {
		if (options.deleteStatus) return /** @type {[number, unknown]} */ ([options.deleteStatus, { status: 0, info: 'no' }]);
		const index = settings.findIndex((s) => s.id === id);
		if (index < 0) return /** @type {[number, unknown]} */ ([404, { status: 0, info: 'not found' }]);
		settings.splice(index, 1);
		return ok({ result: true });
	};
	const http = tapdResponder(({ method, url, qs, form }) => {
		if (method === 'GET') {
			const found = settings.filter((s) => (!qs.id || s.id === qs.id) && (!qs.webhook_url || s.url === qs.webhook_url));
			return ok(found.map((s) => ({ WebhookSetting: s })));
		}
		if (url === '/webhook_settings/delete_webhook_settings') {
			return forms.includes('post') ? remove(form.id) : [404, { status: 0, info: 'no such API' }];
		}
		if (method === 'DELETE') return forms.includes('delete') ? remove(qs.id) : [405, { status: 0, info: 'method not allowed' }];
		if (form.id) {
			const setting = settings.find((s) => s.id === form.id);
			if (!setting) return [404, { status: 0, info: 'record not found' }];
			Object.assign(setting, form);
			return ok({ WebhookSetting: setting });
		}
		const created = { status: 'normal', ...form, id: String(next++) };
		settings.push(created);
		return ok({ WebhookSetting: created });
	});
	return { settings, http };
}

/**
 * An IHookFunctions (publish / unpublish) whose calls reach a fake TAPD.
 * @param {{ parameters?: IDataObject, staticData?: IDataObject, webhookUrl?: string,
 *   tapd?: ReturnType<typeof fakeTapd> }} options
 */
function tapdHookContext(options) {
	const tapd = options.tapd ?? fakeTapd();
	const hook = hookContext({
		parameters: options.parameters,
		staticData: options.staticData,
		webhookUrl: options.webhookUrl,
		credentials: TAPD_CREDENTIALS,
		http: tapd.http,
	});
	return { ...hook, tapd };
}

/**
 * An `httpRequestWithAuthentication` that really calls a TAPD over HTTP (the fake of `dev/fakes/tapd.js`), signed
 * by the credential's own `authenticate`: unit tests of calls whose form matters, against the fake's checks.
 * @param credentials the TAPD API credential, with the fake's Base URL and account
 * @returns {jest.Mock}
 */
function liveTapdHttp(/** @type {import('n8n-workflow').ICredentialDataDecryptedObject} */ credentials) {
	const { TapdApi } = require('../../credentials/TapdApi.credentials');
	return jest.fn(async (/** @type {string} */ _type, /** @type {any} */ options) => {
		const signed = await new TapdApi().authenticate(credentials, options);
		const url = new URL(`${signed.baseURL}${signed.url}`);
		for (const [key, value] of Object.entries(signed.qs ?? {})) url.searchParams.set(key, String(value));
		const headers = /** @type {Record<string, string>} */ (signed.headers ?? {});
		const answer = await fetch(url, { method: signed.method, headers, body: /** @type {string | undefined} */ (signed.body) });
		return { statusCode: answer.status, body: await answer.text(), headers: Object.fromEntries(answer.headers) };
	});
}

/** The workspace of the action node's tests. */
const WS = '10158231';

/**
 * Runs the TAPD action node over a scripted TAPD, in workspace {@link WS} unless the parameters say otherwise.
 * @param {IDataObject} parameters
 * @param {TapdHandler} handler
 * @param {{ items?: number, continueOnFail?: boolean, credentials?: IDataObject }} [extra]
 */
async function runTapd(parameters, handler, extra = {}) {
	const { Tapd } = require('../../nodes/Tapd/Tapd.node');
	const { context, http } = tapdExecuteContext({ parameters: { workspaceId: WS, ...parameters }, handler, ...extra });
	const output = await new Tapd().execute.call(context);
	return { output: output[0], http };
}

module.exports = { TAPD_CREDENTIALS, WS, tapdResponder, ok, tapdExecuteContext, runTapd, fakeTapd, tapdHookContext, liveTapdHttp };
