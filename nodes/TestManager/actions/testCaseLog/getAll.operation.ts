import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { forOperation, limitOf, returnAllProperties } from '../../../shared/actions/properties';
import { testManagerApiRequestAllItems } from '../../transport';
import { projectIdProperty, testExecutionIdProperty } from '../common.descriptions';
import { executionPathOf } from '../helpers';

// Return All is on by default: the logs are read page by page until the end.
export const description: INodeProperties[] = forOperation('testCaseLog', 'getAll', [
	projectIdProperty,
	testExecutionIdProperty,
	...returnAllProperties(true),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
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
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { projectId, executionId } = await executionPathOf(this, itemIndex);
	const limit = limitOf(this, itemIndex) ?? Infinity;
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const testCaseId = typeof filters.testCaseId === 'string' ? filters.testCaseId.trim() : '';

	const path = `/api/v2/${projectId}/testcaselogs/testexecution/${executionId}/paged`;
	// With a test case filter, every page is read before filtering so that the limit counts matches.
	let logs = await testManagerApiRequestAllItems(this, { path }, testCaseId ? Infinity : limit);
	if (testCaseId) {
		logs = logs
			.filter((log) => String(log.testCaseId ?? '').toLowerCase() === testCaseId.toLowerCase())
			.slice(0, limit);
	}
	return logs.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}
