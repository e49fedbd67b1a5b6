// @ts-check
'use strict';
const { DEFAULT_N8N_VERSION } = require('../dev/n8nVersions');

/**
 * Ends each jest run with one plain line, `<project>: N passed, N failed`, which CI systems that do not
 * know jest's own summary can read.
 */
class SummaryReporter {
	/** @param {unknown} _globalConfig @param {unknown} _options @param {{ config?: { displayName?: { name: string } } }} [context] */
	constructor(_globalConfig, _options, context) {
		this.label = context?.config?.displayName?.name;
	}

	/** @param {unknown} _contexts @param {{ numPassedTests: number, numFailedTests: number, numPendingTests: number, testResults: Array<{ displayName?: { name: string } }> }} results */
	onRunComplete(_contexts, results) {
		const projects = [...new Set(results.testResults.map((result) => result.displayName?.name).filter(Boolean))];
		const label = projects.length > 0 ? `${projects.join('+')}: ` : 'tests: ';
		const skipped = results.numPendingTests > 0 ? `, ${results.numPendingTests} skipped` : '';
		// Runs against a real n8n say which (TESTOPS_N8N_VERSION, dev/n8nVersions.js): CI runs the e2e suite on two.
		const n8n = projects.some((project) => project !== 'unit') ? ` (n8n ${process.env.TESTOPS_N8N_VERSION?.trim() || DEFAULT_N8N_VERSION})` : '';
		process.stdout.write(`${label}${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped}${n8n}\n`);
	}
}

module.exports = SummaryReporter;
