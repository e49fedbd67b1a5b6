import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import { organizationUrl } from '../../credentials/TestManagerApi.credentials';
import {
	apiError,
	describeFailure,
	secretValues,
	serviceMessage,
	type ServiceAdvice,
} from '../shared/http/apiError';
import type { ApiContext } from '../shared/http/context';
import { repeatedPage, stoppedAfter, tooManyPages } from '../shared/http/paging';
import { sendAuthenticated, type Destination } from '../shared/http/sendAuthenticated';
import { withRetryFacts } from '../shared/http/sendWithRetry';

/**
 * The one way the Test Manager nodes call Test Manager's v2 REST API (docs/contracts/test-manager.md), with
 * the token of the UiPath Test Manager API credential (an External Application's client credentials).
 */

const CREDENTIAL_TYPE = 'testManagerApi';

/** What to tell a user of Test Manager when a call fails. */
export const TEST_MANAGER_ADVICE: ServiceAdvice = {
	service: 'UiPath Test Manager',
	credentials:
		'Check the External Application: client ID, secret and scopes in the UiPath Test Manager API credential',
	permission:
		'The External Application lacks a scope for this request (e.g. TM.Projects.Read, TM.TestExecutions.Read), or the project is not accessible',
	notFound:
		'Check the organization and tenant in the credential, and the project and test execution IDs',
	rateLimit: 'Test Manager is rate limiting requests: try again later',
};

const UNREACHABLE_FIX =
	'Check the Base URL and Organization of the UiPath Test Manager API credential, and the client ID, secret and scopes of its External Application.';

/**
 * Test Manager's v2 API lives under `{base}/{organization}/{tenant}/testmanager_`, which is also where its web
 * pages are (`…/testmanager_/{project prefix}/…`).
 */
export function apiBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const tenant = encodeURIComponent(String(credentials.tenant));
	return `${organizationUrl(credentials)}/${tenant}/testmanager_`;
}

export interface TestManagerRequest {
	method: IHttpRequestMethods;
	/** Starts with `/api/v2/`. */
	path: string;
	qs?: IDataObject;
}

/**
 * The credential as n8n would use it, but with its token emptied, so that n8n asks UiPath Identity for a
 * new one (the credential's `preAuthentication`) and stores it. n8n renews the token by itself only when a
 * request throws a 401; this transport reads every status itself, so it asks for the renewal.
 */
function withNewToken(context: ApiContext, credentials: ICredentialDataDecryptedObject) {
	const stored = context.getNode().credentials?.[CREDENTIAL_TYPE];
	return {
		credentialsDecrypted: {
			id: stored?.id ?? '',
			name: stored?.name ?? '',
			type: CREDENTIAL_TYPE,
			data: { ...credentials, accessToken: '' },
		},
	};
}

/**
 * One authenticated request to Test Manager's API, returning the answer's body. Any status but 2xx becomes
 * a NodeApiError built from the status and Test Manager's message only; a 401 is first retried once with a
 * new token.
 */
export async function testManagerApiRequest(
	context: ApiContext,
	request: TestManagerRequest,
): Promise<unknown> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const base = apiBaseUrl(credentials);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${base}${request.path}`,
		qs: request.qs ?? {},
		headers: { Accept: 'application/json' },
		json: true,
	};
	const destination: Destination = {
		service: TEST_MANAGER_ADVICE.service,
		base,
		fix: UNREACHABLE_FIX,
		secrets: secretValues(credentials, ['clientSecret', 'accessToken']),
	};
	let response: IN8nHttpFullResponse = await sendAuthenticated(
		context,
		CREDENTIAL_TYPE,
		options,
		destination,
	);
	if (response.statusCode === 401) {
		response = await sendAuthenticated(
			context,
			CREDENTIAL_TYPE,
			options,
			destination,
			withNewToken(context, credentials),
		);
	}
	const status = response.statusCode;
	if (status >= 200 && status < 300) return response.body;
	const text = describeFailure(
		TEST_MANAGER_ADVICE,
		status,
		serviceMessage(response.body),
		`${request.method} ${request.path}`,
	);
	throw withRetryFacts(apiError(context.getNode(), status, text), response);
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

/** A list read in full stops with an error beyond this many pages (100,000 items). */
export const MAX_PAGES = 1000;

export interface ListOptions {
	/** At most this many items (all when `undefined`). */
	limit?: number;
	/** Stops reading once this answers true for an item read (e.g. the project looked for). */
	until?: (item: IDataObject) => boolean;
	/** At most this many pages; more is an error that says how far the list got. */
	maxPages?: number;
}

/**
 * Reads a paged list (`Top`/`Skip`) until `limit` items, `until` is met, the announced total, or an empty page.
 * A short page does not end the list: the server may cap the page size below what was asked. A page that
 * repeats an item already read (a server that ignores `Skip`) and a list longer than `maxPages` end with an
 * error; a failure part way says how far the list got.
 */
export async function testManagerApiRequestAllItems(
	context: ApiContext,
	request: Omit<TestManagerRequest, 'method'>,
	limitOrOptions: number | ListOptions = {},
): Promise<IDataObject[]> {
	const options = typeof limitOrOptions === 'number' ? { limit: limitOrOptions } : limitOrOptions;
	const limit = options.limit ?? Infinity;
	const maxPages = options.maxPages ?? MAX_PAGES;
	const items: IDataObject[] = [];
	const seenIds = new Set<string>();
	for (let page = 0; items.length < limit; page++) {
		if (page >= maxPages)
			throw tooManyPages(context.getNode(), 'UiPath Test Manager', maxPages, items.length);
		const top = Math.min(PAGE_SIZE, limit - items.length);
		const response = await testManagerApiRequest(context, {
			method: 'GET',
			path: request.path,
			qs: { ...request.qs, Top: top, Skip: items.length },
		}).catch((error: unknown) => {
			throw stoppedAfter(error, items.length, page);
		});
		const batch = pageItems(response).slice(0, top);
		for (const item of batch) {
			const id = item.id === undefined || item.id === null ? '' : String(item.id);
			if (id !== '' && seenIds.has(id)) {
				throw repeatedPage(context.getNode(), 'UiPath Test Manager', page + 1, items.length);
			}
			if (id !== '') seenIds.add(id);
			items.push(item);
			if (options.until?.(item)) return items;
		}
		const total = pageTotal(response);
		if (batch.length === 0 || (total !== undefined && items.length >= total)) break;
	}
	return items;
}
