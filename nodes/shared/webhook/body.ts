import type { IDataObject } from 'n8n-workflow';

import {
	JsonLimitError,
	MalformedJsonError,
	isPrototypeKey,
	parseJson,
	type JsonLimits,
} from '../http/json';
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

/**
 * Parses `application/x-www-form-urlencoded`; a repeated key becomes an array, dangerous keys are dropped.
 * Only the form's own fields count: a field named `toString` or `valueOf` is data like any other.
 */
export function parseForm(text: string): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of new URLSearchParams(text)) {
		if (isPrototypeKey(key)) continue;
		const previous = Object.hasOwn(result, key) ? result[key] : undefined;
		if (previous === undefined) result[key] = value;
		else if (Array.isArray(previous)) (previous as string[]).push(value);
		else result[key] = [previous as string, value];
	}
	return result;
}

/** A JSON body; its syntax errors are a 400 that says where the body went wrong, its excesses what they are. */
function parseJsonBody(text: string, limits?: JsonLimits): unknown {
	let failure: unknown;
	try {
		return parseJson(text, limits);
	} catch (error) {
		failure = error;
	}
	if (failure instanceof JsonLimitError) throw malformed(`Request body has ${failure.limit}`);
	const where =
		failure instanceof MalformedJsonError
			? ` at position ${failure.position}: ${failure.reason}`
			: '';
	throw malformed(`Malformed JSON body${where}`);
}

/**
 * Refuses a form of more than `maxFields` fields before it is parsed: counting its `&` stops at the first
 * one too many.
 */
function assertFormFields(text: string, maxFields: number | undefined): void {
	if (maxFields !== undefined && text.split('&', maxFields + 1).length > maxFields) {
		throw malformed(`Request body has more than ${maxFields} fields and values`);
	}
}

export type BodyFormat = 'json' | 'form';

const MEDIA_TYPES: Record<BodyFormat, string> = {
	json: 'application/json',
	form: 'application/x-www-form-urlencoded',
};

/**
 * The format a Content-Type names: `json` for `application/json` and every `…+json` type, `form` for
 * `application/x-www-form-urlencoded`, `undefined` when the header is missing, `other` for anything else.
 * Parameters (`; charset=utf-8`) and case do not matter.
 */
export function formatOf(contentType: string | undefined): BodyFormat | 'other' | undefined {
	const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
	if (mediaType === '') return undefined;
	if (mediaType === MEDIA_TYPES.form) return 'form';
	if (mediaType === MEDIA_TYPES.json || /^[\w.+-]+\/[\w.+-]+\+json$/.test(mediaType)) return 'json';
	return 'other';
}

/**
 * Refuses, with 415, a request whose Content-Type is not one of the formats the trigger takes. A missing
 * Content-Type is allowed (the body decides). Needs no secret, so triggers call it first.
 */
export function assertContentType(
	contentType: string | undefined,
	accepted: readonly BodyFormat[],
): void {
	const format = formatOf(contentType);
	if (format !== undefined && (format === 'other' || !accepted.includes(format))) {
		const wanted = accepted.map((f) => MEDIA_TYPES[f]).join(' or ');
		throw new WebhookRequestError(415, `Unsupported content type; send ${wanted}`);
	}
}

/**
 * Reads a webhook body from the raw bytes, in one pass, in the format its Content-Type names (see
 * {@link assertContentType}); without one, a trigger that takes forms reads a form unless the body starts
 * like JSON. Only objects are accepted at the top level. `limits` (`maxValues` also caps a form's fields)
 * refuse a body that would cost more than any real delivery before the work is done: for a trigger that
 * must parse before it can authenticate.
 */
export function parseWebhookBody(
	raw: Buffer | undefined,
	contentType: string | undefined,
	accepted: readonly BodyFormat[] = ['json'],
	limits?: JsonLimits,
): IDataObject {
	assertContentType(contentType, accepted);
	if (!raw || raw.length === 0) throw malformed('Request body is empty');
	const text = decodeUtf8(raw);
	const named = formatOf(contentType) as BodyFormat | undefined;
	const format =
		named ?? (accepted.includes('form') && !/^[\s\uFEFF]*[{[]/.test(text) ? 'form' : 'json');
	if (format === 'form') {
		assertFormFields(text, limits?.maxValues);
		return parseForm(text);
	}
	const value = parseJsonBody(text, limits);
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw malformed('Request body must be a JSON object');
	}
	return value as IDataObject;
}
