import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forOperation } from '../../../shared/actions/properties';
import { KPI_COUNT_FIELDS, defectKpisSchema } from '../../../shared/defectKpis';
import { describeIssues } from '../../../shared/schema';
import { DEFAULT_STATUS_VALUES_TEXT, statusValuesOf } from '../helpers';
import { answerTestManager } from './answer';
import { responseOptions } from './common.descriptions';

// The count fields of `KPIConnectorDefectsDto` (KPI_COUNT_FIELDS) default to the same names of the incoming item.
export const description: INodeProperties[] = forOperation(
	'webhookResponse',
	'respondWithDefectKpis',
	[
		{
			displayName: 'Total Defects',
			name: 'totalDefects',
			type: 'string',
			required: true,
			default: '={{ $json.totalDefects }}',
			description:
				'All defects of the project: a whole number, 0 or more. The default reads totalDefects from the incoming item, as the Defect KPI operations of this package output it.',
		},
		{
			displayName: 'Critical Defects',
			name: 'criticalDefects',
			type: 'string',
			required: true,
			default: '={{ $json.criticalDefects }}',
			description:
				'Defects of the highest severities: a whole number, 0 or more. The default reads criticalDefects from the incoming item, as the Defect KPI operations of this package output it.',
		},
		{
			displayName: 'Moderate Defects',
			name: 'moderateDefects',
			type: 'string',
			required: true,
			default: '={{ $json.moderateDefects }}',
			description:
				'Defects of medium severity: a whole number, 0 or more. The default reads moderateDefects from the incoming item, as the Defect KPI operations of this package output it.',
		},
		{
			displayName: 'Open Defects',
			name: 'openDefects',
			type: 'string',
			required: true,
			default: '={{ $json.openDefects }}',
			description:
				'Defects not yet resolved: a whole number, 0 or more. The default reads openDefects from the incoming item, as the Defect KPI operations of this package output it.',
		},
		{
			displayName: 'Closed Defects',
			name: 'closedDefects',
			type: 'string',
			required: true,
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
			default: 'Success',
			description:
				'The ConnectorKPIStatus of the answer: one of the three Status Values (see Options). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Critical Defects Link',
			name: 'criticalDefectsLink',
			type: 'string',
			default: '={{ $json.criticalDefectsLink }}',
			description:
				'A link to the list of critical defects in your tracker, or empty (sent as null). The default reads criticalDefectsLink from the incoming item.',
		},
		responseOptions([
			{
				displayName: 'Status Values',
				name: 'statusValues',
				type: 'string',
				default: DEFAULT_STATUS_VALUES_TEXT,
				description:
					"The three values of Test Manager's ConnectorKPIStatus, comma-separated. Test Manager does not document them: change them if your Test Manager expects others.",
			},
		]),
	],
);

/** Numbers mapped from other nodes often arrive as text: accept plain decimal text, leave the rest to the schema. */
function asNumber(value: unknown): unknown {
	if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
	if (value === '' || value === null) return undefined;
	return value;
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
	for (const name of KPI_COUNT_FIELDS) {
		kpis[name] = asNumber(this.getNodeParameter(name, itemIndex, undefined)) as number;
	}
	kpis.status = String(this.getNodeParameter('status', itemIndex, '') ?? '').trim();
	const link = this.getNodeParameter('criticalDefectsLink', itemIndex, '');
	kpis.criticalDefectsLink = typeof link === 'string' && link.trim() ? link.trim() : null;

	const parsed = defectKpisSchema(statusValues as [string, ...string[]]).safeParse(kpis);
	if (!parsed.success) {
		throw new NodeOperationError(
			this.getNode(),
			`Invalid Defect KPIs: ${describeIssues(parsed.error)}`,
			{
				itemIndex,
				description:
					'Test Manager expects whole numbers of 0 or more, critical and moderate defects within the total, and open + closed defects within the total',
			},
		);
	}
	const body = parsed.data as IDataObject;
	await answerTestManager(this, body, options);
	return [{ json: body, pairedItem: { item: itemIndex } }];
}
