// @ts-check
'use strict';
const { mkdtempSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const { e2eCredentials, randomOwnerPassword } = require('../../dev/credentials');
const { fakeServers } = require('../../dev/fakes');
const { startStack } = require('../../dev/stack');

/** Starts the fakes and a real n8n once for the whole e2e run; tests find it through TESTOPS_E2E_STATE. */
module.exports = async function globalSetup() {
	const workDir = mkdtempSync(join(tmpdir(), 'n8n-nodes-testops-e2e-'));
	const stack = await startStack({
		userFolder: join(workDir, 'n8n'),
		fresh: true,
		fakeServers,
		credentials: e2eCredentials,
		ownerPassword: randomOwnerPassword(),
	});
	// Jest runs globalTeardown in this same process: it stops what we started.
	/** @type {any} */ (globalThis).testopsStack = stack;
	const stateFile = join(workDir, 'state.json');
	writeFileSync(stateFile, JSON.stringify(stack.state), { mode: 0o600 });
	process.env.TESTOPS_E2E_STATE = stateFile;
	process.stdout.write(`\nn8n ${stack.state.n8nVersion} ${stack.state.n8nUrl} is up (log: ${stack.state.logFile})\n`);
};
