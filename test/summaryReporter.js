// @ts-check
'use strict';

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
		process.stdout.write(`${label}${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped}\n`);
	}
}

module.exports = SummaryReporter;
