import type { IWebhookFunctions } from 'n8n-workflow';

import { matchesDigest } from '../../shared/webhook/auth';
import { matchesPastedSecret, type PastedUrlSecret } from '../../shared/webhook/pastedUrl';
import type { StoredSetting } from './setting';

/**
 * How a TAPD delivery proves where it comes from: the shared secret (验证密码) TAPD sends inside the body
 * (docs/contracts/tapd.md, "Webhook deliveries").
 */

/** Manual registration: the secret the user pasted into TAPD lives in a credential, never in a parameter. */
export const PASTED_SECRET: PastedUrlSecret = {
	credential: 'tapdWebhookApi',
	field: 'secret',
	whereToFix: 'set a longer secret in the TAPD Webhook Secret credential and the same value in TAPD',
};

/**
 * Whether a delivery's secret is the trigger's: the credential's in manual mode, or in automatic mode the
 * one whose digest publishing kept (no credential is read then).
 */
export async function isTriggerSecret(
	context: IWebhookFunctions,
	received: string,
	manual: boolean,
): Promise<boolean> {
	if (manual) return await matchesPastedSecret(context, received, PASTED_SECRET);
	const stored = context.getWorkflowStaticData('node') as StoredSetting;
	return matchesDigest(received, stored.secretDigest);
}
