import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/actions/operations';
import * as getAll from './getAll.operation';

export const operations: Record<string, Operation> = { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['project'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the projects the External Application can read',
				action: 'Get many projects',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
