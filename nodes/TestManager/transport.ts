import {
	NodeApiError,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type ILoadOptionsFunctions,
	type JsonObject,
} from 'n8n-workflow';

type Context = IExecuteFunctions | ILoadOptionsFunctions;

/** Test Manager's v2 API lives under `{base}/{organization}/{tenant}/testmanager_`. */
async function apiBaseUrl(context: Context): Promise<string> {
	const credentials = await context.getCredentials('testManagerApi');
	const base = String(credentials.baseUrl).replace(/\/+$/, '');
	const organization = encodeURIComponent(String(credentials.organization));
	const tenant = encodeURIComponent(String(credentials.tenant));
	return `${base}/${organization}/${tenant}/testmanager_`;
}

interface HttpFailure {
	status?: number;
	body?: unknown;
	message?: string;
}

/** Status and response body of a failed request, from the shapes n8n's helpers throw. */
function httpFailureOf(error: unknown): HttpFailure {
	const e = error as {
		httpCode?: string;
		message?: string;
		response?: { status?: number; data?: unknown; body?: unknown };
		cause?: { response?: { status?: number; data?: unknown; body?: unknown }; message?: string };
	};
	const response = e?.response ?? e?.cause?.response;
	const status = response?.status ?? (e?.httpCode ? Number(e.httpCode) : undefined);
	return {
		status: Number.isFinite(status) ? status : undefined,
		body: response?.data ?? response?.body,
		message: e?.cause?.message ?? e?.message,
	};
}

/** The message a Test Manager error body carries (ProblemDetails, `{message}` or plain text). */
export function serverMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim().slice(0, 300) || undefined;
	if (!body || typeof body !== 'object') return undefined;
	const fields = body as IDataObject;
	for (const key of ['message', 'detail', 'title', 'error_description', 'error']) {
		const value = fields[key];
		if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 300);
	}
	return undefined;
}

const HINTS: Record<number, string> = {
	401: 'Check the External Application: client ID, secret and scopes in the UiPath Test Manager API credential',
	403: 'The External Application lacks a scope for this request (e.g. TM.Projects.Read, TM.TestExecutions.Read), or the project is not accessible',
	404: 'Check the organization and tenant in the credential, and the project and test execution IDs',
	429: 'Test Manager is rate limiting requests: try again later',
};

/**
 * A NodeApiError built from the status and the server's message only: the original error holds the request,
 * whose headers carry the bearer token, so it is never passed on.
 */
export function apiError(context: Context, error: unknown): NodeApiError {
	const failure = httpFailureOf(error);
	const fromServer = serverMessage(failure.body);
	const message =
		failure.status !== undefined
			? `UiPath Test Manager answered ${failure.status}${fromServer ? `: ${fromServer}` : ''}`
			: `UiPath Test Manager request failed: ${failure.message ?? 'unknown error'}`;
	const clean: JsonObject = { message };
	if (failure.status !== undefined) clean.httpCode = String(failure.status);
	return new NodeApiError(context.getNode(), clean, {
		message,
		description: failure.status !== undefined ? HINTS[failure.status] : undefined,
		httpCode: failure.status !== undefined ? String(failure.status) : undefined,
	});
}

/** One authenticated request to Test Manager's API; `endpoint` starts with `/api/v2/`. */
export async function testManagerApiRequest(
	this: Context,
	method: IHttpRequestMethods,
	endpoint: string,
	qs: IDataObject = {},
): Promise<unknown> {
	const url = `${await apiBaseUrl(this)}${endpoint}`;
	try {
		return await this.helpers.httpRequestWithAuthentication.call(this, 'testManagerApi', {
			method,
			url,
			qs,
			headers: { Accept: 'application/json' },
			json: true,
		});
	} catch (error) {
		throw apiError(this, error);
	}
}

/** Items of a Test Manager list answer: `{ data: [...] }`, or a bare array. */
function pageItems(response: unknown): IDataObject[] {
	if (Array.isArray(response)) return response as IDataObject[];
	const data = (response as IDataObject | undefined)?.data;
	return Array.isArray(data) ? (data as IDataObject[]) : [];
}

/** The total count of a list answer, when it carries one (`paging.total`, `totalCount` or `total`). */
function pageTotal(response: unknown): number | undefined {
	if (!response || typeof response !== 'object' || Array.isArray(response)) return undefined;
	const answer = response as IDataObject;
	const paging = answer.paging as IDataObject | undefined;
	for (const value of [paging?.total, paging?.totalCount, answer.totalCount, answer.total]) {
		if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
	}
	return undefined;
}

export const PAGE_SIZE = 100;
const MAX_PAGES = 10_000;

/**
 * Reads a paged list (`Top`/`Skip`) until `limit` items, the announced total, or an empty page. A short
 * page does not end the list: the server may cap the page size below what was asked.
 */
export async function testManagerApiRequestAllItems(
	this: Context,
	endpoint: string,
	qs: IDataObject = {},
	limit = Infinity,
): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	const seenIds = new Set<string>();
	for (let page = 0; page < MAX_PAGES && items.length < limit; page++) {
		const top = Math.min(PAGE_SIZE, limit - items.length);
		const response = await testManagerApiRequest.call(this, 'GET', endpoint, {
			...qs,
			Top: top,
			Skip: items.length,
		});
		const batch = pageItems(response);
		const ids = batch.map((item) => item.id).filter((id) => id !== undefined && id !== null);
		// A server that ignores Skip would serve the first page forever: stop at the first page seen twice.
		if (ids.length > 0 && ids.every((id) => seenIds.has(String(id)))) break;
		for (const id of ids) seenIds.add(String(id));
		items.push(...batch.slice(0, top));
		const total = pageTotal(response);
		if (batch.length === 0 || (total !== undefined && items.length >= total)) break;
	}
	return items;
}
