// @ts-check
'use strict';
const { createServer } = require('node:http');

/**
 * Redirects, for the test that credentials never follow one to another host (e2e/redirects.test.cts).
 *
 * `withRedirectMode(handler)` wraps a fake's request handler with a redirect mode, steered at
 * `POST /__fake/redirect` `{ status, to, unless? }`: from then on every API call is answered `status` (e.g. 302,
 * 307) with `Location: <to><path and query>`, except those whose path starts with `unless` (e.g. the token
 * endpoint, to redirect only the calls that carry the token); `{ status: 0 }` turns it off. As a single sign-on
 * gateway or an open redirect would. Control paths (`/__fake/…`) are never redirected.
 *
 * `startRecorder()` starts the other host: a loopback server that records every request it receives (method,
 * URL, headers, body) and answers `200` with a TAPD-shaped empty success, so that a client that followed a
 * redirect would carry on as if nothing happened, as n8n did before. `requests()` reads the record.
 */

/**
 * @typedef {{ status: number, to: string, unless?: string }} RedirectMode
 * @typedef {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => unknown} Handler
 * @typedef {{ method: string, url: string, headers: import('node:http').IncomingHttpHeaders, body: string }} RecordedRequest
 */

/** @param {import('node:http').IncomingMessage} req @returns {Promise<string>} */
async function readBody(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	return Buffer.concat(chunks).toString('utf8');
}

/**
 * @param {Handler} handler the fake's own handler, for everything the redirect mode does not answer
 * @returns {Handler}
 */
function withRedirectMode(handler) {
	/** @type {RedirectMode | undefined} */
	let mode;
	return (req, res) => {
		const url = req.url ?? '/';
		if (url === '/__fake/redirect' && req.method === 'POST') {
			return readBody(req).then((text) => {
				const wanted = /** @type {RedirectMode} */ (JSON.parse(text || '{}'));
				mode = wanted.status ? { status: wanted.status, to: wanted.to.replace(/\/+$/, ''), unless: wanted.unless } : undefined;
				res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ redirect: mode ?? null }));
			});
		}
		const redirected = mode && !url.startsWith('/__fake/') && !(mode.unless && url.startsWith(mode.unless));
		if (!mode || !redirected) return handler(req, res);
		const { status, to } = mode;
		return readBody(req).then(() => {
			res.writeHead(status, { location: `${to}${url}`, 'content-type': 'text/html' }).end(`<a href="${to}${url}">Moved</a>`);
		});
	};
}

/** @returns {Promise<{ url: string, requests(): RecordedRequest[], reset(): void, close(): Promise<void> }>} */
async function startRecorder() {
	/** @type {RecordedRequest[]} */
	const recorded = [];
	const server = createServer(async (req, res) => {
		const body = await readBody(req);
		recorded.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
		res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 1, data: [], info: 'success' }));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://127.0.0.1:${address.port}`,
		requests: () => recorded.map((request) => ({ ...request })),
		reset: () => void recorded.splice(0),
		close: async () => await new Promise((resolve) => server.close(() => resolve(undefined))),
	};
}

module.exports = { withRedirectMode, startRecorder };
