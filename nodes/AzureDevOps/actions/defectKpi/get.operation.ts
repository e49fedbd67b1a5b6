import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forOperation } from '../../../shared/actions/properties';
import { defectCounts, severityScopeOf, severityScopeOption } from '../../../shared/defectKpis';
import { kpiCacheKey, kpiCacheOptions, kpisWithCache } from '../../../shared/kpiCache';
import { organizationBase } from '../../api/workItems';
import { isFlatQuery, parseWiql, wiqlString, type WiqlParts } from '../../api/wiqlText';
import { projectProperty } from '../../common.descriptions';
import { CREDENTIAL_TYPE, kpiIdentity } from '../../transport';
import { projectOf, splitList } from '../helpers';
import { countByReading, countWithAnalytics, countWithWiqlClasses, type Counted } from './count';
import { criticalDefectsLink } from './link';
import type { KpiSettings } from './tally';

const DEFAULT_CLOSED_STATES = 'Closed, Resolved, Done, Removed';
const DEFAULT_CRITICAL_SEVERITIES = '1 - Critical, 2 - High';
const SEVERITY_FIELD = 'Microsoft.VSTS.Common.Severity';

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
		description:
			'Every work item this query returns counts as a defect. A flat query (FROM WorkItems) may find any number; a link query at most 20,000.',
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
				displayName: 'Count With',
				name: 'countWith',
				type: 'options',
				options: [
					{
						name: 'Analytics, Else WIQL Queries',
						value: 'auto',
						description:
							'One Analytics request for an area path; WIQL queries where Analytics is off or the token lacks "Analytics (read)"',
					},
					{
						name: 'Analytics Only',
						value: 'analytics',
						description: 'Fail when Analytics cannot answer (area paths only)',
					},
					{
						name: 'WIQL Queries',
						value: 'wiql',
						description:
							'One query of IDs per class of defect, 20,000 IDs per request; breakdowns by class',
					},
				],
				default: 'auto',
			},
			...kpiCacheOptions,
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

/** The area-path query's conditions: shared by the WIQL counts and by the critical-defects link. */
export function areaPathWiql(areaPath: string, types: string[]): string {
	const conditions = ['[System.TeamProject] = @project'];
	if (types.length > 0) {
		conditions.push(`[System.WorkItemType] IN (${types.map(wiqlString).join(', ')})`);
	}
	if (areaPath) conditions.push(`[System.AreaPath] UNDER ${wiqlString(areaPath)}`);
	return conditions.join(' AND ');
}

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

function settingsOf(
	context: IExecuteFunctions,
	options: IDataObject,
	itemIndex: number,
): KpiSettings {
	const settings: KpiSettings = {
		closedStates: splitList(options.closedStates ?? DEFAULT_CLOSED_STATES),
		criticalSeverities: splitList(options.criticalSeverities ?? DEFAULT_CRITICAL_SEVERITIES),
		severityField: String(options.severityField ?? SEVERITY_FIELD).trim() || SEVERITY_FIELD,
		severityScope: severityScopeOf(options),
	};
	if (!FIELD_NAME.test(settings.severityField)) {
		throw new NodeOperationError(
			context.getNode(),
			`"${settings.severityField}" is not a field reference name`,
			{ itemIndex, description: 'Enter a reference name such as Microsoft.VSTS.Common.Severity.' },
		);
	}
	return settings;
}

/** What to count: an area path (as a flat query, for WIQL) or the user's query. */
interface Source {
	parts?: WiqlParts;
	query?: string;
	area?: { areaPath: string; types: string[] };
}

function sourceOf(context: IExecuteFunctions, options: IDataObject, itemIndex: number): Source {
	if (context.getNodeParameter('source', itemIndex, 'areaPath') === 'wiql') {
		const query = context.getNodeParameter('query', itemIndex) as string;
		return { query, parts: parseWiql(query) };
	}
	const areaPath = (context.getNodeParameter('areaPath', itemIndex, '') as string).trim();
	const types = splitList(options.workItemTypes ?? 'Bug');
	const where = areaPathWiql(areaPath, types);
	return {
		area: { areaPath, types },
		parts: { from: 'workitems', where, asOf: '', hasMode: false },
	};
}

async function count(
	context: IExecuteFunctions,
	project: string,
	source: Source,
	settings: KpiSettings,
	countWith: string,
): Promise<Counted> {
	let unavailable: string | undefined;
	if (source.area && countWith !== 'wiql') {
		const base = await organizationBase(context);
		const counted = await countWithAnalytics(context, base, project, source.area, settings);
		if (typeof counted !== 'string') return counted;
		if (countWith === 'analytics') {
			throw new NodeOperationError(context.getNode(), 'Analytics could not count the defects', {
				description: `${counted}. Give the personal access token the scope "Analytics (read)" (its user needs Basic access), turn Analytics on for the collection, or set Options > Count With to WIQL Queries.`,
			});
		}
		unavailable = counted;
		context.logger.info(`${context.getNode().name}: counting with WIQL queries. ${counted}`);
	}
	const counted = isFlatQuery(source.parts)
		? await countWithWiqlClasses(context, project, source.parts, settings)
		: await countByReading(context, project, source.query ?? '', settings);
	if (unavailable) counted.countedWith.analyticsUnavailable = unavailable;
	return counted;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const project = projectOf(this, itemIndex);
	const options = this.getNodeParameter('kpiOptions', itemIndex, {}) as IDataObject;
	const settings = settingsOf(this, options, itemIndex);
	const source = sourceOf(this, options, itemIndex);
	const countWith = String(options.countWith ?? 'auto');
	const identity = kpiIdentity(await this.getCredentials(CREDENTIAL_TYPE));
	const key = kpiCacheKey(CREDENTIAL_TYPE, identity, project, settings, source, countWith);

	const json = await kpisWithCache(this, key, options, async () => {
		const counted = await count(this, project, source, settings, countWith);
		const own =
			typeof options.criticalDefectsLink === 'string' ? options.criticalDefectsLink.trim() : '';
		const link =
			own || criticalDefectsLink(await organizationBase(this), project, source, settings, counted);
		return {
			...defectCounts(counted.tally, settings.severityScope),
			bySeverity: counted.bySeverity,
			byState: counted.byState,
			criticalDefectsLink: link,
			countedWith: counted.countedWith,
		};
	});
	return [{ json }];
}
