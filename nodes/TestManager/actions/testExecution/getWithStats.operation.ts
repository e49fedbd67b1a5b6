import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { testManagerApiRequest } from '../../transport';
import { projectIdProperty, testExecutionIdProperty } from '../common';

const displayOptions = { show: { resource: ['testExecution'], operation: ['getWithStats'] } };

export const description: INodeProperties[] = [
	{ ...projectIdProperty, displayOptions },
	{ ...testExecutionIdProperty, displayOptions },
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const projectId = encodeURIComponent(this.getNodeParameter('projectId', itemIndex) as string);
	const executionId = encodeURIComponent(
		(this.getNodeParameter('testExecutionId', itemIndex) as string).trim(),
	);
	const execution = (await testManagerApiRequest.call(
		this,
		'GET',
		`/api/v2/${projectId}/testexecutions/${executionId}/withStats`,
	)) as IDataObject;
	return [{ json: execution, pairedItem: { item: itemIndex } }];
}
