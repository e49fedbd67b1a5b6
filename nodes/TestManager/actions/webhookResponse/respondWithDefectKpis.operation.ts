import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { DEFAULT_KPI_STATUS_VALUES, defectKpisSchema, parseStatusValues } from '../../contract';
import { answerTestManager, issuesOf, responseOptions } from './answer';

const displayOptions = {
	show: { resource: ['webhookResponse'], operation: ['respondWithDefectKpis'] },
};

/** The count fields of `KPIConnectorDefectsDto`; their defaults read the same names from the incoming item. */
const COUNTS = [
	'totalDefects',
	'criticalDefects',
	'moderateDefects',
	'openDefects',
	'closedDefects',
] as const;

export const DEFAULT_STATUS_VALUES_TEXT = DEFAULT_KPI_STATUS_VALUES.join(', ');

export const description: INodeProperties[] = [
	{
		displayName: 'Total Defects',
		name: 'totalDefects',
		type: 'string',
		required: true,
		displayOptions,
		default: '={{ $json.totalDefects }}',
		description:
			'All defects of the project: a whole number, 0 or more. The default reads totalDefects from the incoming item, as the Defect KPI operations of this package output it.',
	},
	{
		displayName: 'Critical Defects',
		name: 'criticalDefects',
		type: 'string',
		required: true,
		displayOptions,
		default: '={{ $json.criticalDefects }}',
		description:
			'Defects of the highest severities: a whole number, 0 or more. The default reads criticalDefects from the incoming item, as the Defect KPI operations of this package output it.',
	},
	{
		displayName: 'Moderate Defects',
		name: 'moderateDefects',
		type: 'string',
		required: true,
		displayOptions,
		default: '={{ $json.moderateDefects }}',
		description:
			'Defects of medium severity: a whole number, 0 or more. The default reads moderateDefects from the incoming item, as the Defect KPI operations of this package output it.',
	},
	{
		displayName: 'Open Defects',
		name: 'openDefects',
		type: 'string',
		required: true,
		displayOptions,
		default: '={{ $json.openDefects }}',
		description:
			'Defects not yet resolved: a whole number, 0 or more. The default reads openDefects from the incoming item, as the Defect KPI operations of this package output it.',
	},
	{
		displayName: 'Closed Defects',
		name: 'closedDefects',
		type: 'string',
		required: true,
		displayOptions,
		default: '={{ $json.closedDefects }}',
		description:
			'Resolved or closed defects: a whole number, 0 or more. The default reads closedDefects from the incoming item, as the Defect KPI operations of this package output it.',
	},
	{
		displayName: 'Status Name or ID',
		name: 'status',
		type: 'options',
		typeOptions: {
			loadOptionsMethod: 'getKpiStatuses',
			loadOptionsDependsOn: ['responseOptions.statusValues'],
		},
		displayOptions,
		default: 'Success',
		description:
			'The ConnectorKPIStatus of the answer: one of the three Status Values (see Options). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Critical Defects Link',
		name: 'criticalDefectsLink',
		type: 'string',
		displayOptions,
		default: '={{ $json.criticalDefectsLink }}',
		description:
			'A link to the list of critical defects in your tracker, or empty (sent as null). The default reads criticalDefectsLink from the incoming item.',
	},
	{
		displayName: 'Options',
		name: 'responseOptions',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions,
		default: {},
		options: [
			...responseOptions,
			{
				displayName: 'Status Values',
				name: 'statusValues',
				type: 'string',
				default: DEFAULT_STATUS_VALUES_TEXT,
				description:
					"The three values of Test Manager's ConnectorKPIStatus, comma-separated. Test Manager does not document them: change them if your Test Manager expects others.",
			},
		],
	},
];

/** Numbers mapped from other nodes often arrive as text: accept plain decimal text, leave the rest to the schema. */
function asNumber(value: unknown): unknown {
	if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
	if (value === '' || value === null) return undefined;
	return value;
}

export function statusValuesOf(options: IDataObject): string[] | undefined {
	const text = options.statusValues;
	return parseStatusValues(typeof text === 'string' ? text : DEFAULT_STATUS_VALUES_TEXT);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('responseOptions', itemIndex, {}) as IDataObject;
	const statusValues = statusValuesOf(options);
	if (!statusValues) {
		throw new NodeOperationError(this.getNode(), 'Status Values must list three different values', {
			itemIndex,
			description: `Separate them with commas, e.g. ${DEFAULT_STATUS_VALUES_TEXT}`,
		});
	}

	const kpis: IDataObject = {};
	for (const name of COUNTS) {
		kpis[name] = asNumber(this.getNodeParameter(name, itemIndex, undefined)) as number;
	}
	kpis.status = String(this.getNodeParameter('status', itemIndex, '') ?? '').trim();
	const link = this.getNodeParameter('criticalDefectsLink', itemIndex, '');
	kpis.criticalDefectsLink = typeof link === 'string' && link.trim() ? link.trim() : null;

	const parsed = defectKpisSchema(statusValues as [string, ...string[]]).safeParse(kpis);
	if (!parsed.success) {
		throw new NodeOperationError(this.getNode(), `Invalid Defect KPIs: ${issuesOf(parsed.error)}`, {
			itemIndex,
			description:
				'Test Manager expects whole numbers of 0 or more, critical and moderate defects within the total, and open + closed defects within the total',
		});
	}
	const body = parsed.data as IDataObject;
	await answerTestManager(this, body, options);
	return [{ json: body, pairedItem: { item: itemIndex } }];
}
