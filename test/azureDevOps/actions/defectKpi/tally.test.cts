import type { IDataObject } from 'n8n-workflow';

import { tallyWorkItems, type KpiSettings } from '../../../../nodes/AzureDevOps/actions/defectKpi/tally';
import { defectCounts } from '../../../../nodes/shared/defectKpis';

const settings: KpiSettings = {
	closedStates: ['Closed', 'Resolved', 'Done', 'Removed'],
	criticalSeverities: ['1 - Critical', '2 - High'],
	severityField: 'Microsoft.VSTS.Common.Severity',
	severityScope: 'open',
};

const bug = (id: number, state: string, severity?: string) => ({
	id,
	fields: { 'System.State': state, ...(severity ? { 'Microsoft.VSTS.Common.Severity': severity } : {}) },
});

const bugs = [
	bug(1, 'Active', '1 - Critical'),
	bug(2, 'New', '2 - High'),
	bug(3, 'Active', '3 - Medium'),
	bug(4, 'Closed', '1 - Critical'),
	bug(5, 'resolved', '4 - Low'),
	bug(6, 'Active'),
];

/** The counts the operation outputs: the tally under the shared counting rule, with the breakdowns. */
function kpisOf(items: IDataObject[], chosen: KpiSettings) {
	const { tally, ...rest } = tallyWorkItems(items, chosen);
	return { ...defectCounts(tally, chosen.severityScope), ...rest };
}

describe('tallyWorkItems', () => {
	it('classifies by state and severity: every non-critical severity (or none) is moderate', () => {
		expect(tallyWorkItems(bugs, settings).tally).toEqual({
			total: 6,
			closed: 2,
			critical: { all: 3, closed: 1 },
			moderate: { all: 3, closed: 1 },
		});
	});

	it('counts open severities by default: critical + moderate = open', () => {
		expect(kpisOf(bugs, settings)).toEqual({
			totalDefects: 6,
			criticalDefects: 2,
			moderateDefects: 2,
			openDefects: 4,
			closedDefects: 2,
			bySeverity: { '1 - Critical': 2, '2 - High': 1, '3 - Medium': 1, '4 - Low': 1, '(none)': 1 },
			byState: { Active: 3, New: 1, Closed: 1, resolved: 1 },
			criticalIds: [1, 2],
		});
	});

	it('counts every defect when asked: critical + moderate = total', () => {
		const kpis = kpisOf(bugs, { ...settings, severityScope: 'all' });
		expect(kpis).toMatchObject({ criticalDefects: 3, moderateDefects: 3, criticalIds: [1, 2, 4] });
	});

	it('takes closed states and critical severities from the options, case-insensitively', () => {
		const kpis = kpisOf(bugs, { ...settings, closedStates: ['active'], criticalSeverities: ['3 - MEDIUM'] });
		expect(kpis).toMatchObject({ openDefects: 3, closedDefects: 3, criticalDefects: 0, moderateDefects: 3 });
	});

	it('reads another severity field', () => {
		const items = [{ id: 9, fields: { 'System.State': 'Active', 'Custom.Impact': 'Blocker' } }];
		const kpis = kpisOf(items, { ...settings, severityField: 'Custom.Impact', criticalSeverities: ['Blocker'] });
		expect(kpis.criticalDefects).toBe(1);
	});
});
