// @ts-check
'use strict';
/**
 * `npm run bench` (after `npm run build`): what a delivery costs inside a trigger, measured on the built
 * code. It checks the performance rules of this package: a rejected request costs less than an accepted
 * one, and the body is read in one pass.
 */
const { createHmac } = require('node:crypto');
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist', 'nodes');
const { TestanyTrigger } = require(join(dist, 'Testany', 'TestanyTrigger.node.js'));
const { parseJson } = require(join(dist, 'shared', 'webhookBody.js'));
const { hmacSha256Matches } = require(join(dist, 'shared', 'webhookAuth.js'));

const TOKEN = 'bench-token-0123456789abcdefghij';

/** A notification with `cases` test cases: Testany's real shape, 19-digit ids, Chinese text. */
function notification(cases, executionKey) {
	return JSON.stringify({
		name: '夜间回归 nightly',
		status: 2,
		trigger_key: 'P-ABC-0001',
		trigger_method: 'plan',
		trigger_owner: ['john.doe@acme.tld'],
		pipelines: [
			{
				name: 'checkout',
				status: 2,
				key: 'ABC-0001',
				owner: [],
				execution_key: executionKey,
				cases: Array.from({ length: cases }, (_, i) => ({
					name: `用例 case-${i}`,
					status: i % 7 === 0 ? 2 : 1,
					key: String(1010158231000000000n + BigInt(i)),
					owner: ['qa@acme.tld'],
					duration: 3,
					env: 'DEMO',
				})),
			},
		],
	});
}

/** The n8n context of one delivery, minimal and allocation-light. */
function context(raw, query) {
	const request = {
		headers: { 'content-type': 'application/json' },
		query,
		rawBody: raw,
		readRawBody: async () => {},
	};
	const response = { status: () => response, json: () => response };
	const params = { triggerMethods: ['plan', 'gatekeeper'], output: 'case', result: 'failure', duplicateWindowSeconds: 0 };
	return {
		getRequestObject: () => request,
		getResponseObject: () => response,
		getNodeParameter: (name) => params[name],
		getCredentials: async () => ({ token: TOKEN }),
		getWorkflow: () => ({ id: 'bench' }),
		getNode: () => ({ id: 'bench', type: 'bench' }),
		logger: { debug() {} },
	};
}

async function measure(label, iterations, run) {
	for (let i = 0; i < Math.min(200, iterations); i++) await run(i); // warm-up
	const start = process.hrtime.bigint();
	for (let i = 0; i < iterations; i++) await run(i);
	const micros = Number(process.hrtime.bigint() - start) / 1000 / iterations;
	process.stdout.write(`${label.padEnd(58)} ${micros.toFixed(1).padStart(9)} µs/op\n`);
	return micros;
}

async function main() {
	const trigger = new TestanyTrigger();
	process.stdout.write(`node ${process.version}\n\n`);
	for (const cases of [10, 200]) {
		const body = notification(cases, 'E-1');
		const raw = Buffer.from(body);
		process.stdout.write(`Testany notification with ${cases} cases (${body.length} bytes)\n`);
		const accepted = await measure('  accepted (token ok, parse, validate, one item per case)', 2000, async () => {
			const result = await trigger.webhook.call(context(raw, { token: TOKEN }));
			if (!result.workflowData) throw new Error('expected an execution');
		});
		const rejected = await measure('  rejected (wrong token)', 2000, async () => {
			const result = await trigger.webhook.call(context(raw, { token: 'wrong' }));
			if (result.workflowData) throw new Error('expected a rejection');
		});
		process.stdout.write(`  a rejection costs ${((rejected / accepted) * 100).toFixed(1)}% of an acceptance\n`);
		await measure('  package JSON reader (exact 19-digit ids, no __proto__)', 2000, () => parseJson(body));
		await measure('  JSON.parse, for reference', 2000, () => JSON.parse(body));
		const signature = createHmac('sha256', TOKEN).update(raw).digest('hex');
		await measure('  HMAC-SHA256 check over the raw bytes', 2000, () => hmacSha256Matches(raw, TOKEN, signature));
		process.stdout.write('\n');
	}
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
