import { createHash } from 'node:crypto';

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';

import { tapdBaseUrl } from '../../credentials/TapdApi.credentials';
import {
	apiError,
	describeFailure,
	secretValues,
	serviceMessage,
	type FailureText,
	type ServiceAdvice,
} from '../shared/http/apiError';
import type { ApiContext } from '../shared/http/context';
import { parseJson } from '../shared/http/json';
import { forgetKpisOf } from '../shared/kpiCache';
import { sendAuthenticated } from '../shared/http/sendAuthenticated';
import { withRetryFacts, type RetryOptions } from '../shared/http/sendWithRetry';

/**
 * The one way the TAPD nodes call TAPD's open API (docs/contracts/tapd.md, "API basics"): every answer is an
 * envelope `{status, data, info}`, and TAPD refuses a call either with an HTTP status or with HTTP 200 and
 * `status` ≠ 1 (its reason in `info`).
 */

/** TAPD's largest page (`limit` ≤ 200). */
export const TAPD_PAGE_SIZE = 200;

/** App tokens are renewed this long before TAPD says they expire. */
export const TOKEN_RENEWAL_MARGIN_MS = 5 * 60 * 1000;

/** Parameter values are sent as TAPD expects them: form fields and query strings, no empty values. */
export type TapdParameters = Record<string, string | number | boolean | undefined | null>;

export interface TapdRequest {
	method?: IHttpRequestMethods;
	path: string;
	qs?: TapdParameters;
	/** Sent as a form (`application/x-www-form-urlencoded`), as TAPD's write endpoints expect. */
	body?: TapdParameters;
}

export interface TapdListRequest {
	path: string;
	/** The wrapper of each record in TAPD's answers, e.g. `Bug` for `{"Bug": {...}}`. */
	recordKey: string;
	qs?: TapdParameters;
}

/** What to tell a TAPD user about a refused call. */
export const TAPD_ADVICE: ServiceAdvice = {
	service: 'TAPD',
	credentials:
		'Check the TAPD credential: API account and password, access token or app client ID and secret, and that it may access this workspace.',
	permission:
		'The account lacks a permission this call needs, e.g. the webhook scope (app scope webhook) or access to the workspace.',
	notFound: 'Check the workspace ID and the Base URL of the credential.',
	rateLimit:
		'TAPD allows about 60 API requests per minute per account and may keep refusing for several minutes (users report up to 30). Wait before retrying, process fewer items per run (Loop Over Items with a Wait node), or ask TAPD to raise the limit for this account.',
};

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

function cleanParameters(parameters: TapdParameters = {}): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [key, value] of Object.entries(parameters)) {
		if (value === undefined || value === null || value === '') continue;
		result[key] = String(value);
	}
	return result;
}

/** Reads a TAPD body with the shared reader, so 19-digit ids sent as numbers stay exact. */
function readEnvelope(body: unknown): IDataObject | undefined {
	if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body)) {
		return body as IDataObject;
	}
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

/** HTTP 200 with `status` ≠ 1: TAPD refused the call and says why in `info`. */
function refusal(what: string, info: string | undefined): FailureText {
	return {
		message: `TAPD refused ${what}${info ? `: ${info}` : ''}`,
		description: info
			? 'TAPD answered with a status other than 1. Check the parameters, e.g. the workspace ID.'
			: 'TAPD answered with a status other than 1 and no reason. Check the parameters, e.g. the workspace ID.',
	};
}

/** The fields of the `tapdApi` credential that authenticate: never part of an error. */
const SECRET_FIELDS = ['apiPassword', 'personalAccessToken', 'clientSecret', 'accessToken'];

/** What identifies the account whose defect KPIs are cached (shared/kpiCache.ts): digested, never kept. */
export const kpiIdentity = (credentials: ICredentialDataDecryptedObject): unknown[] => [
	tapdBaseUrl(credentials),
	credentials.authType,
	credentials.apiUser,
	credentials.apiPassword,
	credentials.personalAccessToken,
	credentials.clientId,
];

/** TAPD's default quota per account (docs/contracts/tapd.md, "Rate limits"). */
export const DEFAULT_REQUESTS_PER_MINUTE = 60;

/**
 * The account's quota, for the retry policy to pace its requests within: keyed by the account (a digest of
 * the base URL and who signs in, never the secret), so that two accounts do not share one.
 */
