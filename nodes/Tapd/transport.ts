import {
	NodeApiError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { tapdBaseUrl } from '../../credentials/TapdApi.credentials';
import { parseJson } from '../shared/http/json';

export type TapdContext = IExecuteFunctions | IHookFunctions | ILoadOptionsFunctions;

/** TAPD's largest page (`limit` ≤ 200). */
export const TAPD_PAGE_SIZE = 200;

/** App tokens are renewed this long before TAPD says they expire. */
export const TOKEN_RENEWAL_MARGIN_MS = 5 * 60 * 1000;

/** Parameter values are sent as TAPD expects them: form fields and query strings, no empty values. */
export type TapdParameters = Record<string, string | number | boolean | undefined | null>;

interface FullResponse {
	statusCode: number;
	body: unknown;
}

/** True when an app token is missing or about to expire, so the next call fetches a new one first. */
export function appTokenNeedsRenewal(
	credentials: ICredentialDataDecryptedObject,
	now = Date.now(),
): boolean {
	if (credentials.authType !== 'appClientCredentials') return false;
	if (!credentials.accessToken) return true;
	const expiresAt = Number(credentials.expiresAt);
	return !Number.isFinite(expiresAt) || expiresAt - TOKEN_RENEWAL_MARGIN_MS <= now;
}

function cleanParameters(parameters: TapdParameters): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [key, value] of Object.entries(parameters)) {
		if (value === undefined || value === null || value === '') continue;
		result[key] = String(value);
	}
	return result;
}

/** Reads a TAPD body with the shared reader, so 19-digit ids sent as numbers stay exact. */
function readBody(body: unknown): IDataObject | undefined {
	if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body))
		return body as IDataObject;
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
	try {
		const value = parseJson(text);
		return value !== null && typeof value === 'object' && !Array.isArray(value)
			? (value as IDataObject)
			: undefined;
	} catch {
		return undefined; // an HTML error page from a proxy, for instance
	}
}

/** Builds the NodeApiError for a failed call, carrying TAPD's `info` and never the request. */
export function tapdError(
	context: TapdContext,
	statusCode: number,
	envelope: IDataObject | undefined,
	what: string,
): NodeApiError {
	const info = typeof envelope?.info === 'string' && envelope.info ? envelope.info : undefined;
	const httpCode = statusCode >= 400 ? String(statusCode) : undefined;
	const errorResponse: JsonObject = {
		message: info ?? `HTTP ${statusCode}`,
		status: (envelope?.status as string | number | undefined) ?? null,
		httpCode: httpCode ?? null,
	};
	let message: string;
	let description: string;
	if (statusCode === 429) {
		message = `TAPD's rate limit was reached (HTTP 429) during ${what}`;
		description =
			'TAPD allows about 60 API requests per minute per account and may keep refusing for several minutes (users report up to 30). Wait before retrying, process fewer items per run (Loop Over Items with a Wait node), or ask TAPD to raise the limit for this account.';
	} else if (statusCode === 401) {
		message = `TAPD rejected the credentials (HTTP 401) during ${what}`;
		description =
			'Check the TAPD credential: API account and password, access token or app client ID and secret, and that it may access this workspace.';
	} else if (statusCode === 403) {
		message = `TAPD denied access (HTTP 403) during ${what}`;
		description =
			info ??
			'The account lacks a permission this call needs, e.g. the webhook scope or access to the workspace.';
	} else if (statusCode === 404) {
		message = `TAPD found nothing (HTTP 404) during ${what}`;
		description = info ?? 'Check the workspace ID (项目ID) and the Base URL of the credential.';
	} else if (statusCode >= 400) {
		message = `TAPD answered HTTP ${statusCode} during ${what}${info ? `: ${info}` : ''}`;
		description = info ?? 'TAPD gave no reason.';
	} else {
		message = `TAPD refused ${what}${info ? `: ${info}` : ''}`;
		description =
			info ??
			'TAPD answered with a status other than 1 and no reason. Check the parameters, e.g. the workspace ID.';
	}
	return new NodeApiError(context.getNode(), errorResponse, {
		message,
		description,
		httpCode,
	});
}

async function send(
	context: TapdContext,
	options: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject,
	renewToken: boolean,
): Promise<FullResponse> {
	// An empty token makes n8n run the credential's preAuthentication, which fetches and stores a new one.
	const additional = renewToken
		? {
				credentialsDecrypted: {
					id: '',
					name: '',
					type: 'tapdApi',
					data: { ...credentials, accessToken: '' },
				},
			}
		: undefined;
	return (await context.helpers.httpRequestWithAuthentication.call(
		context,
		'tapdApi',
		options,
		additional,
	)) as FullResponse;
}

/**
 * Calls the TAPD API and returns `data` of its `{status, data, info}` answer. HTTP ≥ 400 or `status` ≠ 1
 * becomes a NodeApiError with TAPD's `info`. App tokens are renewed ahead of expiry and once more on a 401.
 */
export async function tapdApiRequest(
	this: TapdContext,
	method: IHttpRequestMethods,
	path: string,
	query: TapdParameters = {},
	body?: TapdParameters,
): Promise<unknown> {
	const credentials = await this.getCredentials('tapdApi');
	const options: IHttpRequestOptions = {
		method,
		baseURL: tapdBaseUrl(credentials),
		url: path,
		qs: cleanParameters(query),
		headers: { Accept: 'application/json' },
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	if (body) {
		options.headers = { ...options.headers, 'Content-Type': 'application/x-www-form-urlencoded' };
		options.body = new URLSearchParams(cleanParameters(body)).toString();
	}
	let response = await send(this, options, credentials, appTokenNeedsRenewal(credentials));
	if (response.statusCode === 401 && credentials.authType === 'appClientCredentials') {
		response = await send(this, options, credentials, true);
	}
	const envelope = readBody(response.body);
	const what = `${method} ${path}`;
	if (response.statusCode >= 400 || !envelope || Number(envelope.status) !== 1) {
		throw tapdError(this, response.statusCode, envelope, what);
	}
	return envelope.data;
}

/** TAPD wraps each record in its entity name (`{"Bug": {...}}`); this takes it out. */
export function unwrapRecord(entry: unknown, key: string): IDataObject {
	if (entry !== null && typeof entry === 'object' && key in (entry as IDataObject)) {
		return (entry as IDataObject)[key] as IDataObject;
	}
	return (entry ?? {}) as IDataObject;
}

/**
 * Reads every page (200 records each) of a list endpoint, or only as many as `limit` asks for.
 * Stops at the first short page.
 */
export async function tapdApiRequestAllItems(
	this: TapdContext,
	path: string,
	key: string,
	query: TapdParameters,
	limit?: number,
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	for (let page = 1; ; page++) {
		const pageSize = limit === undefined ? TAPD_PAGE_SIZE : Math.min(TAPD_PAGE_SIZE, limit);
		const data = await tapdApiRequest.call(this, 'GET', path, {
			...query,
			limit: pageSize,
			page,
		});
		const entries = Array.isArray(data) ? data : [];
		for (const entry of entries) results.push(unwrapRecord(entry, key));
		if (limit !== undefined && results.length >= limit) return results.slice(0, limit);
		if (entries.length < pageSize) return results;
	}
}

/** `GET <path>/count` → the number. */
export async function tapdCount(
	this: TapdContext,
	path: string,
	query: TapdParameters,
): Promise<number> {
	const data = (await tapdApiRequest.call(this, 'GET', `${path}/count`, query)) as IDataObject;
	return Number(data?.count ?? 0);
}
