import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IN8nHttpFullResponse,
	INodeProperties,
} from 'n8n-workflow';

import { domainRestrictionFields } from '../nodes/shared/http/domainRestriction';
import { plainHttpNotice } from '../nodes/shared/http/plainHttp';
import { redirectSentence, sendWithinOrigin } from '../nodes/shared/http/redirects';

/** What an identity server's error body says, without echoing anything we sent. */
function tokenFailureReason(body: unknown): string {
	if (body && typeof body === 'object') {
		const { error, error_description: description } = body as IDataObject;
		const parts = [error, description].filter((part) => typeof part === 'string' && part);
		if (parts.length > 0) return parts.join(': ');
	}
	return 'no reason given';
}

/** The organization's URL on Automation Cloud or Automation Suite: UiPath Identity and Test Manager live under it. */
export function organizationUrl(credentials: ICredentialDataDecryptedObject): string {
	const base = String(credentials.baseUrl).replace(/\/+$/, '');
	return `${base}/${encodeURIComponent(String(credentials.organization))}`;
}

/**
 * An External Application of UiPath Automation Cloud (or Automation Suite) with application scopes for
 * Test Manager. n8n asks the identity server for a token with the client credentials grant, keeps it in
 * the hidden, expirable `accessToken` field, and asks again when Test Manager answers 401.
 */
export class TestManagerApi implements ICredentialType {
	name = 'testManagerApi';

	displayName = 'UiPath Test Manager API';

	icon = {
		light: 'file:../nodes/TestManager/testManager.svg',
		dark: 'file:../nodes/TestManager/testManager.dark.svg',
	} as const;

	// DOCUMENTATION_BASE_URL (nodes/shared/documentation.ts): n8n's lint wants the address written out here.
	documentationUrl =
		'https://repository.invalid/n8n-nodes-testops/blob/main/docs/test-manager.md#credential-uipath-test-manager-api-testmanagerapi';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: 'https://cloud.uipath.com',
			description:
				'Automation Cloud (https://cloud.uipath.com, or the URL of your region or of Automation Cloud Public Sector), or the URL of your Automation Suite',
		},
		plainHttpNotice('baseUrl'),
		{
			displayName: 'Organization',
			name: 'organization',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'acme',
			description:
				'The organization name as it appears in the URL: https://cloud.uipath.com/<organization>/<tenant>/testmanager_',
		},
		{
			displayName: 'Tenant',
			name: 'tenant',
			type: 'string',
			required: true,
			default: 'DefaultTenant',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			required: true,
			default: '',
			description:
				'App ID of a confidential External Application (Admin > External Applications) with application scopes for Test Manager',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		},
		{
			displayName: 'Scopes',
			name: 'scopes',
			type: 'string',
			required: true,
			default: 'TM.Projects.Read TM.TestExecutions.Read',
			description:
				'Space-separated application scopes granted to the External Application; they must include the read scopes of the data you fetch',
		},
		...domainRestrictionFields,
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		// Redirected elsewhere, a 307 would post the client secret there again: refused.
		const response = await sendWithinOrigin(
			async (options) => (await this.helpers.httpRequest(options)) as IN8nHttpFullResponse,
			{
				method: 'POST',
				url: `${organizationUrl(credentials)}/identity_/connect/token`,
				headers: {
					'Content-Type': 'application/x-www-form-urlencoded',
					Accept: 'application/json',
				},
				body: new URLSearchParams({
					grant_type: 'client_credentials',
					client_id: String(credentials.clientId),
					client_secret: String(credentials.clientSecret),
					scope: String(credentials.scopes ?? '').trim(),
				}).toString(),
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			},
			(redirect) =>
				new Error(
					`UiPath Identity ${redirectSentence(redirect)} when asked for a token; the client secret was not sent there. Check the Base URL and Organization of the credential.`,
				),
		);
		const token = (response.body as IDataObject | undefined)?.access_token;
		if (response.statusCode !== 200 || typeof token !== 'string' || token === '') {
			// A fresh error, so that neither the request (with the client secret) nor its response travels on.
			throw new Error(
				`UiPath Identity refused the token request (HTTP ${response.statusCode}, ${tokenFailureReason(response.body)}). Check the client ID and secret of the External Application and that it was granted the scopes listed in the credential.`,
			);
		}
		return { accessToken: token };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.accessToken}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			// A redirect is answered, never followed: it could take the credential to another host.
			disableFollowRedirect: true,
			baseURL:
				'={{$credentials.baseUrl.replace(/\\/+$/, "")}}/{{encodeURIComponent($credentials.organization)}}/{{encodeURIComponent($credentials.tenant)}}/testmanager_',
			url: '/api/v2/projects',
			qs: { top: 1 },
		},
	};
}
