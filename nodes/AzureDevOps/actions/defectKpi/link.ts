import {
	WIQL_MAX_LENGTH,
	isFlatQuery,
	narrowedQuery,
	wiqlList,
	type WiqlParts,
} from '../../api/wiqlText';
import type { KpiSettings, WorkItemTally } from './tally';

/** Azure Boards opens an ad-hoc query from its text: `{organization}/{project}/_queries/query/?wiql=…`. */
export function queryLink(base: string, project: string, wiql: string): string {
	return `${base}/${encodeURIComponent(project)}/_queries/query/?wiql=${encodeURIComponent(wiql)}`;
}

/** The conditions that pick the critical defects the KPI counts: open ones only, unless the scope is all. */
function criticalConditions(settings: KpiSettings): string[] {
	const conditions = [`[${settings.severityField}] IN (${wiqlList(settings.criticalSeverities)})`];
	if (settings.severityScope === 'open' && settings.closedStates.length > 0) {
		conditions.push(`[System.State] NOT IN (${wiqlList(settings.closedStates)})`);
	}
	return conditions;
}

/**
 * A link that opens the critical defects in Azure Boards: the counted query (an area path's, or the user's
 * flat query) narrowed to critical severities, whatever the number of defects; for a link query, which cannot
 * be narrowed, the critical ones by id. `null` when the query text would pass WIQL's 32,000 characters (or
 * there is nothing critical to list by id).
 */
export function criticalDefectsLink(
	base: string,
	project: string,
	source: { parts?: WiqlParts },
	settings: KpiSettings,
	counted: WorkItemTally,
): string | null {
	const fields = ['System.Id', 'System.Title', 'System.State', settings.severityField];
	let wiql: string;
	if (isFlatQuery(source.parts)) {
		if (settings.criticalSeverities.length === 0) return null;
		wiql = narrowedQuery(source.parts, criticalConditions(settings), fields);
	} else {
		if (counted.criticalIds.length === 0) return null;
		const byId = `[System.Id] IN (${counted.criticalIds.join(', ')})`;
		wiql = `SELECT ${fields.map((field) => `[${field}]`).join(', ')} FROM WorkItems WHERE ${byId}`;
	}
	return wiql.length <= WIQL_MAX_LENGTH ? queryLink(base, project, wiql) : null;
}
