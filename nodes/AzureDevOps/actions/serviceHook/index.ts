import type { INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../../shared/actions/properties';
import type { Operation } from '../../../shared/actions/operations';
import * as check from './check.operation';

export const operations: Record<string, Operation> = { check };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['serviceHook'] } },
		options: [
			{
				name: 'Check',
				value: 'check',
				description:
					'List the service-hook subscriptions that deliver to this n8n, enable again those Azure DevOps disabled, and publish again the workflows whose subscription is missing',
				action: 'Check and repair the webhooks of this n8n',
			},
		],
		default: 'check',
	},
	...forOperation('serviceHook', 'check', check.description),
];
