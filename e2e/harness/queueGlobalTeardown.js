// @ts-check
'use strict';

/** Stops the queue-mode stack (n8n processes, Redis, PostgreSQL, the fakes) and its process control, whatever the tests' outcome. */
module.exports = async function queueGlobalTeardown() {
	/** @type {import('../../dev/stack').Stack | undefined} */
	const stack = /** @type {any} */ (globalThis).testopsQueueStack;
	await /** @type {any} */ (globalThis).testopsQueueControl?.close();
	await stack?.stop();
};
