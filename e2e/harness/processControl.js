// @ts-check
'use strict';
const { randomBytes, timingSafeEqual } = require('node:crypto');
const { createServer } = require('node:http');

const { serveOnLoopback } = require('../../dev/http');

/**
 * @typedef {{ url: string, token: string }} ProcessControlAddress what a test file needs to call it
 */

/**
 * Lets the queue suite's test files crash and restart one n8n process of the stack its globalSetup started:
 * jest runs test files in contexts of their own, which cannot reach the stack's child processes. An HTTP
 * server on 127.0.0.1 that takes `POST /processes/<name>/crash` or `/restart` with a random bearer token
 * (written to the state file, which only this user may read) and answers 204 once it is done.
 * @param {import('../../dev/queueStack').QueueProcesses} processes
 * @returns {Promise<ProcessControlAddress & { close(): Promise<void> }>}
 */
async function startProcessControl(processes) {
	const token = randomBytes(24).toString('hex');
	const expected = Buffer.from(`Bearer ${token}`);
	const server = createServer((req, res) => {
		const given = Buffer.from(req.headers.authorization ?? '');
		const match = /^\/processes\/(main|worker|webhook-\d)\/(crash|restart)$/.exec(req.url ?? '');
		if (given.length !== expected.length || !timingSafeEqual(given, expected)) return void res.writeHead(401).end();
		if (req.method !== 'POST' || !match) return void res.writeHead(404).end();
		const [, name, action] = match;
		const target = /** @type {import('../../dev/queueStack').QueueProcessName} */ (name);
		(action === 'crash' ? processes.crash(target) : processes.restart(target)).then(
			() => res.writeHead(204).end(),
			(error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)),
		);
	});
	// A restart waits for n8n to be ready, which may take minutes on a busy machine: no request timeout there.
	return { ...(await serveOnLoopback(server)), token };
}

module.exports = { startProcessControl };
