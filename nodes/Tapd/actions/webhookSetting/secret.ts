import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { weakSecretReason } from '../../../shared/webhook/secrets';
import type { TapdParameters } from '../../transport';

/**
 * The secret and the app gateway token of a webhook setting come from a TAPD Webhook Secret credential,
 * never from node parameters, which n8n copies into executions, workflow history and exports. It is the
 * credential the TAPD Trigger checks deliveries with in manual registration.
 */

export const WEBHOOK_SECRET_CREDENTIAL = 'tapdWebhookApi';

/** The switch that shows the credential; one name for Create and Update (the credential's display options use it). */
const SWITCH_NAME = 'secretFromCredential';

export const secretFromCredentialProperties: Record<'create' | 'update', INodeProperties> = {
	create: {
		displayName: 'Secret From Credential',
		name: SWITCH_NAME,
		type: 'boolean',
		default: true,
		description:
			'Whether TAPD sends the secret of a TAPD Webhook Secret credential back in every delivery (and its RIO token, when set). A TAPD Trigger with manual registration checks deliveries against the same credential.',
	},
	update: {
		displayName: 'Set Secret From Credential',
		name: SWITCH_NAME,
		type: 'boolean',
		default: false,
		description:
			'Whether to replace the secret (and RIO token, when set) of the setting with those of a TAPD Webhook Secret credential',
	},
};

/**
 * `secret` and `rio_token` for TAPD, from the credential when the item's switch is on; its secret must be
 * strong (what the trigger insists on when it is published).
 */
export async function secretFields(
	context: IExecuteFunctions,
	itemIndex: number,
): Promise<TapdParameters> {
	if (context.getNodeParameter(SWITCH_NAME, itemIndex, false) !== true) return {};
	const credentials = await context.getCredentials(WEBHOOK_SECRET_CREDENTIAL, itemIndex);
	const problem = weakSecretReason(credentials.secret);
	if (problem) {
		throw new NodeOperationError(
			context.getNode(),
			`${problem}: fix it in the TAPD Webhook Secret credential`,
			{
				itemIndex,
			},
		);
	}
	const rioToken = typeof credentials.rioToken === 'string' ? credentials.rioToken.trim() : '';
	return { secret: credentials.secret as string, ...(rioToken ? { rio_token: rioToken } : {}) };
}
