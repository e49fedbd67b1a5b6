import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/actions/operations';
import * as get from './get.operation';

export const operations: Record<string, Operation> = { get };

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
