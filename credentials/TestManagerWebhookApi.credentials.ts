import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The secret of a Test Manager WebHook connection. The Authentication Header Type and the header name are
 * parameters of the trigger, not of this credential, so that the trigger can refuse a request whose header is
 * missing or malformed before it reads the credential (docs/performance.md).
 */
export class TestManagerWebhookApi implements ICredentialType {
	name = 'testManagerWebhookApi';

	displayName = 'UiPath Test Manager Webhook Secret API';

	icon = {
		light: 'file:../nodes/TestManager/testManager.svg',
		dark: 'file:../nodes/TestManager/testManager.dark.svg',
	} as const;

	// DOCUMENTATION_BASE_URL (nodes/shared/documentation.ts): n8n's lint wants the address written out here.
	documentationUrl =
		'https://repository.invalid/n8n-nodes-testops/blob/main/docs/test-manager.md#uipath-test-manager-trigger';

	properties: INodeProperties[] = [
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
	];
}
