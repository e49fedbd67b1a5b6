import type { PastedUrlSecret } from '../../shared/webhook/pastedUrl';

/**
 * How a Testany notification proves where it comes from: Testany signs nothing, so the token of the
 * credential, pasted into Testany with the receiver's URL, travels with every delivery (docs/contracts/testany.md).
 */

/** Where the token travels: the `token` query parameter Testany keeps with the URL, or this header. */
export const TOKEN_HEADER = 'x-testany-token';
export const TOKEN_QUERY_PARAMETER = 'token';

/** The secret the user pasted into Testany lives in a credential, never in a parameter. */
export const PASTED_SECRET: PastedUrlSecret = {
	credential: 'testanyWebhookApi',
	field: 'secret',
	whereToFix: 'set a longer token in the Testany Webhook Token credential',
};
