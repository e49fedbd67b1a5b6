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
 * Sends a request as a third-party service (or a caller of a plain Webhook node) would, and reads the answer.
 * @param {string} url
 * @param {RequestInit} [init]
 * @returns {Promise<Answer>}
 */
async function request(url, { method = 'GET', body, headers = {} } = {}) {
	const typed = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
	const response = await fetch(url, {
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

module.exports = { post, request };
