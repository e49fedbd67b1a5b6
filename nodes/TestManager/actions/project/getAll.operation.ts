import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forOperation, limitOf, returnAllProperties } from '../../../shared/actions/properties';
import { testManagerApiRequestAllItems } from '../../transport';

export const description: INodeProperties[] = forOperation(
	'project',
	'getAll',
	returnAllProperties(),
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const projects = await testManagerApiRequestAllItems(
		this,
		{ path: '/api/v2/projects' },
		limitOf(this, itemIndex),
	);
	return projects.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}
