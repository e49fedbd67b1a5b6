import { NodeApiError, NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { networkCode } from '../../../shared/http/retry';
import { analyticsProperty, areaPathFilter, countByStateAnd } from '../../api/analytics';
import {
	WIQL_CAP,
	getWorkItemsBatch,
	readIdPages,
	runWiql,
	type IdPages,
} from '../../api/workItems';
import { wiqlList, type WiqlParts } from '../../api/wiqlText';
import {
	addGroup,
	emptyTally,
	tallyGroups,
	tallyWorkItems,
	type KpiSettings,
	type WorkItemTally,
} from './tally';

/**
 * The three ways the Defect KPI operation counts (docs/contracts/azure-devops.md, "Analytics", "WIQL"), each in
 * a number of requests that does not grow with the number of defects, or grows by one per 20,000:
 * - Analytics: one grouped request for an area path;
 * - WIQL classes: one id-only query per class of defect (critical or not, closed or not), read page by page;
 * - reading the work items: for a link query, which can be neither narrowed nor paged (at most 20,000).
 */

export type CountMethod = 'analytics' | 'wiql' | 'workItems';

export interface Counted extends WorkItemTally {
	countedWith: { method: CountMethod; requests: number; analyticsUnavailable?: string };
}

/**
 * Counts the defects of an area path with Analytics, or says why it could not (`string`): no Analytics
 * property for the severity field, or Analytics refused (no "Analytics (read)" scope, no Basic access, turned
 * off, not installed). A rate limit or an outage that outlasted the retries is thrown, not a reason.
 */
export async function countWithAnalytics(
	context: IExecuteFunctions,
	organizationUrl: string,
	project: string,
	area: { areaPath: string; types: string[] },
	settings: KpiSettings,
): Promise<Counted | string> {
	const property = analyticsProperty(settings.severityField);
	if (!property) return `Analytics has no property the package knows for ${settings.severityField}`;
	const filter = areaPathFilter(area.areaPath, area.types);
	const outcome = await countByStateAnd(context, organizationUrl, project, filter, property).then(
		(value) => ({ value }),
		(error: unknown) => ({ error }),
	);
	if ('value' in outcome) {
		const { groups, requests } = outcome.value;
		const bySeverity = groups.map((group) => ({
			state: group.state,
			severity: group.value,
			count: group.count,
		}));
		return { ...tallyGroups(bySeverity, settings), countedWith: { method: 'analytics', requests } };
	}
	// A rate limit, an outage or the time budget: counting another way would meet the same.
	const { error } = outcome;
	const status = error instanceof NodeApiError ? Number(error.httpCode) : NaN;
	const outOfTime = networkCode(error) === 'EDEADLINE';
	if (status === 429 || status >= 500 || outOfTime || !(error instanceof NodeApiError)) throw error;
	// OData errors are `{ error: { message } }`; the message names the cause (e.g. VS403527, no access).
	const odata = (error.errorResponse as { error?: { message?: unknown } } | undefined)?.error;
	const said = typeof odata?.message === 'string' ? odata.message.slice(0, 300) : error.message;
	return `Analytics answered HTTP ${Number.isNaN(status) ? '?' : status}: ${said}`;
}

/** The WIQL conditions of each class of defect: critical or not, crossed with closed or not. */
function classes(
	settings: KpiSettings,
): Array<{ critical: boolean; closed: boolean; where: string[] }> {
	const severity = `[${settings.severityField}]`;
	const critical = wiqlList(settings.criticalSeverities);
	const closed = wiqlList(settings.closedStates);
	const severities = settings.criticalSeverities.length
		? [
				{ critical: true, where: [`${severity} IN (${critical})`] },
				// An empty severity is moderate: matched whether or not NOT IN matches empty fields.
				{ critical: false, where: [`${severity} NOT IN (${critical}) OR ${severity} = ''`] },
			]
		: [{ critical: false, where: [] }];
	const states = settings.closedStates.length
		? [
				{ closed: true, where: [`[System.State] IN (${closed})`] },
				{ closed: false, where: [`[System.State] NOT IN (${closed})`] },
			]
		: [{ closed: false, where: [] }];
	return severities.flatMap((s) =>
		states.map((t) => ({
			critical: s.critical,
			closed: t.closed,
			where: [...s.where, ...t.where],
		})),
	);
}

/**
 * Counts a flat query's defects with one id-only WIQL query per class, each read in pages of 20,000 past
 * WIQL's cap, one page at a time; nothing but ids is read. The breakdowns are then by class: `bySeverity` critical / moderate,
 * `byState` closed / open (per-value breakdowns need Analytics).
 */
export async function countWithWiqlClasses(
	context: IExecuteFunctions,
	project: string,
	parts: WiqlParts,
	settings: KpiSettings,
): Promise<Counted> {
	// One class after another: one page of ids (about 2 MB of JSON) in memory at a time.
	const counted: Array<ReturnType<typeof classes>[number] & IdPages> = [];
	for (const one of classes(settings)) {
		counted.push({ ...one, ...(await readIdPages(context, project, parts, one.where, () => {})) });
	}
	const result = emptyTally();
	for (const one of counted) {
		addGroup(
			result,
			{
				state: one.closed ? settings.closedStates[0] : '',
				severity: one.critical ? settings.criticalSeverities[0] : '',
				count: one.count,
			},
			settings,
		);
	}
	const byClass = (key: 'critical' | 'closed', yes: string, no: string) =>
		Object.fromEntries(
			[yes, no]
				.map((name, i) => [
					name,
					counted.filter((c) => c[key] === (i === 0)).reduce((n, c) => n + c.count, 0),
				])
				.filter(([, count]) => (count as number) > 0),
		) as Record<string, number>;
	const requests = counted.reduce((n, c) => n + c.requests, 0);
	return {
		...result,
		bySeverity: byClass('critical', 'critical', 'moderate'),
		byState: byClass('closed', 'closed', 'open'),
		countedWith: { method: 'wiql', requests },
	};
}

/**
 * Counts a query that cannot be narrowed or paged (a link query) by reading its work items' state and
 * severity, 200 per request: at most 20,000 work items, as WIQL answers no more.
 */
export async function countByReading(
	context: IExecuteFunctions,
	project: string,
	query: string,
	settings: KpiSettings,
): Promise<Counted> {
	const ids = await runWiql(context, project, query);
	if (ids.length > WIQL_CAP) {
		throw new NodeOperationError(
			context.getNode(),
			'The link query lists more than 20,000 work items',
			{
				description:
					'Narrow it, or count with a flat query (FROM WorkItems), which the node reads page by page.',
			},
		);
	}
	const fields = ['System.Id', 'System.State', settings.severityField];
	const workItems = await getWorkItemsBatch(context, project, ids, fields);
	const requests = 1 + Math.ceil(ids.length / 200);
	return { ...tallyWorkItems(workItems, settings), countedWith: { method: 'workItems', requests } };
}
