// @ts-check
'use strict';

/** Stops n8n, its task runners and the fakes, whatever the tests' outcome. */
module.exports = async function globalTeardown() {
	/** @type {import('../../dev/stack').Stack | undefined} */
	const stack = /** @type {any} */ (globalThis).testopsStack;
	await stack?.stop();
};
