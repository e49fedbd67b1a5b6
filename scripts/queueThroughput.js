// @ts-check
'use strict';
/**
 * `node scripts/queueThroughput.js [--seconds 15] [--clients 8] [--rounds 2]`: accepted deliveries per second
 * of one n8n webhook process against two behind the round-robin balancer, in the queue-mode stack
 * (dev/queueStack.js), with the Testany example published. Every delivery is a new notification (no repeats),
 * so each is verified, answered 200 and queued for the worker. Rounds alternate (one, two, one, two …) so
 * that a change in the machine's load hits both alike. Build first (`npm run build`).
 */
const { mkdtempSync, rmSync } = require('node:fs');
const { cpus, loadavg, tmpdir } = require('node:os');
const { join } = require('node:path');

const { E2E_SECRETS, randomOwnerPassword } = require('../dev/credentials');
const { startQueueStack } = require('../dev/queueStack');

/** @param {string} name @param {number} fallback */
function option(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}
const SECONDS = option('seconds', 15);
const CLIENTS = option('clients', 8);
const ROUNDS = option('rounds', 2);

let sequence = 0;
const body = () =>
	JSON.stringify({
		name: 'throughput',
		status: 2,
		trigger_key: 'P-BENCH-1',
		trigger_method: 'plan',
		pipelines: [{ name: 'p', status: 2, key: 'K', execution_key: `BENCH-${process.pid}-${sequence++}`, cases: [{ name: 'c', status: 2 }] }],
	});

/**
 * `CLIENTS` senders, each posting one delivery after the other for `seconds`.
 * @param {string} url
 * @param {number} seconds
 */
async function load(url, seconds) {
	const latencies = /** @type {number[]} */ ([]);
	/** @type {Record<string, number>} */
	const failed = {};
	const until = Date.now() + seconds * 1000;
	await Promise.all(
		Array.from({ length: CLIENTS }, async () => {
			while (Date.now() < until) {
				const started = performance.now();
				const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body() });
				await response.arrayBuffer();
				if (response.status === 200) latencies.push(performance.now() - started);
				else failed[response.status] = (failed[response.status] ?? 0) + 1;
			}
		}),
	);
	latencies.sort((a, b) => a - b);
	const at = (/** @type {number} */ q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
	return { perSecond: latencies.length / seconds, accepted: latencies.length, failed, p50: at(0.5), p95: at(0.95) };
}

/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
	const workDir = mkdtempSync(join(tmpdir(), 'n8n-nodes-testops-queue-bench-'));
	const stack = await startQueueStack({ userFolder: join(workDir, 'n8n'), fresh: true, ownerPassword: randomOwnerPassword() });
	try {
		const { n8n, state } = stack;
		const queue = /** @type {import('../dev/queueStack').QueueState} */ (state.queue);
		const workflow = await n8n.workflowByName('Testany: report failed test cases');
		const webhookId = workflow.nodes.find((node) => node.name === 'Testany Trigger')?.webhookId ?? '';
		const path = `/webhook/${webhookId}/testany?token=${E2E_SECRETS.testanyToken}`;
		await n8n.publish(workflow.id, [n8n.webhookUrl(webhookId, 'testany')]);
		const targets = { one: `${queue.webhookProcessUrls[0]}${path}`, two: `${state.webhookBaseUrl}${path}` };

		await load(targets.two, 3); // warm-up: both processes, the worker, the database
		/** @type {Record<'one' | 'two', Array<Awaited<ReturnType<typeof load>>>>} */
		const results = { one: [], two: [] };
		for (let round = 0; round < ROUNDS; round++) {
			for (const which of /** @type {const} */ (['one', 'two'])) {
				const result = await load(targets[which], SECONDS);
				results[which].push(result);
				process.stdout.write(`${which === 'one' ? 'one webhook process ' : 'two, via the balancer'}: ${result.perSecond.toFixed(1)}/s accepted, p50 ${result.p50.toFixed(0)} ms, p95 ${result.p95.toFixed(0)} ms, not 200: ${JSON.stringify(result.failed)}\n`);
			}
		}
		process.stdout.write(
			[
				'',
				`${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'} · load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
				`${CLIENTS} clients, ${ROUNDS} rounds of ${SECONDS} s each; median accepted deliveries per second:`,
				`  one webhook process: ${median(results.one.map((r) => r.perSecond)).toFixed(1)}/s (p95 ${median(results.one.map((r) => r.p95)).toFixed(0)} ms)`,
				`  two webhook processes: ${median(results.two.map((r) => r.perSecond)).toFixed(1)}/s (p95 ${median(results.two.map((r) => r.p95)).toFixed(0)} ms)`,
				'',
			].join('\n'),
		);
	} finally {
		await stack.stop();
		rmSync(workDir, { recursive: true, force: true });
	}
}

main().catch((error) => {
	process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
	process.exit(1);
});
