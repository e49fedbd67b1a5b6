import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/** The header the signature or secret travels in unless the credential names another. */
export const DEFAULT_HEADER_NAME = 'X-UiPath-Signature';

/**
 * The secret of a Test Manager WebHook connection. Test Manager's public documentation names the two
 * authentication header types but not the header nor the signature format: both are settings here.
 */
export class TestManagerWebhookApi implements ICredentialType {
	name = 'testManagerWebhookApi';

	displayName = 'UiPath Test Manager Webhook Secret API';

	icon = {
		light: 'file:../nodes/TestManager/testManager.svg',
		dark: 'file:../nodes/TestManager/testManager.dark.svg',
	} as const;

	// REPOSITORY_URL (nodes/shared/documentation.ts): n8n's lint wants the address written out here.
	documentationUrl = 'https://repository.invalid/n8n-nodes-testops#uipath-test-manager-trigger';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication Header Type',
			name: 'authenticationHeaderType',
			type: 'options',
			options: [
				{
					name: 'HMACSHA256',
					value: 'hmacSha256',
					description:
						'The header carries an HMAC-SHA256 of the request body keyed with the secret (hex or base64, with or without a sha256= prefix). The secret never travels, but the signature covers only the body: a captured request can be sent again.',
				},
				{
					name: 'Client Secret',
					value: 'clientSecret',
					description: 'The header carries the secret itself, alone or after "Bearer " or "Basic "',
				},
			],
			default: 'hmacSha256',
			description:
				'Choose the same type as in the WebHook connection in Test Manager (Project Settings > Integration)',
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The Secret of the WebHook connection in Test Manager: a long random value (at least 24 characters, e.g. from `openssl rand -hex 24`), entered in both places',
		},
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			required: true,
			default: DEFAULT_HEADER_NAME,
			description:
				'The request header that carries the signature or the secret. Test Manager does not document it; the default is the header UiPath Orchestrator signs its webhooks with. If deliveries are refused, start n8n with N8N_LOG_LEVEL=debug: the trigger then logs the names (never the values) of the headers it received.',
		},
	];
}
