// @ts-check
'use strict';
/**
 * What `npm run bench:n8n` measures with: a load generator (N concurrent keep-alive connections on
 * loopback), the CPU time of n8n's whole process group read from /proc, and the isolate counts written by
 * isolateCounter.js.
 */
const { execFileSync } = require('node:child_process');
const { existsSync, readFileSync, readdirSync } = require('node:fs');
const http = require('node:http');

const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/**
 * CPU time (user + system, threads included, and that of exited children) of every process in a group.
 * @param {number} pgid
 * @returns {number} milliseconds
 */
function groupCpuMs(pgid) {
	let ticks = 0;
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat;
		try {
			stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue; // exited meanwhile
		}
		// Fields after the command name, which is in parentheses and may hold spaces: state is field 3.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (Number(fields[2]) !== pgid) continue; // field 5: process group
		ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]); // utime stime cutime cstime
	}
	return ticks * TICK_MS;
}

/** @param {number} ms */
const sleep = async (ms) => await new Promise((r) => setTimeout(r, ms));

/**
 * Waits until n8n's group has used no more CPU than `idleMsPerS` (plus one clock tick) during 400 ms, so that
 * work a round left behind (executions finishing, isolates being replaced) is counted in that round.
 * @param {number} pgid @param {number} idleMsPerS @param {number} [timeoutMs]
 */
async function waitUntilQuiet(pgid, idleMsPerS, timeoutMs = 15_000) {
	const deadline = Date.now() + timeoutMs;
	let before = groupCpuMs(pgid);
	while (Date.now() < deadline) {
		await sleep(400);
		const now = groupCpuMs(pgid);
		if (now - before <= idleMsPerS * 0.4 + TICK_MS) return;
		before = now;
	}
}

/**
 * The isolate counts isolateCounter.js wrote (zeros under the legacy engine).
 * @param {string} file
 * @returns {{ acquired: number, created: number }}
 */
function isolateCounts(file) {
	return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { acquired: 0, created: 0 };
}

/**
 * @typedef {import('./workflows').Delivery} Delivery
 * @typedef {{ sent: number, seconds: number, statuses: Record<number, number>, bodies: string[] }} LoadResult
 */

/**
 * Sends deliveries from `concurrency` connections until `maxRequests` were sent or `seconds` have passed,
 * and waits for every answer.
 * @param {string} baseUrl
 * @param {(i: number) => Delivery} delivery
 * @param {{ concurrency: number, maxRequests: number, seconds: number }} limits
 * @returns {Promise<LoadResult>}
 */
async function drive(baseUrl, delivery, { concurrency, maxRequests, seconds }) {
	const { hostname, port } = new URL(baseUrl);
	const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
	/** @type {Record<number, number>} */
	const statuses = {};
	/** @type {string[]} a few answers of an unexpected kind, for the report */
	const bodies = [];
	let sent = 0;
	const start = process.hrtime.bigint();
	const deadline = Date.now() + seconds * 1000;
	const one = async (/** @type {Delivery} */ d) =>
		await new Promise((resolve) => {
			const request = http.request({ agent, hostname, port, method: d.method, path: d.path, headers: d.headers }, (response) => {
				const chunks = /** @type {Buffer[]} */ ([]);
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () => {
					const status = response.statusCode ?? 0;
					statuses[status] = (statuses[status] ?? 0) + 1;
					if (bodies.length < 3 && status >= 500) bodies.push(Buffer.concat(chunks).toString('utf8').slice(0, 200));
					resolve(undefined);
				});
			});
			request.on('error', (error) => {
				statuses[0] = (statuses[0] ?? 0) + 1;
				if (bodies.length < 3) bodies.push(String(error));
				resolve(undefined);
			});
			request.end(d.body);
		});
	const worker = async () => {
		while (sent < maxRequests && Date.now() < deadline) await one(delivery(sent++));
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
	agent.destroy();
	return { sent, seconds: elapsed, statuses, bodies };
}

module.exports = { drive, groupCpuMs, isolateCounts, sleep, waitUntilQuiet };
