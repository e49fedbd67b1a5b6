import type { INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../../shared/actions/properties';
import { WORK_ITEMS, WORK_ITEM_RESOURCES, type WorkItemResource } from '../../workItems';
import * as count from './count.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

/** The operations of bugs, stories and tasks alike, by operation value. */
export const operations = { create, get, getAll, update, count };

function descriptionOf(resource: WorkItemResource): INodeProperties[] {
	const { label, plural } = WORK_ITEMS[resource];
	const lower = label.toLowerCase();
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: [
				{
					name: 'Count',
					value: 'count',
					action: `Count ${plural}`,
					description: `Count the ${plural} matching filters`,
				},
				{
					name: 'Create',
					value: 'create',
					action: `Create a ${lower}`,
					description: `Create a ${lower}`,
				},
				{
					name: 'Get',
					value: 'get',
					action: `Get a ${lower}`,
					description: `Get one ${lower} by ID`,
				},
				{
					name: 'Get Many',
					value: 'getAll',
					action: `Get many ${plural}`,
					description: `List ${plural} matching filters, across all pages`,
				},
				{
					name: 'Update',
					value: 'update',
					action: `Update a ${lower}`,
					description: `Change fields of a ${lower}`,
				},
			],
			default: 'getAll',
		},
		...forOperation(resource, 'create', create.descriptionFor(resource)),
		...forOperation(resource, 'get', get.descriptionFor(resource)),
		...forOperation(resource, 'getAll', getAll.descriptionFor(resource)),
		...forOperation(resource, 'update', update.descriptionFor(resource)),
		...forOperation(resource, 'count', count.descriptionFor(resource)),
	];
}

export const description: INodeProperties[] = WORK_ITEM_RESOURCES.flatMap(descriptionOf);
