import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import type { ZodError } from 'zod';

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

/** Every problem zod found, in the words of the schema's messages. */
export function issuesOf(error: ZodError): string {
	return error.issues
		.map((issue) =>
			issue.path.length > 0 && !issue.message.startsWith(String(issue.path[0]))
				? `${issue.path.join('.')}: ${issue.message}`
				: issue.message,
		)
		.join('; ');
}

/** Sends the answer to the request the UiPath Test Manager Trigger is holding open. */
export async function answerTestManager(
	context: IExecuteFunctions,
	body: IDataObject,
	options: IDataObject,
): Promise<void> {
	const statusCode = options.statusCode === undefined ? 200 : Number(options.statusCode);
	if (!Number.isInteger(statusCode) || statusCode < 200 || statusCode > 599) {
		throw new NodeOperationError(context.getNode(), 'Response Code must be between 200 and 599');
	}
	await context.sendResponse({
		body,
		headers: { 'content-type': 'application/json; charset=utf-8' },
		statusCode,
	});
}
