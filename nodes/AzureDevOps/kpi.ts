import type { IDataObject } from 'n8n-workflow';

export interface KpiSettings {
	/** States that count as closed, compared case-insensitively. */
	closedStates: string[];
	/** Severity values that count as critical, compared case-insensitively. */
	criticalSeverities: string[];
	/** Reference name of the severity field, e.g. Microsoft.VSTS.Common.Severity. */
	severityField: string;
	/** Whether critical and moderate count open defects only (default) or all of them. */
	severityScope: 'open' | 'all';
}

/** Shaped for Test Manager's KPIConnectorDefectsDto (contracts §1), plus breakdowns by severity and state. */
export interface DefectKpis {
	totalDefects: number;
	criticalDefects: number;
	moderateDefects: number;
	openDefects: number;
	closedDefects: number;
	bySeverity: Record<string, number>;
	byState: Record<string, number>;
	criticalIds: number[];
}

const NO_VALUE = '(none)';

/** Counts defects: closed by state, critical by severity, moderate = the rest in the chosen scope. */
export function computeDefectKpis(workItems: IDataObject[], settings: KpiSettings): DefectKpis {
	const closed = new Set(settings.closedStates.map((state) => state.toLowerCase()));
	const critical = new Set(settings.criticalSeverities.map((severity) => severity.toLowerCase()));
	const kpis: DefectKpis = {
		totalDefects: 0,
		criticalDefects: 0,
		moderateDefects: 0,
		openDefects: 0,
		closedDefects: 0,
		bySeverity: {},
		byState: {},
		criticalIds: [],
	};
	for (const workItem of workItems) {
		const fields = (workItem.fields ?? {}) as IDataObject;
		const state = typeof fields['System.State'] === 'string' ? fields['System.State'] : NO_VALUE;
		const rawSeverity = fields[settings.severityField];
		const severity =
			typeof rawSeverity === 'string' || typeof rawSeverity === 'number'
				? String(rawSeverity)
				: NO_VALUE;
		const isClosed = closed.has(state.toLowerCase());

		kpis.totalDefects++;
		if (isClosed) kpis.closedDefects++;
		else kpis.openDefects++;
		kpis.byState[state] = (kpis.byState[state] ?? 0) + 1;
		kpis.bySeverity[severity] = (kpis.bySeverity[severity] ?? 0) + 1;

		if (settings.severityScope === 'open' && isClosed) continue;
		if (critical.has(severity.toLowerCase())) {
			kpis.criticalDefects++;
			if (typeof workItem.id === 'number') kpis.criticalIds.push(workItem.id);
		} else {
			kpis.moderateDefects++;
		}
	}
	return kpis;
}

/** Azure Boards opens an ad-hoc query from its text: `{organization}/{project}/_queries/query/?wiql=…`. */
export function queryLink(base: string, project: string, wiql: string): string {
	return `${base}/${encodeURIComponent(project)}/_queries/query/?wiql=${encodeURIComponent(wiql)}`;
}
