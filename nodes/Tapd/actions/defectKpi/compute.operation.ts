import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import {
	defectCounts,
	severityScopeOf,
	severityScopeOption,
	type DefectKpiItem,
	type DefectTally,
} from '../../../shared/defectKpis';
import { kpiCacheKey, kpiCacheOptions, kpisWithCache } from '../../../shared/kpiCache';
import { kpiIdentity, tapdApiCount, tapdApiRequest, type TapdParameters } from '../../transport';
import { SEVERITY_OPTIONS, nameValueProperty } from '../common.descriptions';
import { namedParametersOf, workspaceIdOf } from '../helpers';

export const description: INodeProperties[] = [
	{
		displayName:
			"Outputs <code>totalDefects, criticalDefects, moderateDefects, openDefects, closedDefects, criticalDefectsLink</code>, the shape UiPath Test Manager's defect dashboard expects: connect it to the Test Manager node's <b>Respond with Defect KPIs</b>. Critical and moderate count open bugs by severity unless Options > Count Severities Of includes closed ones.",
		name: 'kpiNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Iteration Name or ID',
		name: 'iterationId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getIterations', loadOptionsDependsOn: ['workspaceId'] },
		default: '',
		description:
			'Count only the bugs of this iteration; empty counts the whole workspace. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Critical Severities',
		name: 'criticalSeverities',
		type: 'multiOptions',
		options: SEVERITY_OPTIONS,
		default: ['fatal', 'serious'],
		description: 'Bugs with these severities count as critical',
	},
	{
		displayName: 'Moderate Severities',
		name: 'moderateSeverities',
		type: 'multiOptions',
		options: SEVERITY_OPTIONS,
		default: ['normal'],
		description: 'Bugs with these severities count as moderate',
	},
	nameValueProperty(
		'Other Filters',
		'otherFilters',
		'Narrow every count with more TAPD bug filters, e.g. version_report or module; use | between values',
	),
	{
		displayName: 'Options',
		name: 'kpiOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Closed Status Names or IDs',
				name: 'closedStatuses',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getStatuses', loadOptionsDependsOn: ['workspaceId'] },
				default: [],
				description:
					'Statuses that count as closed. By default the terminal statuses of the workspace\'s bug workflow (/workflows/last_steps). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			severityScopeOption,
			...kpiCacheOptions,
			{
				displayName: 'Critical Defects Link',
				name: 'criticalDefectsLink',
				type: 'string',
				default: '',
				description:
					"The link Test Manager shows for critical defects, e.g. a saved TAPD view. By default the workspace's bug list.",
			},
			{
				displayName: 'Include Breakdown',
				name: 'includeBreakdown',
				type: 'boolean',
				default: false,
				description:
					'Whether to add a tapd object with the workspace, iteration, severities and closed statuses used',
			},
		],
	},
];

/** Terminal statuses of a workspace's bug workflow: TAPD answers `{"closed": "已关闭", …}`. */
async function terminalBugStatuses(
	context: IExecuteFunctions,
	workspaceId: string,
): Promise<string[]> {
	const data = await tapdApiRequest(context, {
		path: '/workflows/last_steps',
		qs: { workspace_id: workspaceId, system: 'bug' },
	});
	if (Array.isArray(data)) return data.map(String);
	return data !== null && typeof data === 'object' ? Object.keys(data) : [];
}

/** What one count needs: the workspace and filters, the severities and the closed statuses. */
interface KpiQuery {
	workspaceId: string;
	base: TapdParameters;
	critical: string[];
	moderate: string[];
	closedStatuses: string[];
}

/**
 * The tally by `/bugs/count`, one count per class: at most six requests, sent together and paced within the
 * account's quota by the retry policy. The closed bugs of each severity are counted only when the scope leaves
 * them out.
 */
async function tallyOf(
	context: IExecuteFunctions,
	query: KpiQuery,
	scope: 'open' | 'all',
): Promise<DefectTally> {
	const closedWhere = query.closedStatuses.length
		? { status: query.closedStatuses.join('|') }
		: undefined;
	const countWhere = async (where: TapdParameters) =>
		await tapdApiCount(context, { path: '/bugs', qs: { ...query.base, ...where } });
	const severityTally = async (severities: string[]) => {
		if (severities.length === 0) return { all: 0, closed: 0 };
		const where = { severity: severities.join('|') };
		const [all, closed] = await Promise.all([
			countWhere(where),
			scope === 'open' && closedWhere ? countWhere({ ...where, ...closedWhere }) : 0,
		]);
		return { all, closed };
	};
	const [total, closed, critical, moderate] = await Promise.all([
		countWhere({}),
		closedWhere ? countWhere(closedWhere) : 0,
		severityTally(query.critical),
		severityTally(query.moderate),
	]);
	return { total, closed, critical, moderate };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const workspaceId = workspaceIdOf(this, itemIndex);
	const iterationId = String(this.getNodeParameter('iterationId', itemIndex, '')).trim();
	const critical = this.getNodeParameter('criticalSeverities', itemIndex, []) as string[];
	const moderate = this.getNodeParameter('moderateSeverities', itemIndex, []) as string[];
	const options = this.getNodeParameter('kpiOptions', itemIndex, {}) as IDataObject;
	const scope = severityScopeOf(options);
	const base: TapdParameters = {
		...namedParametersOf(this, itemIndex, 'otherFilters'),
		workspace_id: workspaceId,
		iteration_id: iterationId || undefined,
	};
	const chosenClosed = (options.closedStatuses as string[] | undefined) ?? [];
	const credentials = await this.getCredentials('tapdApi');
	const web = String(credentials.webUrl || 'https://www.tapd.cn').replace(/\/+$/, '');
	const settings = [workspaceId, iterationId, critical, moderate, base, chosenClosed, scope];
	const key = kpiCacheKey(
		'tapdApi',
		kpiIdentity(credentials),
		settings,
		options.criticalDefectsLink,
	);

	const json = await kpisWithCache(this, key, options, async () => {
		const closedStatuses =
			chosenClosed.length > 0 ? chosenClosed : await terminalBugStatuses(this, workspaceId);
		const tally = await tallyOf(
			this,
			{ workspaceId, base, critical, moderate, closedStatuses },
			scope,
		);
		const link = String(options.criticalDefectsLink ?? '').trim();
		const kpis: DefectKpiItem = {
			...defectCounts(tally, scope),
			criticalDefectsLink:
				link || `${web}/${encodeURIComponent(workspaceId)}/bugtrace/bugreports/my_view`,
		};
		const breakdown = options.includeBreakdown
			? {
					tapd: {
						workspaceId,
						iterationId: iterationId || null,
						criticalSeverities: critical,
						moderateSeverities: moderate,
						closedStatuses,
					},
				}
			: {};
		return { ...kpis, ...breakdown };
	});
	return [{ json }];
}
