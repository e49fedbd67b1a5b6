import {
	fromParameter,
	webhookDescriptionFields,
	type IDataObject,
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

/** The declared length of the body, when the sender gave a usable Content-Length. */
function declaredLength(headers: RequestHeaders): number | undefined {
	const value = headerValue(headers, 'content-length');
	return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value) : undefined;
}

const tooLarge = (limit?: number) =>
	new WebhookRequestError(
		413,
		limit === undefined
			? 'Request body is too large'
			: `Request body is too large (over ${Math.ceil(limit / 1024)} KB)`,
	);

/**
 * Refuses, with 413, a body whose Content-Length is over `limit` (bytes): nothing is read, so triggers call
 * it before any credential.
 */
export function assertDeclaredLength(headers: RequestHeaders, limit: number): void {
	if ((declaredLength(headers) ?? 0) > limit) throw tooLarge(limit);
}

/**
 * Reads the request's raw bytes; n8n enforces its payload size limit while reading. A trigger that knows
 * its sender's bodies are small passes `limit` (bytes): a body declared larger is refused before it is read,
 * and one sent in chunks is refused before it is parsed or hashed.
 */
export async function readRawBody(
	request: ReturnType<IWebhookFunctions['getRequestObject']>,
	limit?: number,
): Promise<Buffer> {
	if (limit !== undefined) assertDeclaredLength(request.headers, limit);
	const failure = await request.readRawBody().then(
		() => undefined,
		(error: { type?: string }) => error,
	);
	if (failure?.type === 'entity.too.large') throw tooLarge();
	if (failure) throw new WebhookRequestError(400, 'Request body could not be read');
	const raw = request.rawBody ?? Buffer.alloc(0);
	if (limit !== undefined && raw.length > limit) throw tooLarge(limit);
	return raw;
}

/** The "Max Body Size (KB)" option, for a trigger's Additional Options. */
export function bodySizeOption(defaultKilobytes: number, description: string): INodeProperties {
	return {
		displayName: 'Max Body Size (KB)',
		name: 'maxBodySizeKb',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: defaultKilobytes,
		description,
	};
}

/** The body size limit the user set under Additional Options ({@link bodySizeOption}), in bytes. */
export function bodySizeLimit(context: IWebhookFunctions, defaultKilobytes: number): number {
	return bodySizeLimitOf(
		context.getNodeParameter('additionalOptions', {}) as IDataObject,
		defaultKilobytes,
	);
}

/** {@link bodySizeLimit} from Additional Options already read. */
export function bodySizeLimitOf(options: IDataObject, defaultKilobytes: number): number {
	const kilobytes = options.maxBodySizeKb;
	return (typeof kilobytes === 'number' && kilobytes > 0 ? kilobytes : defaultKilobytes) * 1024;
}

/** Request headers as Node delivers them: lower-case names, repeated headers as arrays. */
export type RequestHeaders = Record<string, string | string[] | undefined>;

/** Reads one header case-insensitively; repeated headers yield their first value. */
export function headerValue(headers: RequestHeaders, name: string): string | undefined {
	const key = name.toLowerCase();
	const value = Object.hasOwn(headers, key) ? headers[key] : undefined;
	return Array.isArray(value) ? value[0] : value;
}
