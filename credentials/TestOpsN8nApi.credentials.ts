import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { domainRestrictionFields } from '../nodes/shared/http/domainRestriction';

/**
 * An API key of n8n's public API, for the TAPD and Azure DevOps nodes' Check Webhooks operation: it reads
 * which published workflows expect a registration and publishes again those whose registration is missing.
 */
export class TestOpsN8nApi implements ICredentialType {
	name = 'testOpsN8nApi';

	displayName = 'TestOps Check Webhooks API';

	icon = {
		light: 'file:testOpsN8nApi.svg',
		dark: 'file:testOpsN8nApi.dark.svg',
	} as const;

	// DOCUMENTATION_BASE_URL (nodes/shared/documentation.ts): n8n's lint wants the address written out here.
	documentationUrl =
		'https://repository.invalid/n8n-nodes-testops/blob/main/docs/operations.md#check-webhooks';

	properties: INodeProperties[] = [
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://n8n.example.com/api/v1',
			description: "This n8n's public API: its address followed by /api/v1",
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Created under Settings > n8n API. Check Webhooks needs the scopes workflow:list and workflow:read, and workflow:activate and workflow:deactivate to publish workflows again.',
		},
		...domainRestrictionFields,
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'X-N8N-API-KEY': '={{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			// A redirect is answered, never followed: it could take the credential to another host.
			disableFollowRedirect: true,
			baseURL: '={{$credentials.apiUrl.trim().replace(/\\/+$/, "")}}',
			url: '/workflows',
			qs: { limit: 1 },
		},
	};
}
