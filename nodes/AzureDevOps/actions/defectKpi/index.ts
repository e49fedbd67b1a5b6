import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['defectKpi'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description:
					"Count defects by severity and state, shaped for Test Manager's defect dashboard",
				action: 'Get defect counts',
			},
		],
		default: 'get',
	},
	...get.description,
];
