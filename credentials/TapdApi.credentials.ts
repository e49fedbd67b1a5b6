import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeProperties,
} from 'n8n-workflow';

import { parseJson } from '../nodes/shared/http/json';
import { domainRestrictionFields } from '../nodes/shared/http/domainRestriction';
import { plainHttpNotice } from '../nodes/shared/http/plainHttp';
import { redirectSentence, sendWithinOrigin } from '../nodes/shared/http/redirects';

export type TapdAuthType = 'apiAccount' | 'personalAccessToken' | 'appClientCredentials';

/** The API host without a trailing slash; private deployments set their own. */
export function tapdBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const value = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	return (value || 'https://api.tapd.cn').replace(/\/+$/, '');
}

function parseTokenText(text: string): unknown {
	try {
		return parseJson(text);
	} catch {
		throw new Error('TAPD answered the app token request with something other than JSON');
	}
}

/**
 * Reads TAPD's answer to `POST /tokens/request_token`. TAPD wraps it as `{status, data: {access_token,
 * expires_in}, info}`; a bare OAuth-style body is accepted too. Never echoes the token in an error.
 */
export function readTokenResponse(
	body: unknown,
	now = Date.now(),
): { accessToken: string; expiresAt: number } {
	const envelope = (typeof body === 'string' ? parseTokenText(body) : body) as IDataObject | null;
	const data = (
		envelope && typeof envelope.data === 'object' && envelope.data !== null
			? envelope.data
			: envelope
	) as IDataObject | null;
	const token = data?.access_token;
	if (envelope?.status !== undefined && Number(envelope.status) !== 1) {
		throw new Error(
			`TAPD refused the app token request: ${String(envelope.info ?? 'no reason given')}`,
		);
	}
	if (typeof token !== 'string' || token.length === 0) {
		throw new Error('TAPD answered the app token request without an access_token');
	}
	const expiresIn = Number(data?.expires_in);
	const seconds = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 7200;
	return { accessToken: token, expiresAt: now + seconds * 1000 };
}

/** TAPD answered the app token request with an HTTP error: its `info`, never the request. */
export function tokenRequestRefused(statusCode: number, body: unknown): Error {
	const info = body !== null && typeof body === 'object' ? (body as IDataObject).info : undefined;
	return new Error(
		`TAPD refused the app token request (HTTP ${statusCode}${typeof info === 'string' ? `: ${info}` : ''}): check the client ID and secret and that the app is enabled`,
	);
}

export class TapdApi implements ICredentialType {
	name = 'tapdApi';

	displayName = 'TAPD API';

	icon = {
		light: 'file:../nodes/Tapd/tapd.svg',
		dark: 'file:../nodes/Tapd/tapd.dark.svg',
	} as const;

