// @ts-check
'use strict';

/**
 * @typedef {object} RequestInit
 * @property {string} [method] `GET` unless told
 * @property {unknown} [body] a string is sent as it is, anything else as JSON
 * @property {Record<string, string>} [headers] with a body and no `content-type` among them, `application/json`
 *
 * @typedef {{ status: number, body: any }} Answer the answer's JSON, or its text when it is not JSON
 *   (`undefined` when empty), whatever its status
 */

/** @param {string} text */
function parsed(text) {
	if (!text) return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/**
 * `fetch`, once more when the first attempt found its pooled keep-alive connection already closed by the
 * server ("other side closed", before any answer). That happens after the event loop was blocked longer
 * than the server's keep-alive timeout (jest compiling the next test file), so the pool could not drop the
 * socket in time; the server had not read the request.
 * @param {string} url
 * @param {RequestInit & { body?: any }} [init]
 * @returns {Promise<Response>}
 */
async function fetchFresh(url, init) {
	try {
		return await fetch(url, init);
	} catch (error) {
		const cause = /** @type {{ cause?: { code?: string, message?: string } }} */ (error).cause;
		if (cause?.code !== 'UND_ERR_SOCKET' || cause.message !== 'other side closed') throw error;
		return await fetch(url, init);
	}
}

/**
 * Sends a request as a third-party service (or a caller of a plain Webhook node) would, and reads the answer.
 * @param {string} url
 * @param {RequestInit} [init]
 * @returns {Promise<Answer>}
 */
async function request(url, { method = 'GET', body, headers = {} } = {}) {
	const typed = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
	const response = await fetchFresh(url, {
		method,
		headers: body === undefined || typed ? headers : { 'content-type': 'application/json', ...headers },
		body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
	});
	return { status: response.status, body: parsed(await response.text()) };
}

/**
 * Delivers `body` to a webhook with a POST (JSON unless `headers` name another content type).
 * @param {string} url
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 * @returns {Promise<Answer>}
 */
async function post(url, body, headers = {}) {
	return await request(url, { method: 'POST', body, headers });
}

/**
 * Serves `server` on a free port of 127.0.0.1, with no server-side request timeout (what it serves may hold a
 * request for minutes); `close` ends open connections too.
 * @param {import('node:http').Server} server
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
async function serveOnLoopback(server) {
	server.requestTimeout = 0;
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `http://127.0.0.1:${port}`,
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
}

module.exports = { fetchFresh, post, request, serveOnLoopback };
