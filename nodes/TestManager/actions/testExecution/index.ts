import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/actions/operations';
import * as getWithStats from './getWithStats.operation';

export const operations: Record<string, Operation> = { getWithStats };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['testExecution'] } },
		options: [
			{
				name: 'Get With Stats',
				value: 'getWithStats',
				description: 'Get a test execution with its result statistics',
				action: 'Get a test execution with stats',
			},
		],
		default: 'getWithStats',
	},
	...getWithStats.description,
];