	// DOCUMENTATION_BASE_URL (nodes/shared/documentation.ts): n8n's lint wants the address written out here.
	documentationUrl =
		'https://repository.invalid/n8n-nodes-testops/blob/main/docs/tapd.md#credential-tapd-api-tapdapi';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.tapd.cn',
			required: true,
			description:
				"TAPD's API host: https://api.tapd.cn (the default, used by TAPD's API reference) or https://apiv2.tapd.tencent.com (the newer host, where TAPD documents webhook settings); private deployments enter their own API address. The Test button says which host answered.",
		},
		plainHttpNotice('baseUrl'),
		{
			displayName: 'Web URL',
			name: 'webUrl',
			type: 'string',
			default: 'https://www.tapd.cn',
			description: 'Where people open TAPD in a browser; used for links to bugs in outputs',
		},
		{
			displayName: 'Company ID',
			name: 'companyId',
			type: 'string',
			default: '',
			placeholder: '20003271',
			description:
				"Optional. Your company's ID in TAPD (company_id), which TAPD needs to list the company's workspaces: with it, the nodes let you pick a workspace from a list.",
		},
		{
			displayName: 'Requests per Minute',
			name: 'requestsPerMinute',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60,
			description:
				"This account's TAPD request quota (60 per minute unless TAPD raised it): the nodes pace their requests within it, per n8n process",
		},
		{
			displayName: 'Authentication',
			name: 'authType',
			type: 'options',
			options: [
				{
					name: 'API Account',
					value: 'apiAccount',
					description:
						"The api_user and api_password from TAPD's company management, open platform page",
				},
				{
					name: 'Personal Access Token',
					value: 'personalAccessToken',
					description: 'A personal access token sent as a Bearer token',
				},
				{
					name: 'App Client Credentials',
					value: 'appClientCredentials',
					description:
						"An app's client ID and secret; the node fetches a token and renews it before it expires",
				},
			],
			default: 'apiAccount',
		},
		// Each method's fields are hidden for the other methods rather than shown for their own, and not marked
		// required: n8n 1.x's public API would require or forbid all five together (docs/n8n-versions.md).
		{
			displayName: 'API User',
			name: 'apiUser',
			type: 'string',
			default: '',
			displayOptions: { hide: { authType: ['personalAccessToken', 'appClientCredentials'] } },
		},
		{
			displayName: 'API Password',
			name: 'apiPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { hide: { authType: ['personalAccessToken', 'appClientCredentials'] } },
		},
		{
			displayName: 'Access Token',
			name: 'personalAccessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { hide: { authType: ['apiAccount', 'appClientCredentials'] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			displayOptions: { hide: { authType: ['apiAccount', 'personalAccessToken'] } },
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { hide: { authType: ['apiAccount', 'personalAccessToken'] } },
		},
		// n8n calls preAuthentication whenever this is empty (and on a 401), then stores the result.
		{
			displayName: 'App Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'App Access Token Expires At',
			name: 'expiresAt',
			type: 'hidden',
			default: 0,
		},
		...domainRestrictionFields,
	];

	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		if (credentials.authType !== 'appClientCredentials') return {};
		const send = async (options: IHttpRequestOptions) =>
			// Our own messages: a transport error carries the request, and with it the client secret.
			(await this.helpers.httpRequest(options).catch((error: { code?: unknown }) => {
				const code = typeof error?.code === 'string' ? ` (${error.code})` : '';
				throw new Error(`Could not request a TAPD app token${code}: check the Base URL`);
			})) as IN8nHttpFullResponse;
		// Redirected elsewhere, a 307 would post the client ID and secret there again: refused.
		const response = await sendWithinOrigin(
			send,
			{
				method: 'POST',
				url: `${tapdBaseUrl(credentials)}/tokens/request_token`,
				auth: {
					username: String(credentials.clientId ?? ''),
					password: String(credentials.clientSecret ?? ''),
				},
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: 'grant_type=client_credentials',
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			},
			(redirect) =>
				new Error(
					`TAPD ${redirectSentence(redirect)} when asked for an app token; the client secret was not sent there. Check the Base URL of the TAPD credential.`,
				),
		);
		if (response.statusCode >= 400) throw tokenRequestRefused(response.statusCode, response.body);
		return readTokenResponse(response.body);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers = { ...(requestOptions.headers ?? {}) };
		const authType = (credentials.authType ?? 'apiAccount') as TapdAuthType;
		if (authType === 'apiAccount') {
			const pair = `${String(credentials.apiUser ?? '')}:${String(credentials.apiPassword ?? '')}`;
			headers.Authorization = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
		} else if (authType === 'personalAccessToken') {
			headers.Authorization = `Bearer ${String(credentials.personalAccessToken ?? '')}`;
		} else {
			headers.Authorization = `Bearer ${String(credentials.accessToken ?? '')}`;
		}
		return { ...requestOptions, headers };
	}

	// `/quickstart/testauth` is TAPD's own "does this account work" endpoint; status 0 means refused. A test of
	// this form is all n8n's scanner allows: a test function (testedBy) could only call n8n's deprecated
	// `helpers.request`, which the scanner refuses (CONTRIBUTING.md, "n8n's scanner").
	test: ICredentialTestRequest = {
		request: {
			// A redirect is answered, never followed: it could take the credential to another host.
			disableFollowRedirect: true,
			// axios joins this with the url without doubling a trailing slash
			baseURL: '={{$credentials.baseUrl}}',
			url: '/quickstart/testauth',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 0,
					message:
						'TAPD refused these credentials (status 0): check the account and its API access',
				},
			},
		],
	};
}
