import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { secretsEqual } from './auth';
import { forgetTestDeliveries } from './repeats';
import { assertStrongSecret, usableSecret } from './secrets';

/**
 * The lifecycle of a trigger whose URL the user pastes into the sending system (no API registers it):
 * nothing to look up, so publishing only checks the shared secret, and `delete()` (unpublishing, or the end
 * of a test session) forgets the trigger's test deliveries.
 */
export const pastedUrl = {
	/** Always `false`, so that n8n calls `create()` and the secret is checked at every publish. */
	exists(): boolean {
		return false;
	},

	/** Stops publication while the secret is too weak, saying where to fix it. */
	publish(context: IHookFunctions, secret: unknown, whereToFix: string): boolean {
		assertStrongSecret(context, secret, whereToFix);
		return true;
	},

	unpublish(context: IHookFunctions): boolean {
		forgetTestDeliveries(context.getWorkflow().id, context.getNode().id);
		return true;
	},
};

/** Where a pasted-URL trigger keeps its shared secret, and what to tell the user when it is too weak. */
export interface PastedUrlSecret {
	credential: string;
	field: string;
	whereToFix: string;
}

/** The complete `webhookMethods.default` of a trigger whose URL the user pastes and whose secret is a credential field. */
export function pastedUrlWebhookMethods(secret: PastedUrlSecret) {
	return {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			return pastedUrl.exists();
		},
		async create(this: IHookFunctions): Promise<boolean> {
			const credentials = await this.getCredentials(secret.credential);
			return pastedUrl.publish(this, credentials[secret.field], secret.whereToFix);
		},
		async delete(this: IHookFunctions): Promise<boolean> {
			return pastedUrl.unpublish(this);
		},
	};
}

/**
 * Whether a delivery carries the pasted secret. The caller has already refused a missing or implausible
 * value without reading the credential; here the credential is read once. Its strength was judged when
 * publishing (and by the credential's test), not here: a delivery only needs it set and of a sane length.
 */
export async function matchesPastedSecret(
	context: IWebhookFunctions,
	received: string,
	secret: Pick<PastedUrlSecret, 'credential' | 'field'>,
): Promise<boolean> {
	const expected = (await context.getCredentials(secret.credential))[secret.field];
	return usableSecret(expected) && secretsEqual(received, expected);
}
