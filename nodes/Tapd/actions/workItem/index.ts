import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { WORK_ITEMS, type WorkItemResource } from './config';
import * as count from './count.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const operations = { create, get, getAll, update, count };

export const WORK_ITEM_RESOURCES: WorkItemResource[] = ['bug', 'story', 'task'];

function descriptionOf(resource: WorkItemResource): INodeProperties[] {
	const { label, chinese } = WORK_ITEMS[resource];
	const lower = label.toLowerCase();
	const show = (operation: string) => ({ show: { resource: [resource], operation: [operation] } });
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
					action: `Count ${lower}s`,
					description: `Count the ${lower}s (${chinese}) matching filters`,
				},
				{
					name: 'Create',
					value: 'create',
					action: `Create a ${lower}`,
					description: `Create a ${lower} (${chinese})`,
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
					action: `Get many ${lower}s`,
					description: `List ${lower}s matching filters, across all pages`,
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
		...updateDisplayOptions(show('create'), create.descriptionFor(resource)),
		...updateDisplayOptions(show('get'), get.descriptionFor(resource)),
		...updateDisplayOptions(show('getAll'), getAll.descriptionFor(resource)),
		...updateDisplayOptions(show('update'), update.descriptionFor(resource)),
		...updateDisplayOptions(show('count'), count.descriptionFor(resource)),
	];
}

export const description: INodeProperties[] = WORK_ITEM_RESOURCES.flatMap(descriptionOf);
