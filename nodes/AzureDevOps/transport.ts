import {
	NodeOperationError,
	type IDataObject,
	type IHttpRequestMethods,
	type IN8nHttpFullResponse,
	type INode,
	type JsonObject,
} from 'n8n-workflow';

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
import { withRetryFacts } from '../shared/http/sendWithRetry';

export const CREDENTIAL_TYPE = 'azureDevOpsApi';
export const API_VERSION = '7.1';

/** The credential's API version (Azure DevOps Server speaks older ones), or 7.1. */
function apiVersionOf(value: unknown): string {
	return typeof value === 'string' && /^\d+\.\d+(-preview(\.\d+)?)?$/.test(value.trim())
		? value.trim()
		: API_VERSION;
}

/** Which PAT scope a request needs, named as Azure DevOps' token dialog names it, for error hints. */
export type Scope = 'serviceHooks' | 'workItems' | 'projects' | 'code' | 'build' | 'analytics';

const SCOPE_NAMES: Record<Scope, string> = {
	analytics: 'Analytics (read)',
	serviceHooks: 'Service hooks (read and write)',
	workItems: 'Work Items (read and write)',
	projects: 'Project and Team (read)',
	code: 'Code (read)',
	build: 'Build (read)',
};

export interface AzureDevOpsRequest {
	method: IHttpRequestMethods;
	/** Path below the organization URL, e.g. `_apis/projects` or `{project}/_apis/wit/wiql`. */
	path: string;
	/**
	 * A whole URL instead (Analytics' OData service, on a host of its own for Azure DevOps Services), sent
	 * without `api-version`; `path` then names the call in messages.
	 */
	url?: string;
	scope: Scope;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	/** JSON Patch documents need `application/json-patch+json`. */
	contentType?: string;
	/** Answer `undefined` instead of failing when Azure DevOps says 404. */
	allowNotFound?: boolean;
	/** A POST that only reads (WIQL, work item batch) may be sent again after a 5xx (retry policy). */
	repeatable?: boolean;
}

/** The organization URL without trailing slashes; refuses anything that is not an http(s) URL. */
export function normalizeOrganizationUrl(node: INode, value: unknown): string {
	const text = typeof value === 'string' ? value.trim().replace(/\/+$/, '') : '';
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
		throw new NodeOperationError(
			node,
			'The Organization URL of the Azure DevOps credential is not a URL',
			{
				description:
					'Enter https://dev.azure.com/{organization} or, for Azure DevOps Server, the collection URL such as https://server/tfs/DefaultCollection.',
			},
		);
	}
	return text;
}

/** What identifies the account whose defect KPIs are cached (shared/kpiCache.ts): digested, never kept. */
export const kpiIdentity = (credentials: IDataObject): unknown[] => [
	credentials.organizationUrl,
	credentials.personalAccessToken,
];

/**
 * Encodes a project name or id for use as a path segment. `.` and `..` would stay as they are and move the
 * request to another path of the organization (`{org}/../…`): no project has such a name, so they are refused.
 */
export function projectSegment(project: string): string {
	const name = project.trim();
	if (name === '.' || name === '..') {
		throw new Error(
			`"${name}" is not an Azure DevOps project: choose the project from the list, or enter its name or ID`,
		);
	}
	return encodeURIComponent(name);
}

/** A project as a locator gives it: a name taken from a web address arrives percent-encoded. */
export function projectName(value: string): string {
	if (!/%[0-9a-f]{2}/i.test(value)) return value.trim();
	try {
		return decodeURIComponent(value).trim();
	} catch {
		return value.trim();
	}
}

/** A changed item: Azure DevOps' own words for a failed revision test or a conflicting edit. */
const conflict = (fromService?: string): FailureText => ({
	message: `Azure DevOps refused a conflicting change: ${fromService ?? 'conflict'}`,
	description: 'The item changed in the meantime: read it again and retry.',
});

