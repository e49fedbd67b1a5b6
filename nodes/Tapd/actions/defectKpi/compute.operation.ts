import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { tapdApiRequest, tapdCount, type TapdContext, type TapdParameters } from '../../transport';
import { nameValueProperty, toTapdParameters, workspaceIdOf } from '../common';
import { SEVERITY_OPTIONS } from '../workItem/config';

export const description: INodeProperties[] = [
	{
		displayName:
			"Outputs <code>totalDefects, criticalDefects, moderateDefects, openDefects, closedDefects, criticalDefectsLink</code>, the shape UiPath Test Manager's defect dashboard expects: connect it to the Test Manager node's <b>Respond with Defect KPIs</b>.",
		name: 'kpiNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Iteration (迭代) Name or ID',
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
		description: 'Bugs with these severities (严重程度) count as critical',
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
export async function terminalBugStatuses(
	this: TapdContext,
	workspaceId: string,
): Promise<string[]> {
	const data = await tapdApiRequest.call(this, 'GET', '/workflows/last_steps', {
		workspace_id: workspaceId,
		system: 'bug',
	});
	if (Array.isArray(data)) return data.map(String);
	return data !== null && typeof data === 'object' ? Object.keys(data) : [];
}

export interface DefectKpis extends IDataObject {
	totalDefects: number;
	criticalDefects: number;
	moderateDefects: number;
	openDefects: number;
	closedDefects: number;
	criticalDefectsLink: string | null;
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
	const base: TapdParameters = {
		...toTapdParameters(
			{ otherFilters: this.getNodeParameter('otherFilters', itemIndex, {}) } as IDataObject,
			'otherFilters',
		),
		workspace_id: workspaceId,
		iteration_id: iterationId || undefined,
	};

	const chosenClosed = (options.closedStatuses as string[] | undefined) ?? [];
	const closedStatuses =
		chosenClosed.length > 0 ? chosenClosed : await terminalBugStatuses.call(this, workspaceId);
	const countWhere = async (extra: TapdParameters) =>
		await tapdCount.call(this, '/bugs', { ...base, ...extra });

	// Sequential on purpose: TAPD allows about 60 requests per minute.
	const totalDefects = await countWhere({});
	const criticalDefects = critical.length ? await countWhere({ severity: critical.join('|') }) : 0;
	const moderateDefects = moderate.length ? await countWhere({ severity: moderate.join('|') }) : 0;
	const closedDefects = closedStatuses.length
		? await countWhere({ status: closedStatuses.join('|') })
		: 0;

	const { webUrl } = await this.getCredentials('tapdApi');
	const web = String(webUrl || 'https://www.tapd.cn').replace(/\/+$/, '');
	const link = String(options.criticalDefectsLink ?? '').trim();
	const kpis: DefectKpis = {
		totalDefects,
		criticalDefects,
		moderateDefects,
		openDefects: Math.max(0, totalDefects - closedDefects),
		closedDefects,
		criticalDefectsLink:
			link || `${web}/${encodeURIComponent(workspaceId)}/bugtrace/bugreports/my_view`,
	};
	if (options.includeBreakdown) {
		kpis.tapd = {
			workspaceId,
			iterationId: iterationId || null,
			criticalSeverities: critical,
			moderateSeverities: moderate,
			closedStatuses,
		};
	}
	return [{ json: kpis }];
}
