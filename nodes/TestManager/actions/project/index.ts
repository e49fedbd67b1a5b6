import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getMany.operation';

export { getAll };

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
