// @ts-check
'use strict';
const { readFileSync } = require('node:fs');

const { N8nClient } = require('../../dev/n8nClient');
const { majorOf } = require('../../dev/n8nVersions');

/**
 * The running stack started by globalSetup, seen from a test file (the queue-mode suite's: `queueContext()`).
 * @param {string} [stateVariable] the variable naming the state file its globalSetup wrote
 * @returns {{ n8n: N8nClient, state: import('../../dev/stack').StackState, n8nMajor: number,
 *   failedBeforeAnswer: { status: number, body: unknown }, fakeUrl(name: string): string }}
 *   `n8nMajor`: 1 or 2, for the few tests whose n8n behaves differently by line (docs/n8n-versions.md)
 */
function e2eContext(stateVariable = 'TESTOPS_E2E_STATE') {
	const stateFile = process.env[stateVariable];
	if (!stateFile) throw new Error(`${stateVariable} is not set: run the suite with \`npm run test:e2e\` (or test:queue)`);
	/** @type {import('../../dev/stack').StackState} */
	const state = JSON.parse(readFileSync(stateFile, 'utf8'));
	const n8nMajor = majorOf(state.n8nVersion);
	return {
		n8n: new N8nClient(state.n8nUrl, state.apiKey, state.ownerPassword, state.webhookBaseUrl),
		state,
		n8nMajor,
		// What the sender gets when a workflow that answers with a node fails before it answers: n8n 1.x resolves
		// the pending answer as empty when the execution ends, before it looks at the error (docs/n8n-versions.md).
		failedBeforeAnswer: n8nMajor === 1 ? { status: 200, body: '' } : { status: 500, body: { message: 'Error in workflow' } },
		fakeUrl(name) {
			const url = state.fakes[name];
			if (!url) throw new Error(`No fake server named "${name}"`);
			return url;
		},
	};
}

/**
 * The queue-mode stack started by queueGlobalSetup: `n8n.webhookUrl()` goes through the load balancer;
 * `queue` names each webhook process and the logs; `control` crashes and restarts them (processControl.js).
 */
function queueContext() {
	const context = e2eContext('TESTOPS_QUEUE_STATE');
	const { queue } = context.state;
	if (!queue) throw new Error('The stack is not in queue mode');
	/** @type {import('./processControl').ProcessControlAddress} written beside the state by queueGlobalSetup */
	const control = /** @type {any} */ (context.state).control;
	return { ...context, queue, control };
}

module.exports = { e2eContext, queueContext };
