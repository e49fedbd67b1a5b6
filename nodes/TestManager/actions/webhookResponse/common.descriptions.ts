import type { INodeProperties } from 'n8n-workflow';

const responseCode: INodeProperties = {
	displayName: 'Response Code',
	name: 'statusCode',
	type: 'number',
	typeOptions: { minValue: 200, maxValue: 599 },
	default: 200,
	description: 'The HTTP status code of the answer',
};

/** The Options of both answers: the Response Code, then the operation's own options. */
export function responseOptions(own: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'responseOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [responseCode, ...own],
	};
}
