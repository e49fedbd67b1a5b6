import { computeDefectKpis, queryLink, type KpiSettings } from '../../nodes/AzureDevOps/kpi';
import { fieldPatch } from '../../nodes/AzureDevOps/actions/workItem/patch';

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

describe('computeDefectKpis', () => {
	it('counts open severities by default: critical + moderate = open', () => {
		expect(computeDefectKpis(bugs, settings)).toEqual({
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
		const kpis = computeDefectKpis(bugs, { ...settings, severityScope: 'all' });
		expect(kpis).toMatchObject({ criticalDefects: 3, moderateDefects: 3, criticalIds: [1, 2, 4] });
	});

	it('takes closed states and critical severities from the options, case-insensitively', () => {
		const kpis = computeDefectKpis(bugs, { ...settings, closedStates: ['active'], criticalSeverities: ['3 - MEDIUM'] });
		expect(kpis).toMatchObject({ openDefects: 3, closedDefects: 3, criticalDefects: 0, moderateDefects: 3 });
	});

	it('reads another severity field', () => {
		const items = [{ id: 9, fields: { 'System.State': 'Active', 'Custom.Impact': 'Blocker' } }];
		const kpis = computeDefectKpis(items, { ...settings, severityField: 'Custom.Impact', criticalSeverities: ['Blocker'] });
		expect(kpis.criticalDefects).toBe(1);
	});
});

describe('queryLink', () => {
	it('opens the query text in Azure Boards', () => {
		expect(queryLink('https://dev.azure.com/fabrikam', 'Fabrikam Web', "SELECT [System.Id] FROM WorkItems WHERE [System.State] = 'New'")).toBe(
			"https://dev.azure.com/fabrikam/Fabrikam%20Web/_queries/query/?wiql=SELECT%20%5BSystem.Id%5D%20FROM%20WorkItems%20WHERE%20%5BSystem.State%5D%20%3D%20'New'",
		);
	});
});

describe('fieldPatch', () => {
	it('maps the named fields to reference names and adds the link as a Hyperlink relation', () => {
		expect(
			fieldPatch({
				description: '<p>Broken</p>',
				areaPath: 'Fabrikam\\Web',
				iterationPath: 'Fabrikam\\Sprint 1',
				severity: '2 - High',
				priority: 1,
				tags: 'regression; test-manager',
				linkUrl: 'https://tm.example.com/log/1',
				linkComment: 'Test case log',
				otherFields: { field: [{ name: 'Custom.FoundIn', value: 'build 7' }] },
			}),
		).toEqual([
			{ op: 'add', path: '/fields/System.Description', value: '<p>Broken</p>' },
			{ op: 'add', path: '/fields/System.AreaPath', value: 'Fabrikam\\Web' },
			{ op: 'add', path: '/fields/System.IterationPath', value: 'Fabrikam\\Sprint 1' },
			{ op: 'add', path: '/fields/Microsoft.VSTS.Common.Priority', value: 1 },
			{ op: 'add', path: '/fields/Microsoft.VSTS.Common.Severity', value: '2 - High' },
			{ op: 'add', path: '/fields/System.Tags', value: 'regression; test-manager' },
			{ op: 'add', path: '/fields/Custom.FoundIn', value: 'build 7' },
			{
				op: 'add',
				path: '/relations/-',
				value: { rel: 'Hyperlink', url: 'https://tm.example.com/log/1', attributes: { comment: 'Test case log' } },
			},
		]);
	});

	it('refuses a custom field name that would address something else', () => {
		expect(fieldPatch({ otherFields: { field: [{ name: 'System.Title/../../rev', value: 'x' }] } })).toMatch(/not a field reference name/);
	});
});
