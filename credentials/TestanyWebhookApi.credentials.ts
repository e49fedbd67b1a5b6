import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/** The shared token that proves a delivery comes from your Testany (Testany signs nothing). */
export class TestanyWebhookApi implements ICredentialType {
	name = 'testanyWebhookApi';

	displayName = 'Testany Webhook Token API';

	icon = {
		light: 'file:../nodes/Testany/testany.svg',
		dark: 'file:../nodes/Testany/testany.dark.svg',
	} as const;

	// DOCUMENTATION_BASE_URL (nodes/shared/documentation.ts): n8n's lint wants the address written out here.
	documentationUrl =
		'https://repository.invalid/n8n-nodes-testops/blob/main/docs/testany.md#set-up';

	properties: INodeProperties[] = [
		{
			displayName: 'Token',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'A long random value (at least 24 characters, e.g. from `openssl rand -hex 24`). Append it to the webhook URL you give Testany as `?token=…`, or send it in the `X-Testany-Token` header.',
		},
	];
}
