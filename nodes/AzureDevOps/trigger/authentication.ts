import { basicAuthMatches, secretsEqual } from '../../shared/webhook/auth';
import { headerValue, type RequestHeaders } from '../../shared/webhook/request';
import { DELIVERY_HEADER_NAME, type SubscriptionState } from './subscription';

/**
 * Whether a delivery carries the Basic credentials and the secret header of the trigger's subscription.
 * Both checks always run, in constant time; an unpublished trigger (no secrets) accepts nothing.
 */
export function isAuthenticDelivery(headers: RequestHeaders, state: SubscriptionState): boolean {
	const basicOk = basicAuthMatches(headerValue(headers, 'authorization'), {
		username: state.basicAuthUsername ?? '',
		password: state.basicAuthPassword ?? '',
	});
	const secretOk = secretsEqual(
		headerValue(headers, DELIVERY_HEADER_NAME),
		state.secretHeaderValue,
	);
	return basicOk && secretOk;
}

/**
 * The event whose subscription's credentials a delivery carries, or `undefined` when it carries none of
 * them. Every subscription is checked in full, so the time taken does not tell which one came close.
 */
export function authenticatedEvent(
	headers: RequestHeaders,
	subscriptions: Record<string, SubscriptionState>,
): string | undefined {
	let matched: string | undefined;
	for (const [event, state] of Object.entries(subscriptions)) {
		if (isAuthenticDelivery(headers, state) && matched === undefined) matched = event;
	}
	return matched;
}
