import {
	fromParameter,
	webhookDescriptionFields,
	type INodeProperties,
	type IWebhookDescription,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { WebhookRequestError } from './answer';

/**
 * n8n parses a webhook's body before calling `webhook()` (answering 422 itself when that fails) unless a
 * version-1 trigger has `options.binaryData` set. Our triggers read and check the raw bytes themselves, in
 * one pass, so each carries this hidden flag and keeps its user-facing settings under other names.
 */
export const rawBodyFlag: INodeProperties = {
	displayName: 'Raw Body',
	name: 'options',
	type: 'hidden',
	default: { binaryData: true },
};

/**
 * For `onReceived` triggers: n8n would otherwise answer with its default `responseData` literally
 * (`firstEntryJson`); an empty value makes it answer `{"message":"Workflow was started"}`.
 */
export const answerOnReceipt = { responseMode: 'onReceived', responseData: '' } as const;

/**
 * For triggers whose answer mode the user picks in their `responseMode` parameter. Declared with n8n's
 * `webhookDescriptionFields`, n8n reads the parameter directly instead of evaluating an expression for every
 * request (docs/n8n.md, "A webhook request"); an n8n without that helper evaluates the same template.
 */
export const responseModeFromParameter: Partial<IWebhookDescription> =
	typeof webhookDescriptionFields === 'function'
		? webhookDescriptionFields({ responseMode: fromParameter('responseMode') })
		: { responseMode: '={{$parameter["responseMode"]}}' };

/** Reads the request's raw bytes; n8n enforces its payload size limit while reading. */
export async function readRawBody(
	request: ReturnType<IWebhookFunctions['getRequestObject']>,
): Promise<Buffer> {
	const failure = await request.readRawBody().then(
		() => undefined,
		(error: { type?: string }) => error,
	);
	if (failure?.type === 'entity.too.large') {
		throw new WebhookRequestError(413, 'Request body is too large');
	}
	if (failure) throw new WebhookRequestError(400, 'Request body could not be read');
	return request.rawBody ?? Buffer.alloc(0);
}

/** Request headers as Node delivers them: lower-case names, repeated headers as arrays. */
export type RequestHeaders = Record<string, string | string[] | undefined>;

/** Reads one header case-insensitively; repeated headers yield their first value. */
export function headerValue(headers: RequestHeaders, name: string): string | undefined {
	const value = headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}
