// @ts-check
'use strict';
/**
 * Loaded into n8n by `npm run bench:n8n` (`NODE_OPTIONS=--require …`), never into a user's n8n: counts how
 * often n8n takes an expression isolate from its pool (`IsolatePool.acquire`, warm or cold) and how many it
 * creates, and writes both to the file named by TESTOPS_ISOLATE_COUNTS a few times a second. It changes no
 * behaviour: each wrapper calls the original. With N8N_EXPRESSION_ENGINE=legacy nothing is counted (n8n
 * creates no evaluator).
 */
const { writeFileSync } = require('node:fs');

const countsFile = process.env.TESTOPS_ISOLATE_COUNTS;
const n8nDir = process.env.TESTOPS_N8N_DIR;
// Only the n8n main process: its task runners inherit NODE_OPTIONS too.
const isN8nMain = /\/n8n\/bin\/n8n$/.test(process.argv[1] ?? '');

if (countsFile && n8nDir && isN8nMain) {
	/** @type {any} */
	const { Expression } = require(require.resolve('n8n-workflow', { paths: [n8nDir] }));
	const counts = { acquired: 0, created: 0 };
	let written = '';
	const write = () => {
		const text = JSON.stringify(counts);
		if (text === written) return;
		writeFileSync(countsFile, text);
		written = text;
	};
	write();
	const initialize = Expression.initExpressionEngine;
	Expression.initExpressionEngine = async function (/** @type {unknown} */ options) {
		await initialize.call(this, options);
		const evaluator = Expression.vmEvaluator;
		if (!evaluator) return;
		const { pool, config } = evaluator;
		const take = pool.acquire.bind(pool);
		pool.acquire = () => {
			counts.acquired++; // counted also when the pool is empty: n8n then cold-starts one
			return take();
		};
		const create = config.createBridge;
		config.createBridge = () => {
			counts.created++;
			return create();
		};
		setInterval(write, 100).unref();
	};
}