/** What to tell the user of a failed call that needed `scope`. */
export function azureDevOpsAdvice(scope: Scope): ServiceAdvice {
	const administrators =
		scope === 'serviceHooks'
			? ' and make its user a member of Project Collection Administrators or an organization owner (only they may manage service-hook subscriptions)'
			: '';
	return {
		service: 'Azure DevOps',
		credentials:
			'Check that the personal access token has not expired or been revoked, that it was created for this organization, and that the Organization URL of the credential is right.',
		permission: `Give the personal access token the scope "${SCOPE_NAMES[scope]}"${administrators}.`,
		notFound: 'Check the Organization URL of the credential, the project and the id.',
		rateLimit: 'Wait a few minutes and retry, or spread the work over a longer time.',
		byStatus: { 409: conflict, 412: conflict },
	};
}

/**
 * Azure DevOps answers a bad token on some routes with 203 and its HTML sign-in page instead of 401
 * (docs/contracts/azure-devops.md): such an answer is a 401.
 */
function isSignInPage(response: IN8nHttpFullResponse): boolean {
	const type = String(response.headers?.['content-type'] ?? '');
	const ok = response.statusCode >= 200 && response.statusCode < 300;
	return (
		response.statusCode === 203 || (ok && typeof response.body === 'string' && /html/i.test(type))
	);
}

/** JSON bodies arrive parsed, except when sent as text (JSON Patch answers); text that is not JSON stays text. */
function readBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	if (body.length === 0) return undefined;
	try {
		return parseJson(body);
	} catch {
		return body;
	}
}

/**
 * Calls the Azure DevOps REST API with the credential. A failed call becomes a NodeApiError in the user's
 * words, built from the status and Azure DevOps' message only: never the request, whose Authorization
 * header holds the token.
 */
export async function azureDevOpsApiRequest<T = IDataObject>(
	context: ApiContext,
	request: AzureDevOpsRequest,
): Promise<T> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const base = normalizeOrganizationUrl(context.getNode(), credentials.organizationUrl);
	const response = await sendAuthenticated(
		context,
		CREDENTIAL_TYPE,
		{
			method: request.method,
			url: request.url ?? `${base}/${request.path}`,
			qs: request.url
				? request.qs
				: { ...request.qs, 'api-version': apiVersionOf(credentials.apiVersion) },
			headers: {
				Accept: 'application/json',
				...(request.contentType ? { 'Content-Type': request.contentType } : {}),
			},
			// JSON Patch bodies are sent as text so that their content type is kept exactly.
			body:
				request.body === undefined
					? undefined
					: request.contentType
						? JSON.stringify(request.body)
						: (request.body as IDataObject),
			json: request.contentType === undefined,
		},
		{
			service: 'Azure DevOps',
			// Analytics of Azure DevOps Services answers on a host of its own (api/analytics.ts).
			base: request.url ? new URL(request.url).origin : base,
			fix: 'Check the Organization URL of the credential and that n8n can reach it.',
			secrets: secretValues(credentials, ['personalAccessToken']),
			retry: request.repeatable === undefined ? undefined : { repeatable: request.repeatable },
		},
	);

	const { statusCode } = response;
	if (statusCode === 404 && request.allowNotFound) return undefined as T;
	const signIn = isSignInPage(response);
	const body = readBody(response.body);
	if (statusCode >= 200 && statusCode < 300 && !signIn) {
		// A write (not a read sent as POST) changes what the defect KPIs count.
		if (request.method !== 'GET' && !request.repeatable)
			forgetKpisOf(CREDENTIAL_TYPE, kpiIdentity(credentials));
		return body as T;
	}
	const status = signIn ? 401 : statusCode;
	const text = describeFailure(
		azureDevOpsAdvice(request.scope),
		status,
		signIn ? undefined : serviceMessage(body),
		`${request.method} /${request.path}`,
	);
	const details = body && typeof body === 'object' ? (body as JsonObject) : {};
	throw withRetryFacts(apiError(context.getNode(), status, text, details), response);
}
