// @ts-check
'use strict';
const { Agent, createServer, request } = require('node:http');

const { serveOnLoopback } = require('./http');

/**
 * @typedef {object} RoundRobinProxy
 * @property {string} url
 * @property {number[]} served requests passed to each target so far, in the order of `targets`
 * @property {() => Promise<void>} close
 */

/**
 * The load balancer in front of n8n's webhook processes, as small as it gets: an HTTP server on 127.0.0.1
 * that passes each request, as it is, to the next of `targets` in turn and streams the answer back (502 when
 * the target cannot be reached).
 * @param {string[]} targets base URLs (`http://127.0.0.1:port`)
 * @returns {Promise<RoundRobinProxy>}
 */
async function startRoundRobinProxy(targets) {
	const agent = new Agent({ keepAlive: true, maxSockets: 64 });
	const served = targets.map(() => 0);
	let next = 0;
	const server = createServer((req, res) => {
		const index = next;
		next = (next + 1) % targets.length;
		served[index] += 1;
		const target = new URL(req.url ?? '/', targets[index]);
		const upstream = request(target, { method: req.method, headers: req.headers, agent }, (answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
		});
		upstream.on('error', () => {
			if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
			res.end('{"message":"Bad gateway"}');
		});
		req.pipe(upstream);
	});
	// Deliveries held open by a respond node may take a while: serveOnLoopback sets no server-side timeout.
	const listening = await serveOnLoopback(server);
	return {
		url: listening.url,
		served,
		close: async () => {
			agent.destroy();
			await listening.close();
		},
	};
}

module.exports = { startRoundRobinProxy };