export function quotaOf(credentials: ICredentialDataDecryptedObject): RetryOptions {
	const who = [
		credentials.authType,
		credentials.apiUser,
		credentials.clientId,
		credentials.personalAccessToken,
	];
	const account = createHash('sha256')
		.update(JSON.stringify([tapdBaseUrl(credentials), ...who]))
		.digest('hex');
	const perMinute = Number(credentials.requestsPerMinute);
	return {
		limitKey: `tapd:${account}`,
		perMinute:
			Number.isFinite(perMinute) && perMinute >= 1 ? perMinute : DEFAULT_REQUESTS_PER_MINUTE,
	};
}

/**
 * Sends one request with the `tapdApi` credential. For an app, an empty token makes n8n run the credential's
 * preAuthentication, which fetches and stores a new one.
 */
async function send(
	context: ApiContext,
	options: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject,
	renewToken: boolean,
): Promise<IN8nHttpFullResponse> {
	const renewal = renewToken
		? {
				credentialsDecrypted: {
					id: '',
					name: '',
					type: 'tapdApi',
					data: { ...credentials, accessToken: '' },
				},
			}
		: undefined;
	return await sendAuthenticated(
		context,
		'tapdApi',
		options,
		{
			service: 'TAPD',
			base: String(options.baseURL),
			fix: 'Check the Base URL of the TAPD credential and that n8n can reach it.',
			secrets: secretValues(credentials, SECRET_FIELDS),
			retry: quotaOf(credentials),
		},
		renewal,
	);
}

/**
 * Calls the TAPD API and returns `data` of its answer. An HTTP error or `status` ≠ 1 becomes a NodeApiError
 * with TAPD's `info`, never the request. App tokens are renewed ahead of expiry and once more on a 401.
 */
export async function tapdApiRequest(context: ApiContext, request: TapdRequest): Promise<unknown> {
	const method = request.method ?? 'GET';
	const credentials = await context.getCredentials('tapdApi');
	const options: IHttpRequestOptions = {
		method,
		baseURL: tapdBaseUrl(credentials),
		url: request.path,
		qs: cleanParameters(request.qs),
		headers: { Accept: 'application/json' },
		encoding: 'text',
		json: false,
	};
	if (request.body) {
		options.headers = { ...options.headers, 'Content-Type': 'application/x-www-form-urlencoded' };
		options.body = new URLSearchParams(cleanParameters(request.body)).toString();
	}
	let response = await send(context, options, credentials, appTokenNeedsRenewal(credentials));
	if (response.statusCode === 401 && credentials.authType === 'appClientCredentials') {
		response = await send(context, options, credentials, true);
	}

	const envelope = readEnvelope(response.body);
	if (response.statusCode < 400 && envelope && Number(envelope.status) === 1) {
		// A write changes what the defect KPIs count.
		if (method !== 'GET') forgetKpisOf('tapdApi', kpiIdentity(credentials));
		return envelope.data;
	}

	const what = `${method} ${request.path}`;
	const info = serviceMessage(envelope ?? response.body);
	const answer: JsonObject = { status: (envelope?.status as string | number) ?? null };
	if (info) answer.info = info;
	if (response.statusCode >= 400) {
		const text = describeFailure(TAPD_ADVICE, response.statusCode, info, what);
		throw withRetryFacts(apiError(context.getNode(), response.statusCode, text, answer), response);
	}
	throw apiError(context.getNode(), undefined, refusal(what, info), answer);
}

/** TAPD wraps each record in its entity name (`{"Bug": {...}}`); this takes it out. */
export function unwrapRecord(entry: unknown, key: string): IDataObject {
	if (entry !== null && typeof entry === 'object' && key in (entry as IDataObject)) {
		return (entry as IDataObject)[key] as IDataObject;
	}
	return (entry ?? {}) as IDataObject;
}

/** `GET <path>/count` → the number of records that match `qs`. */
export async function tapdApiCount(
	context: ApiContext,
	request: { path: string; qs?: TapdParameters },
): Promise<number> {
	const data = (await tapdApiRequest(context, {
		path: `${request.path}/count`,
		qs: request.qs,
	})) as IDataObject | null;
	return Number(data?.count ?? 0);
}
