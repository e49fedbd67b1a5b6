import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { tapdApiCount } from '../../transport';
import type { WorkItemResource } from '../../workItems';
import { filtersOf, kindOf, workspaceIdOf } from '../helpers';
import { filterProperties } from './common.descriptions';

export function descriptionFor(resource: WorkItemResource): INodeProperties[] {
	return filterProperties(resource);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const count = await tapdApiCount(this, {
		path: kindOf(this, itemIndex).path,
		qs: { ...filtersOf(this, itemIndex), workspace_id: workspaceIdOf(this, itemIndex) },
	});
	return [{ json: { count } }];
}
