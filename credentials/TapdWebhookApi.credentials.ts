import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The shared secret (验证密码) of a TAPD webhook: TAPD sends it back inside every delivery. The TAPD Trigger
 * checks deliveries with it in manual registration; the TAPD node's Webhook Setting → Create and Update send it
 * (and the optional RIO token of TAPD's app gateway) to TAPD. Kept here, encrypted, rather than in node
 * parameters, which n8n copies into every execution, the workflow's history and its exports.
 */
export class TapdWebhookApi implements ICredentialType {
	name = 'tapdWebhookApi';

	displayName = 'TAPD Webhook Secret API';

	icon = {
		light: 'file:../nodes/Tapd/tapd.svg',
		dark: 'file:../nodes/Tapd/tapd.dark.svg',
	} as const;

	// DOCUMENTATION_BASE_URL (nodes/shared/documentation.ts): n8n's lint wants the address written out here.
	documentationUrl =
		'https://repository.invalid/n8n-nodes-testops/blob/main/docs/tapd.md#manual-registration';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The secret you enter in the TAPD webhook: a long random value (24 to 256 characters, e.g. from `openssl rand -hex 24`)',
		},
		{
			displayName: 'RIO Token',
			name: 'rioToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Optional. Only for TAPD apps behind TAPD's app gateway: the TAPD node sends it as rio_token when it creates or updates a webhook setting. The TAPD Trigger does not use it.",
		},
	];
}
