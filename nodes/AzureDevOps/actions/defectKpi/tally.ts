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

/** Defects that share a state and a severity, as Analytics groups them, or one work item. */
export interface DefectGroup {
	state: unknown;
	severity: unknown;
	count: number;
}

const valueOf = (value: unknown): string =>
	typeof value === 'string' || typeof value === 'number' ? String(value) : NO_VALUE;

/** A tally of no defects, to add groups to. */
export function emptyTally(): WorkItemTally {
	return {
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
}

/**
 * Classifies groups of defects: closed by state, critical by severity (both compared case-insensitively), and
 * every other severity (or none) moderate. Returns whether the group is critical and in the scope counted.
 */
export function addGroup(
	result: WorkItemTally,
	group: DefectGroup,
	settings: KpiSettings,
): boolean {
	const state = valueOf(group.state);
	const severity = valueOf(group.severity);
	const isClosed = settings.closedStates.some((s) => s.toLowerCase() === state.toLowerCase());
	const isCritical = settings.criticalSeverities.some(
		(s) => s.toLowerCase() === severity.toLowerCase(),
	);
	const { tally } = result;
	tally.total += group.count;
	if (isClosed) tally.closed += group.count;
	const severityClass = isCritical ? tally.critical : tally.moderate;
	severityClass.all += group.count;
	if (isClosed) severityClass.closed += group.count;
	result.byState[state] = (result.byState[state] ?? 0) + group.count;
	result.bySeverity[severity] = (result.bySeverity[severity] ?? 0) + group.count;
	return isCritical && (settings.severityScope === 'all' || !isClosed);
}

/** Tallies groups of defects (Analytics' answer) under {@link addGroup}. */
export function tallyGroups(groups: DefectGroup[], settings: KpiSettings): WorkItemTally {
	const result = emptyTally();
	for (const group of groups) addGroup(result, group, settings);
	return result;
}

/**
 * Classifies work items one by one (a link query's, read in full); `criticalIds` lists the critical ones the
 * scope counts: open ones only, unless the scope is `all`.
 */
export function tallyWorkItems(workItems: IDataObject[], settings: KpiSettings): WorkItemTally {
	const result = emptyTally();
	for (const workItem of workItems) {
		const fields = (workItem.fields ?? {}) as IDataObject;
		const group = {
			state: fields['System.State'],
			severity: fields[settings.severityField],
			count: 1,
		};
		if (addGroup(result, group, settings) && typeof workItem.id === 'number') {
			result.criticalIds.push(workItem.id);
		}
	}
	return result;
}
