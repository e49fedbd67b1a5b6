import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/actions/operations';
import * as create from './create.operation';
import * as get from './get.operation';
import * as query from './query.operation';
import * as update from './update.operation';

export const operations: Record<string, Operation> = { create, get, query, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['workItem'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a work item, such as a bug',
				action: 'Create a work item',
			},
			{ name: 'Get', value: 'get', description: 'Get a work item', action: 'Get a work item' },
			{
				name: 'Query',
				value: 'query',
				description: 'Find work items with a WIQL query',
				action: 'Query work items',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change fields of a work item or link it',
				action: 'Update a work item',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...query.description,
	...update.description,
];
