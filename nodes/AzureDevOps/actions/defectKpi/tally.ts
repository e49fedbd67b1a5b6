import type { IDataObject } from 'n8n-workflow';

import type { DefectTally, SeverityScope } from '../../../shared/defectKpis';

export interface KpiSettings {
	/** States that count as closed, compared case-insensitively. */
	closedStates: string[];
	/** Severity values that count as critical, compared case-insensitively. */
	criticalSeverities: string[];
	/** Reference name of the severity field, e.g. Microsoft.VSTS.Common.Severity. */
	severityField: string;
	/** Whether critical and moderate count open defects only (default) or all of them. */
	severityScope: SeverityScope;
}

/**
 * Azure Boards' defects classified for the shared counting rule (`defectCounts`), with the breakdowns the
 * Defect KPI operation also outputs and the critical defects in scope, for the link to them.
 */
export interface WorkItemTally {
	tally: DefectTally;
	bySeverity: Record<string, number>;
	byState: Record<string, number>;
	criticalIds: number[];
}

const NO_VALUE = '(none)';

/**
 * Classifies work items: closed by state, critical by severity, and every other severity (or none) moderate.
 * `criticalIds` lists the critical ones the scope counts: open ones only, unless the scope is `all`.
 */
export function tallyWorkItems(workItems: IDataObject[], settings: KpiSettings): WorkItemTally {
	const closedStates = new Set(settings.closedStates.map((state) => state.toLowerCase()));
	const critical = new Set(settings.criticalSeverities.map((severity) => severity.toLowerCase()));
	const result: WorkItemTally = {
		tally: {
			total: 0,
			closed: 0,
			critical: { all: 0, closed: 0 },
			moderate: { all: 0, closed: 0 },
		},
		bySeverity: {},
		byState: {},
		criticalIds: [],
	};
	const { tally } = result;
	for (const workItem of workItems) {
		const fields = (workItem.fields ?? {}) as IDataObject;
		const state = typeof fields['System.State'] === 'string' ? fields['System.State'] : NO_VALUE;
		const rawSeverity = fields[settings.severityField];
		const severity =
			typeof rawSeverity === 'string' || typeof rawSeverity === 'number'
				? String(rawSeverity)
				: NO_VALUE;
		const isClosed = closedStates.has(state.toLowerCase());
		const isCritical = critical.has(severity.toLowerCase());

		tally.total++;
		if (isClosed) tally.closed++;
		const severityClass = isCritical ? tally.critical : tally.moderate;
		severityClass.all++;
		if (isClosed) severityClass.closed++;
		result.byState[state] = (result.byState[state] ?? 0) + 1;
		result.bySeverity[severity] = (result.bySeverity[severity] ?? 0) + 1;

		const inScope = settings.severityScope === 'all' || !isClosed;
		if (isCritical && inScope && typeof workItem.id === 'number') {
			result.criticalIds.push(workItem.id);
		}
	}
	return result;
}
