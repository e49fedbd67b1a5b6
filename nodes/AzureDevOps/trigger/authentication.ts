import { basicAuthMatches, matchesDigest } from '../../shared/webhook/auth';
import { headerValue, type RequestHeaders } from '../../shared/webhook/request';
import { DELIVERY_HEADER_NAME, type SubscriptionState } from './subscription';

/**
 * Whether a delivery carries the Basic credentials and the secret header of the trigger's subscription,
 * checked against the digests publishing kept. Both checks always run, in constant time; an unpublished
 * trigger (no digests) accepts nothing.
 */
export function isAuthenticDelivery(headers: RequestHeaders, state: SubscriptionState): boolean {
	const basicOk = basicAuthMatches(headerValue(headers, 'authorization'), {
		username: state.basicAuthUsername ?? '',
		passwordDigest: state.basicAuthPasswordDigest,
	});
	const secretOk = matchesDigest(headerValue(headers, DELIVERY_HEADER_NAME), state.secretHeaderDigest);
	return basicOk && secretOk;
}
