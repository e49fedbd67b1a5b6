// @ts-check
'use strict';
const { readFileSync } = require('node:fs');

const { N8nClient } = require('../../dev/n8nClient');

/**
 * The running stack started by globalSetup, seen from a test file.
 * @returns {{ n8n: N8nClient, state: import('../../dev/stack').StackState, fakeUrl(name: string): string }}
 */
function e2eContext() {
	const stateFile = process.env.TESTOPS_E2E_STATE;
	if (!stateFile) throw new Error('TESTOPS_E2E_STATE is not set: run the suite with `npm run test:e2e`');
	/** @type {import('../../dev/stack').StackState} */
	const state = JSON.parse(readFileSync(stateFile, 'utf8'));
	return {
		n8n: new N8nClient(state.n8nUrl, state.apiKey, state.ownerPassword),
		state,
		fakeUrl(name) {
			const url = state.fakes[name];
			if (!url) throw new Error(`No fake server named "${name}"`);
			return url;
		},
	};
}

module.exports = { e2eContext };
