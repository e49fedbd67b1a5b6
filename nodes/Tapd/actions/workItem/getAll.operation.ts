import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { tapdApiRequestAllItems } from '../../transport';
import {
	limitOf,
	nameValueProperty,
	returnAllProperties,
	toTapdParameters,
	workspaceIdOf,
} from '../common';
import { filterFields, type WorkItemResource } from './config';
import { kindOf } from './shared';

/** The filters that get many and count share: the listed ones and any other by its API name. */
export function filterProperties(resource: WorkItemResource): INodeProperties[] {
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

export function descriptionFor(resource: WorkItemResource): INodeProperties[] {
	return [
		...returnAllProperties(),
		...filterProperties(resource),
		{
			displayName: 'Options',
			name: 'queryOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Fields',
					name: 'fields',
					type: 'string',
					default: '',
					placeholder: 'title,status,created',
					description: 'Only these fields, separated by commas',
				},
				{
					displayName: 'Order',
					name: 'order',
					type: 'string',
					default: '',
					placeholder: 'created desc',
					description: 'A field name followed by asc or desc',
				},
			],
		},
	];
}

/** Filters shared by get many and count. */
export function filtersOf(context: IExecuteFunctions, itemIndex: number): IDataObject {
	return {
		...toTapdParameters(context.getNodeParameter('filters', itemIndex, {}) as IDataObject),
		...toTapdParameters(
			{ otherFilters: context.getNodeParameter('otherFilters', itemIndex, {}) } as IDataObject,
			'otherFilters',
		),
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const kind = kindOf(this, itemIndex);
	const records = await tapdApiRequestAllItems.call(
		this,
		kind.path,
		kind.recordKey,
		{
			...toTapdParameters(this.getNodeParameter('queryOptions', itemIndex, {}) as IDataObject),
			...(filtersOf(this, itemIndex) as Record<string, string>),
			workspace_id: workspaceIdOf(this, itemIndex),
		},
		limitOf(this, itemIndex),
	);
	return records.map((json) => ({ json }));
}
