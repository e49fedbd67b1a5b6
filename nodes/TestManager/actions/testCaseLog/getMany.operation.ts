import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { testManagerApiRequestAllItems } from '../../transport';
import { projectIdProperty, returnAllProperties, testExecutionIdProperty } from '../common';

const displayOptions = { show: { resource: ['testCaseLog'], operation: ['getAll'] } };

export const description: INodeProperties[] = [
	{ ...projectIdProperty, displayOptions },
	{ ...testExecutionIdProperty, displayOptions },
	...returnAllProperties('testCaseLog', 'getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		displayOptions,
		default: {},
		options: [
			{
				displayName: 'Test Case ID',
				name: 'testCaseId',
				type: 'string',
				default: '={{ $json.body.testCaseId }}',
				description:
					'Keep only the logs of this test case, e.g. the one a Create Defect request names (filtered in n8n)',
			},
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const projectId = encodeURIComponent(this.getNodeParameter('projectId', itemIndex) as string);
	const executionId = encodeURIComponent(
		(this.getNodeParameter('testExecutionId', itemIndex) as string).trim(),
	);
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex) as number);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const testCaseId = typeof filters.testCaseId === 'string' ? filters.testCaseId.trim() : '';

	const endpoint = `/api/v2/${projectId}/testcaselogs/testexecution/${executionId}/paged`;
	// With a test case filter, every page is read before filtering so that the limit counts matches.
	let logs = await testManagerApiRequestAllItems.call(
		this,
		endpoint,
		{},
		testCaseId ? Infinity : limit,
	);
	if (testCaseId) {
		logs = logs
			.filter((log) => String(log.testCaseId ?? '').toLowerCase() === testCaseId.toLowerCase())
			.slice(0, limit);
	}
	return logs.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}
