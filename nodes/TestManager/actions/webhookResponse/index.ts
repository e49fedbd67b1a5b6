import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/actions/operations';
import * as respondWithCreatedDefect from './respondWithCreatedDefect.operation';
import * as respondWithDefectKpis from './respondWithDefectKpis.operation';

export const operations: Record<string, Operation> = {
	respondWithCreatedDefect,
	respondWithDefectKpis,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhookResponse'] } },
		options: [
			{
				name: 'Respond with Created Defect',
				value: 'respondWithCreatedDefect',
				description: 'Answer a Create Defect request with the defect your tracker created',
				action: 'Respond with created defect',
			},
			{
				name: 'Respond with Defect KPIs',
				value: 'respondWithDefectKpis',
				description: 'Answer a Defect KPIs request with the counts of your tracker',
				action: 'Respond with defect metrics',
			},
		],
		default: 'respondWithCreatedDefect',
	},
	{
		displayName:
			'This answers the request a UiPath Test Manager Trigger (Respond: Using a UiPath Test Manager Node) is holding open, with the first input item. It outputs the answer it sent.',
		name: 'respondNotice',
		type: 'notice',
		displayOptions: { show: { resource: ['webhookResponse'] } },
		default: '',
	},
	...respondWithCreatedDefect.description,
	...respondWithDefectKpis.description,
];
