import type { INodeProperties } from 'n8n-workflow';

import { AzureDevOps } from '../../nodes/AzureDevOps/AzureDevOps.node';
import { Tapd } from '../../nodes/Tapd/Tapd.node';
import { defectCounts, parseStatusValues, severityScopeOf, severityScopeOption } from '../../nodes/shared/defectKpis';

describe('defectCounts', () => {
	const tally = { total: 10, closed: 4, critical: { all: 3, closed: 1 }, moderate: { all: 5, closed: 2 } };

	it('counts open critical and moderate defects by default', () => {
		expect(defectCounts(tally, 'open')).toEqual({ totalDefects: 10, criticalDefects: 2, moderateDefects: 3, openDefects: 6, closedDefects: 4 });
	});

	it('counts closed ones too when asked', () => {
		expect(defectCounts(tally, 'all')).toMatchObject({ criticalDefects: 3, moderateDefects: 5, openDefects: 6 });
	});

	it('never goes below zero when a tracker counts inconsistently', () => {
		expect(defectCounts({ total: 1, closed: 2, critical: { all: 0, closed: 1 }, moderate: { all: 0, closed: 0 } }, 'open')).toMatchObject({
			criticalDefects: 0,
			openDefects: 0,
		});
	});
});

describe('parseStatusValues', () => {
	it('takes exactly three different values', () => {
		expect(parseStatusValues(' Ok , Warn,Bad ')).toEqual(['Ok', 'Warn', 'Bad']);
		expect(parseStatusValues('Ok, Ok, Bad')).toBeUndefined();
		expect(parseStatusValues('Ok, Bad')).toBeUndefined();
	});
});

describe('Count Severities Of: one option, one meaning, in both Defect KPI operations', () => {
	const kpiOptionsOf = (properties: INodeProperties[]) =>
		properties.find((property) => property.name === 'kpiOptions' && property.displayOptions?.show?.resource?.includes('defectKpi'));

	it.each([
		['TAPD', new Tapd().description.properties],
		['Azure DevOps', new AzureDevOps().description.properties],
	])('%s offers the shared option, open defects by default', (_node, properties) => {
		const option = (kpiOptionsOf(properties)?.options ?? []).find((candidate) => candidate.name === 'severityScope');
		expect(option).toBe(severityScopeOption);
		expect(severityScopeOption.default).toBe('open');
		expect(severityScopeOf({})).toBe('open');
		expect(severityScopeOf({ severityScope: 'all' })).toBe('all');
	});
});
