import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forOperation } from '../../../shared/actions/properties';
import {
	defectCounts,
	severityScopeOf,
	severityScopeOption,
	type DefectKpiItem,
} from '../../../shared/defectKpis';
import { getWorkItemsBatch, organizationBase, runWiql, wiqlString } from '../../api/workItems';
import { projectProperty } from '../../common.descriptions';
import { projectOf, splitList } from '../helpers';
import { tallyWorkItems, type KpiSettings } from './tally';

const DEFAULT_CLOSED_STATES = 'Closed, Resolved, Done, Removed';
const DEFAULT_CRITICAL_SEVERITIES = '1 - Critical, 2 - High';
const SEVERITY_FIELD = 'Microsoft.VSTS.Common.Severity';
/** Below WIQL's 20,000 cap, so an area path of any size is read in pages ordered by id. */
const WIQL_PAGE = 10000;

export const description: INodeProperties[] = forOperation('defectKpi', 'get', [
	projectProperty,
	{
		displayName: 'Defects From',
		name: 'source',
		type: 'options',
		options: [
			{
				name: 'Area Path',
				value: 'areaPath',
				description: 'Every defect under an area path of the project',
			},
			{ name: 'WIQL Query', value: 'wiql', description: 'The work items a query returns' },
		],
		default: 'areaPath',
	},
	{
		displayName: 'Area Path',
		name: 'areaPath',
		type: 'string',
		default: '',
		placeholder: 'MyProject\\Team A',
		description: 'Defects in this area path and below it; empty counts the whole project',
		displayOptions: { show: { source: ['areaPath'] } },
	},
	{
		displayName: 'WIQL Query',
		name: 'query',
		type: 'string',
		typeOptions: { rows: 5 },
		default:
			"SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND [System.WorkItemType] = 'Bug'",
		description: 'Every work item this query returns counts as a defect (at most 20,000)',
		displayOptions: { show: { source: ['wiql'] } },
	},
	{
		displayName: 'Options',
		name: 'kpiOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Closed States',
				name: 'closedStates',
				type: 'string',
				default: DEFAULT_CLOSED_STATES,
				description: 'States that count as closed, comma-separated; every other state is open',
			},
			severityScopeOption,
			{
				displayName: 'Critical Defects Link',
				name: 'criticalDefectsLink',
				type: 'string',
				default: '',
				description:
					'Link returned as criticalDefectsLink, e.g. a saved query. Empty: a link that opens the critical defects in Azure Boards.',
			},
			{
				displayName: 'Critical Severities',
				name: 'criticalSeverities',
				type: 'string',
				default: DEFAULT_CRITICAL_SEVERITIES,
				description:
					'Severity values that count as critical, comma-separated; every other value (or none) is moderate',
			},
			{
				displayName: 'Defect Types',
				name: 'workItemTypes',
				type: 'string',
				default: 'Bug',
				description: 'Work item types counted from an area path, comma-separated',
			},
			{
				displayName: 'Severity Field',
				name: 'severityField',
				type: 'string',
				default: SEVERITY_FIELD,
				description: 'Reference name of the field that holds the severity',
			},
		],
	},
]);

/** The area-path query, without paging: shared by the count and by the critical-defects link. */
export function areaPathWiql(areaPath: string, types: string[]): string {
	const conditions = ['[System.TeamProject] = @project'];
	if (types.length > 0) {
		conditions.push(`[System.WorkItemType] IN (${types.map(wiqlString).join(', ')})`);
	}
	if (areaPath) conditions.push(`[System.AreaPath] UNDER ${wiqlString(areaPath)}`);
	return conditions.join(' AND ');
}

function criticalWiql(filter: string, settings: KpiSettings): string {
	const conditions = [
		filter,
		`[${settings.severityField}] IN (${settings.criticalSeverities.map(wiqlString).join(', ')})`,
	];
	if (settings.severityScope === 'open' && settings.closedStates.length > 0) {
		conditions.push(`[System.State] NOT IN (${settings.closedStates.map(wiqlString).join(', ')})`);
	}
	return `SELECT [System.Id], [System.Title], [System.State], [${settings.severityField}] FROM WorkItems WHERE ${conditions.join(' AND ')}`;
}

/** Azure Boards opens an ad-hoc query from its text: `{organization}/{project}/_queries/query/?wiql=…`. */
export function queryLink(base: string, project: string, wiql: string): string {
	return `${base}/${encodeURIComponent(project)}/_queries/query/?wiql=${encodeURIComponent(wiql)}`;
}

/**
 * What the operation outputs: Test Manager's defect KPIs (docs/contracts/test-manager.md), plus breakdowns
 * by severity and state.
 */
export type DefectKpiOutput = DefectKpiItem & {
	bySeverity: Record<string, number>;
	byState: Record<string, number>;
};

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const project = projectOf(this, itemIndex);
	const source = this.getNodeParameter('source', itemIndex, 'areaPath') as string;
	const options = this.getNodeParameter('kpiOptions', itemIndex, {}) as IDataObject;
	const settings: KpiSettings = {
		closedStates: splitList(options.closedStates ?? DEFAULT_CLOSED_STATES),
		criticalSeverities: splitList(options.criticalSeverities ?? DEFAULT_CRITICAL_SEVERITIES),
		severityField: String(options.severityField ?? SEVERITY_FIELD).trim() || SEVERITY_FIELD,
		severityScope: severityScopeOf(options),
	};
	if (!FIELD_NAME.test(settings.severityField)) {
		throw new NodeOperationError(
			this.getNode(),
			`"${settings.severityField}" is not a field reference name`,
			{
				itemIndex,
				description: 'Enter a reference name such as Microsoft.VSTS.Common.Severity.',
			},
		);
	}

	let ids: number[] = [];
	let filter: string | undefined;
	if (source === 'wiql') {
		ids = await runWiql(this, project, this.getNodeParameter('query', itemIndex) as string);
	} else {
		const areaPath = (this.getNodeParameter('areaPath', itemIndex, '') as string).trim();
		filter = areaPathWiql(areaPath, splitList(options.workItemTypes ?? 'Bug'));
		// Page by id so that an area path with more than 20,000 defects is still counted in full.
		for (let last = 0; ; ) {
			const page = await runWiql(
				this,
				project,
				`SELECT [System.Id] FROM WorkItems WHERE ${filter} AND [System.Id] > ${last} ORDER BY [System.Id] ASC`,
				WIQL_PAGE,
			);
			ids.push(...page);
			if (page.length < WIQL_PAGE) break;
			last = Math.max(...page);
		}
	}

	const workItems = await getWorkItemsBatch(this, project, ids, [
		'System.Id',
		'System.State',
		settings.severityField,
	]);
	const { tally, bySeverity, byState, criticalIds } = tallyWorkItems(workItems, settings);

	const base = await organizationBase(this);
	let criticalDefectsLink: string | null =
		typeof options.criticalDefectsLink === 'string' && options.criticalDefectsLink.trim()
			? options.criticalDefectsLink.trim()
			: null;
	if (criticalDefectsLink === null) {
		if (filter !== undefined) {
			criticalDefectsLink = queryLink(base, project, criticalWiql(filter, settings));
		} else if (criticalIds.length > 0) {
			const byId = `[System.Id] IN (${criticalIds.join(', ')})`;
			criticalDefectsLink = queryLink(base, project, criticalWiql(byId, settings));
		}
	}
	const output: DefectKpiOutput = {
		...defectCounts(tally, settings.severityScope),
		bySeverity,
		byState,
		criticalDefectsLink,
	};
	return [{ json: { ...output } }];
}
