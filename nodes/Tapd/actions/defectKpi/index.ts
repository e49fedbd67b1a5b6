import type { INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../../shared/actions/properties';

import * as compute from './compute.operation';

export const operations = { compute };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['defectKpi'] } },
		options: [
			{
				name: 'Compute',
				value: 'compute',
				action: 'Compute defect metrics',
				description:
					'Count total, critical, moderate, open and closed bugs of a workspace or iteration',
			},
		],
		default: 'compute',
	},
	...forOperation('defectKpi', 'compute', compute.description),
];
