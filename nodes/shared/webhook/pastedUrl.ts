import type { IHookFunctions } from 'n8n-workflow';

import { forgetRecentDeliveries } from './repeats';
import { assertStrongSecret } from './secrets';

/**
 * The lifecycle of a trigger whose URL the user pastes into the sending system (no API registers it):
 * nothing to look up, so publishing only checks the shared secret, and unpublishing forgets the trigger's
 * recent deliveries.
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
		forgetRecentDeliveries(context.getWorkflow().id, context.getNode().id);
		return true;
	},
};
