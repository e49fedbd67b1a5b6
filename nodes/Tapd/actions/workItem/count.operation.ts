import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { tapdCount } from '../../transport';
import { workspaceIdOf } from '../common';
import type { WorkItemResource } from './config';
import { filterProperties, filtersOf } from './getAll.operation';
import { kindOf } from './shared';

export function descriptionFor(resource: WorkItemResource): INodeProperties[] {
	return filterProperties(resource);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const kind = kindOf(this, itemIndex);
	const count = await tapdCount.call(this, kind.path, {
		...(filtersOf(this, itemIndex) as Record<string, string>),
		workspace_id: workspaceIdOf(this, itemIndex),
	});
	return [{ json: { count } }];
}
