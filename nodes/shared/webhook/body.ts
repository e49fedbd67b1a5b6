import type { IDataObject } from 'n8n-workflow';

import { MalformedJsonError, isPrototypeKey, parseJson } from '../http/json';
import { WebhookRequestError } from './answer';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function malformed(message: string): WebhookRequestError {
	return new WebhookRequestError(400, message);
}

/** Decodes the raw bytes as UTF-8 (the decoder drops a leading BOM); invalid UTF-8 is a 400. */
export function decodeUtf8(raw: Buffer): string {
	try {
		return utf8.decode(raw);
	} catch {
		throw malformed('Request body is not valid UTF-8');
	}
}

/** Parses `application/x-www-form-urlencoded`; a repeated key becomes an array, dangerous keys are dropped. */
export function parseForm(text: string): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of new URLSearchParams(text)) {
		if (isPrototypeKey(key)) continue;
		const previous = result[key];
		if (previous === undefined) result[key] = value;
		else if (Array.isArray(previous)) (previous as string[]).push(value);
		else result[key] = [previous as string, value];
	}
	return result;
}

/** A JSON body; its syntax errors are a 400 that says where the body went wrong. */
function parseJsonBody(text: string): unknown {
	let failure: unknown;
	try {
		return parseJson(text);
	} catch (error) {
		failure = error;
	}
	const where =
		failure instanceof MalformedJsonError
			? ` at position ${failure.position}: ${failure.reason}`
			: '';
	throw malformed(`Malformed JSON body${where}`);
}

export type BodyFormat = 'json' | 'form';

/**
 * Reads a webhook body from the raw bytes, in one pass, choosing the format from the Content-Type header
 * (JSON when it is missing or unknown and the body looks like JSON). Only objects are accepted at the top level.
 */
export function parseWebhookBody(
	raw: Buffer | undefined,
	contentType: string | undefined,
	accepted: readonly BodyFormat[] = ['json'],
): IDataObject {
	if (!raw || raw.length === 0) throw malformed('Request body is empty');
	const text = decodeUtf8(raw);
	const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
	let format: BodyFormat;
	if (mediaType === 'application/x-www-form-urlencoded') format = 'form';
	else if (mediaType === 'application/json' || mediaType.endsWith('+json')) format = 'json';
	else format = /^[\s\uFEFF]*[{[]/.test(text) || !accepted.includes('form') ? 'json' : 'form';
	if (!accepted.includes(format)) {
		throw new WebhookRequestError(415, `Unsupported content type; send ${accepted.join(' or ')}`);
	}
	if (format === 'form') return parseForm(text);
	const value = parseJsonBody(text);
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw malformed('Request body must be a JSON object');
	}
	return value as IDataObject;
}
