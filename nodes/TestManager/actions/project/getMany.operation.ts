import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { testManagerApiRequestAllItems } from '../../transport';
import { returnAllProperties } from '../common';

export const description: INodeProperties[] = returnAllProperties('project', 'getAll');

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex) as number);
	const projects = await testManagerApiRequestAllItems.call(this, '/api/v2/projects', {}, limit);
	return projects.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}
