import type { INodeProperties } from 'n8n-workflow';

/** The options both answers have. */
export const responseOptions: INodeProperties[] = [
	{
		displayName: 'Response Code',
		name: 'statusCode',
		type: 'number',
		typeOptions: { minValue: 200, maxValue: 599 },
		default: 200,
		description: 'The HTTP status code of the answer',
	},
];
