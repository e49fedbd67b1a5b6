import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { domainRestrictionFields } from '../nodes/shared/http/domainRestriction';
import { plainHttpNotice } from '../nodes/shared/http/plainHttp';

/**
 * An Azure DevOps organization (or Azure DevOps Server collection) and a personal access token, sent as the
 * password of Basic authentication with an empty user name, as Azure DevOps documents for PATs.
 */
export class AzureDevOpsApi implements ICredentialType {
	name = 'azureDevOpsApi';

	displayName = 'Azure DevOps API';

	icon = {
		light: 'file:../nodes/AzureDevOps/azureDevOps.svg',
		dark: 'file:../nodes/AzureDevOps/azureDevOps.dark.svg',
	} as const;

	// DOCUMENTATION_BASE_URL (nodes/shared/documentation.ts): n8n's lint wants the address written out here.
	documentationUrl =
		'https://repository.invalid/n8n-nodes-testops/blob/main/docs/azure-devops.md#credential-azure-devops-api-azuredevopsapi';

	properties: INodeProperties[] = [
		{
			displayName: 'Organization URL',
			name: 'organizationUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://dev.azure.com/my-organization',
			description:
				'Your organization (https://dev.azure.com/{organization}) or, for Azure DevOps Server, the collection URL (https://server/tfs/DefaultCollection)',
		},
		plainHttpNotice('organizationUrl'),
		{
			displayName: 'Personal Access Token',
			name: 'personalAccessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Scopes: "Work Items (read and write)" for the Azure DevOps node; "Service hooks (read and write)" and "Project and Team (read)" for the trigger, whose user must also be a project collection administrator or an organization owner',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: '7.1',
			description:
				'REST API version sent with every request. Keep 7.1 for Azure DevOps Services; for Azure DevOps Server use the version it supports (2022: 7.0, 2020: 6.0).',
		},
		{
			displayName: 'Allow Local Webhook URLs (Testing Only)',
			name: 'allowLocalWebhookUrls',
			type: 'boolean',
			default: false,
			description:
				'Whether the Azure DevOps Trigger may register a webhook URL that Azure DevOps itself refuses (localhost, private or other special-range addresses, plain HTTP). Only for test set-ups that stand in for Azure DevOps on the same machine; leave off otherwise.',
		},
		...domainRestrictionFields,
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: { username: '', password: '={{$credentials.personalAccessToken}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			// A redirect is answered, never followed: it could take the credential to another host.
			disableFollowRedirect: true,
			baseURL: '={{$credentials.organizationUrl.trim().replace(/\\/+$/, "")}}',
			url: '/_apis/projects',
			qs: { 'api-version': '={{$credentials.apiVersion || "7.1"}}', $top: 1 },
		},
	};
}
