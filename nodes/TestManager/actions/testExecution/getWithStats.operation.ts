import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { forOperation } from '../../../shared/actions/properties';
import { testManagerApiRequest } from '../../transport';
import { projectIdProperty, testExecutionIdProperty } from '../common.descriptions';
import { executionPathOf } from '../helpers';

export const description: INodeProperties[] = forOperation('testExecution', 'getWithStats', [
	projectIdProperty,
	testExecutionIdProperty,
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { projectId, executionId } = await executionPathOf(this, itemIndex);
	const execution = (await testManagerApiRequest(this, {
		method: 'GET',
		path: `/api/v2/${projectId}/testexecutions/${executionId}/withStats`,
	})) as IDataObject;
	return [{ json: execution, pairedItem: { item: itemIndex } }];
}
