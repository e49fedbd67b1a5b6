// @ts-check
'use strict';
const { mkdtempSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const { randomOwnerPassword } = require('../../dev/credentials');
const { startQueueStack } = require('../../dev/queueStack');
const { startProcessControl } = require('./processControl');

/**
 * Starts the queue-mode stack once for the queue suite (`npm run test:queue`): PostgreSQL, Redis, an n8n main,
 * a worker and two webhook processes behind a round-robin balancer, with the fakes. Tests find it through
 * TESTOPS_QUEUE_STATE (`queueContext()`), and crash or restart one of its processes through `control`.
 */
module.exports = async function queueGlobalSetup() {
	const workDir = mkdtempSync(join(tmpdir(), 'n8n-nodes-testops-queue-'));
	const stack = await startQueueStack({ userFolder: join(workDir, 'n8n'), fresh: true, ownerPassword: randomOwnerPassword() });
	// Jest runs globalTeardown in this same process: it stops what we started.
	/** @type {any} */ (globalThis).testopsQueueStack = stack;
	if (!stack.processes) throw new Error('The queue-mode stack has no process control');
	const control = await startProcessControl(stack.processes);
	/** @type {any} */ (globalThis).testopsQueueControl = control;
	const stateFile = join(workDir, 'state.json');
	writeFileSync(stateFile, JSON.stringify({ ...stack.state, control: { url: control.url, token: control.token } }), { mode: 0o600 });
	process.env.TESTOPS_QUEUE_STATE = stateFile;
	process.stdout.write(`\nn8n in queue mode: main ${stack.state.n8nUrl}, webhooks ${stack.state.webhookBaseUrl} (logs: ${join(workDir, 'n8n')})\n`);
};
