// @ts-check
'use strict';
/**
 * What the UiPath Test Manager examples answer Test Manager with, run against the fake Automation Cloud
 * (examples/testmanager-*.json, dev/fakes/testManager.js): one list for the single-process and queue suites.
 */
const TEST_MANAGER_ANSWERS = {
	/** *Respond with Created Defect* of examples/testmanager-create-defect.json. */
	createdDefect: {
		id: '9b0c1d2e-3f4a-4b5c-8d6e-000000000137',
		key: 'DEF-7a2c4e6f',
		title: '[Nightly regression] Pay with expired card failed',
		url: 'https://tracker.example.com/defects/DEF-7a2c4e6f',
	},
	/** *Respond with Defect KPIs* of examples/testmanager-defect-kpis.json. @param {string} projectId */
	defectKpis: (projectId) => ({
		totalDefects: 12,
		criticalDefects: 2,
		moderateDefects: 5,
		openDefects: 7,
		closedDefects: 5,
		status: 'Success',
		criticalDefectsLink: `https://tracker.example.com/projects/${projectId}/defects?severity=critical`,
	}),
};

module.exports = { TEST_MANAGER_ANSWERS };
