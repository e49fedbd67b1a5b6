// @ts-check
'use strict';
/**
 * An action node run in this process against real HTTP servers (the fakes of dev/fakes/ on loopback), with an
 * n8n execution context small enough to measure: `httpRequestWithAuthentication` sends each request with
 * `fetch`, authenticated as the package's credentials are, and counts requests and the bytes received. Used by
 * `npm run bench:scale` (on the built package) and by unit tests that need a real server (on the sources).
 *
 * @typedef {import('n8n-workflow').IDataObject} IDataObject
 * @typedef {{ requests: number, bytes: number, byStatus: Record<number, number> }} Meter
 */

/**
 * Authorization as each credential type of the package sends it.
 * @param {string} type @param {IDataObject} credentials @returns {Record<string, string>}
 */
function authorization(type, credentials) {
	const basic = (/** @type {string} */ pair) => `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
	if (type === 'azureDevOpsApi') return { Authorization: basic(`:${credentials.personalAccessToken}`) };
	if (type === 'tapdApi') {
		if ((credentials.authType ?? 'apiAccount') === 'apiAccount') return { Authorization: basic(`${credentials.apiUser}:${credentials.apiPassword}`) };
		return { Authorization: `Bearer ${credentials.authType === 'personalAccessToken' ? credentials.personalAccessToken : credentials.accessToken}` };
	}
	if (type === 'testManagerApi') return { Authorization: `Bearer ${credentials.accessToken}` };
	if (type === 'testOpsN8nApi') return { 'X-N8N-API-KEY': String(credentials.apiKey) };
	return {};
}

/** The URL n8n's helper would call: `baseURL` joined with `url`, then `qs`. @param {import('n8n-workflow').IHttpRequestOptions} options */
function targetOf(options) {
	const joined = options.baseURL && !/^https?:\/\//i.test(options.url) ? `${options.baseURL.replace(/\/+$/, '')}/${options.url.replace(/^\/+/, '')}` : options.url;
	const url = new URL(joined);
	for (const [key, value] of Object.entries(options.qs ?? {})) {
		if (value !== undefined && value !== null) url.searchParams.append(key, String(value));
	}
	return url;
}

/**
 * Sends one request as n8n's `httpRequestWithAuthentication` would with `returnFullResponse` and
 * `ignoreHttpStatusErrors`; a failure without an answer is thrown with the network code n8n's client would give.
 * @param {string} type @param {IDataObject} credentials @param {import('n8n-workflow').IHttpRequestOptions} options @param {Meter} meter
 */
async function send(type, credentials, options, meter) {
	const url = targetOf(options);
	/** @type {Record<string, string>} */
	const headers = { ...(/** @type {Record<string, string>} */ (options.headers ?? {})), ...authorization(type, credentials) };
	let body;
	if (options.body !== undefined && options.body !== null) {
		if (typeof options.body === 'string' || Buffer.isBuffer(options.body)) body = options.body;
		else {
			body = JSON.stringify(options.body);
			headers['Content-Type'] ??= 'application/json';
		}
	}
	meter.requests++;
	let response;
	try {
		response = await fetch(url, { method: options.method ?? 'GET', headers, body, signal: AbortSignal.timeout(options.timeout ?? 300_000) });
	} catch (error) {
		const cause = /** @type {{ code?: string, name?: string }} */ (/** @type {{ cause?: unknown }} */ (error).cause ?? error);
		const code = cause?.name === 'TimeoutError' ? 'ECONNABORTED' : (cause?.code ?? 'ECONNRESET');
		throw Object.assign(new Error(`request to ${url.origin} failed (${code})`), { code });
	}
	const text = await response.text();
	meter.bytes += Buffer.byteLength(text);
	meter.byStatus[response.status] = (meter.byStatus[response.status] ?? 0) + 1;
	let parsed = text;
	if (options.json) {
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			parsed = text;
		}
	}
	return { statusCode: response.status, headers: Object.fromEntries(response.headers), body: parsed };
}

/**
 * An IExecuteFunctions for one run of an action node over one input item.
 * @param {{ parameters: IDataObject, credentials: Record<string, IDataObject>, meter?: Meter,
 *   nodeCredentials?: Record<string, { id: string, name: string }> }} options
 */
function executeContext(options) {
	const meter = options.meter ?? { requests: 0, bytes: 0, byStatus: {} };
	/** @type {string[]} */
	const logged = [];
	/** @param {string} name */
	const parameter = (name) => {
		/** @type {any} */
		let value = options.parameters;
		for (const key of name.split('.')) value = value?.[key];
		return value;
	};
	const context = {
		getInputData: () => [{ json: {} }],
		getNodeParameter: (/** @type {string} */ name, /** @type {number} */ _item, /** @type {unknown} */ fallback, /** @type {{ extractValue?: boolean }} */ extract) => {
			const value = parameter(name);
			if (value === undefined) return fallback;
			return extract?.extractValue && value && typeof value === 'object' && '__rl' in value ? value.value : value;
		},
		getCredentials: async (/** @type {string} */ type) => options.credentials[type] ?? {},
		getNode: () => ({ id: 'node-1', name: 'Node', type: 'n8n-nodes-testops.node', typeVersion: 1, position: [0, 0], parameters: {}, credentials: options.nodeCredentials }),
		continueOnFail: () => false,
		addExecutionHints: () => {},
		logger: { debug: () => {}, info: (/** @type {string} */ m) => logged.push(m), warn: (/** @type {string} */ m) => logged.push(m), error: (/** @type {string} */ m) => logged.push(m) },
		helpers: {
			httpRequestWithAuthentication: async (/** @type {string} */ type, /** @type {import('n8n-workflow').IHttpRequestOptions} */ request) =>
				await send(type, options.credentials[type] ?? {}, request, meter),
		},
	};
	return { context: /** @type {import('n8n-workflow').IExecuteFunctions} */ (/** @type {unknown} */ (context)), meter, logged };
}

/**
 * Runs an action node (an instance of its class) once: its first output's items, and what it cost.
 * @param {{ execute: Function }} node
 * @param {Parameters<typeof executeContext>[0]} options
 */
async function runNode(node, options) {
	const { context, meter, logged } = executeContext(options);
	const output = await node.execute.call(context);
	return { items: /** @type {{ json: IDataObject }[]} */ (output[0]), meter, logged };
}

module.exports = { executeContext, runNode, send };
