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
		displayOptions: { show: { resource: ['testCaseLog'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the test case logs (results) of a test execution, page by page',
				action: 'Get many test case logs of an execution',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
