import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IN8nHttpFullResponse,
	type INode,
	type JsonObject,
} from 'n8n-workflow';

export const CREDENTIAL_TYPE = 'azureDevOpsApi';
export const API_VERSION = '7.1';

/** The credential's API version (Azure DevOps Server speaks older ones), or 7.1. */
function apiVersionOf(value: unknown): string {
	return typeof value === 'string' && /^\d+\.\d+(-preview(\.\d+)?)?$/.test(value.trim())
		? value.trim()
		: API_VERSION;
}

export type ApiContext = IExecuteFunctions | IHookFunctions | ILoadOptionsFunctions;

/** Which PAT scope a request needs, named as Azure DevOps' token dialog names it, for error hints. */
export type Scope = 'serviceHooks' | 'workItems' | 'projects' | 'code' | 'build';

const SCOPE_NAMES: Record<Scope, string> = {
	serviceHooks: 'Service hooks (read and write)',
	workItems: 'Work Items (read and write)',
	projects: 'Project and Team (read)',
	code: 'Code (read)',
	build: 'Build (read)',
};

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path below the organization URL, e.g. `_apis/projects` or `{project}/_apis/wit/wiql`. */
	path: string;
	scope: Scope;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	/** JSON Patch documents need `application/json-patch+json`. */
	contentType?: string;
	/** Answer `undefined` instead of failing when Azure DevOps says 404. */
	allowNotFound?: boolean;
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

/** Encodes a project name or id for use as a path segment. */
export const projectSegment = (project: string): string => encodeURIComponent(project.trim());

function azureMessage(body: unknown): string | undefined {
	if (body && typeof body === 'object' && typeof (body as IDataObject).message === 'string') {
		return (body as IDataObject).message as string;
	}
	return undefined;
}

/**
 * What went wrong and what to do about it, for a failed Azure DevOps call. Never includes request
 * headers or the token; Azure DevOps' own message is quoted where it sent one.
 */
export function describeApiFailure(
	statusCode: number,
	body: unknown,
	scope: Scope,
): { message: string; description: string } {
	const remote = azureMessage(body);
	const scopeName = SCOPE_NAMES[scope];
	if (statusCode === 401 || statusCode === 203) {
		return {
			message: 'Azure DevOps did not accept the personal access token',
			description:
				'Check that the token has not expired or been revoked, that it was created for this organization, and that the Organization URL of the credential is right.',
		};
	}
	if (statusCode === 403) {
		const who =
			scope === 'serviceHooks'
				? ` and make its user a project administrator of the project (by default only project administrators may manage service hooks)`
				: '';
		return {
			message: `Azure DevOps refused the request: ${remote ?? 'access denied'}`,
			description: `Give the personal access token the scope "${scopeName}"${who}.`,
		};
	}
	if (statusCode === 404) {
		return {
			message: `Azure DevOps could not find it: ${remote ?? 'not found'}`,
			description: 'Check the Organization URL of the credential, the project and the id.',
		};
	}
	if (statusCode === 429) {
		return {
			message: 'Azure DevOps is throttling requests from this token',
			description: 'Wait a few minutes and retry, or spread the work over a longer time.',
		};
	}
	if (statusCode === 409 || statusCode === 412) {
		return {
			message: `Azure DevOps refused a conflicting change: ${remote ?? 'conflict'}`,
			description: 'The item changed in the meantime: read it again and retry.',
		};
	}
	return {
		message: `Azure DevOps answered ${statusCode}: ${remote ?? 'no message'}`,
		description:
			statusCode >= 500
				? 'Azure DevOps had a problem; retry later.'
				: `Correct the request as the message says. The token needs the scope "${scopeName}".`,
	};
}

/** Azure DevOps answers a bad token on some routes with 203 and its HTML sign-in page instead of 401. */
function isSignInPage(response: IN8nHttpFullResponse): boolean {
	const type = String(response.headers?.['content-type'] ?? '');
	const ok = response.statusCode >= 200 && response.statusCode < 300;
	return (
		response.statusCode === 203 || (ok && typeof response.body === 'string' && /html/i.test(type))
	);
}

/** JSON bodies arrive parsed, except when Azure DevOps labels them oddly; text that is not JSON stays text. */
function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	if (body.length === 0) return undefined;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return body;
	}
}

/**
 * Sends one request. A failure to connect becomes a NodeApiError built from the error's message and code
 * only: the underlying error carries the request, whose Authorization header holds the token.
 */
async function send(
	context: ApiContext,
	base: string,
	options: IHttpRequestOptions,
): Promise<IN8nHttpFullResponse> {
	try {
		return (await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			options,
		)) as IN8nHttpFullResponse;
	} catch (error) {
		// Message and code only; no `code` key either, or n8n would replace our message with a generic one.
		const { message, code } = error as { message?: unknown; code?: unknown };
		const reason = [code, message].filter((part) => typeof part === 'string' && part).join(': ');
		throw new NodeApiError(
			context.getNode(),
			{ message: reason || 'request failed' },
			{
				message: `Could not reach Azure DevOps at ${base}`,
				description: `${reason || 'The request failed'}. Check the Organization URL of the credential and that n8n can reach it.`,
			},
		);
	}
}

/** Calls the Azure DevOps REST API with the credential, turning failures into helpful NodeApiErrors. */
export async function apiRequest<T = IDataObject>(
	context: ApiContext,
	request: ApiRequest,
): Promise<T> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const base = normalizeOrganizationUrl(context.getNode(), credentials.organizationUrl);
	const response = await send(context, base, {
		method: request.method,
		url: `${base}/${request.path}`,
		qs: { ...request.qs, 'api-version': apiVersionOf(credentials.apiVersion) },
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
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	});

	const { statusCode } = response;
	if (statusCode === 404 && request.allowNotFound) return undefined as T;
	const signIn = isSignInPage(response);
	const body = parseBody(response.body);
	if (statusCode >= 200 && statusCode < 300 && !signIn) return body as T;
	const effectiveStatus = signIn ? 401 : statusCode;
	const { message, description } = describeApiFailure(effectiveStatus, body, request.scope);
	const details = body && typeof body === 'object' ? (body as JsonObject) : {};
	throw new NodeApiError(context.getNode(), details, {
		message,
		description,
		httpCode: String(effectiveStatus),
	});
}
