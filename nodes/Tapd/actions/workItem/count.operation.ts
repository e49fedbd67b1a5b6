import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { tapdCount } from '../../transport';
import { nameValueProperty, workspaceIdOf } from '../common';
import { filterFields, type WorkItemResource } from './config';
import { filtersOf } from './getAll.operation';
import { kindOf } from './shared';

export function descriptionFor(resource: WorkItemResource): INodeProperties[] {
	return [
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: filterFields(resource),
		},
		nameValueProperty(
			'Other Filters',
			'otherFilters',
			'Any other TAPD filter by its API name; use | between values of an enum (status=new|in_progress)',
		),
	];
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
