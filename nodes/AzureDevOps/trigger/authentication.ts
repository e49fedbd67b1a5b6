import { createHmac } from 'node:crypto';

import { basicAuthMatches, matchesDigest, secretsEqual } from '../../shared/webhook/auth';
import { headerValue, type RequestHeaders } from '../../shared/webhook/request';
import type { SubscriptionState } from './state';
import { DELIVERY_HEADER_NAME, type DeliveryAuthentication } from './subscription';

/**
 * Whether a delivery carries the credentials of the trigger's subscription: the secret header, and the Basic
 * credentials unless the subscription sends the header only, checked against the digests publishing kept.
 * Every check runs, in constant time; an unpublished trigger (no digests) accepts nothing.
 */
export function isAuthenticDelivery(
	headers: RequestHeaders,
	state: SubscriptionState,
	authentication: DeliveryAuthentication = 'basicAndHeader',
): boolean {
	const basicOk = basicAuthMatches(headerValue(headers, 'authorization'), {
		username: state.basicAuthUsername ?? '',
		passwordDigest: state.basicAuthPasswordDigest,
	});
	const secretOk = matchesDigest(headerValue(headers, DELIVERY_HEADER_NAME), state.secretHeaderDigest);
	return (authentication === 'headerOnly' || basicOk) && secretOk;
}

/**
 * The header that marks the test notification the trigger asks for at publish. The test can arrive before
 * n8n has saved the new subscription's secrets (they are saved after `create` returns, docs/n8n.md "Static
 * data"), so it proves itself with a token derived from the credential's token instead: an HMAC of the
 * webhook URL and the time it was issued, which reveals nothing of the token.
 */
export const TEST_NOTIFICATION_HEADER = 'X-N8n-Test-Notification';

/** How long a test-notification token is honoured: Azure DevOps delivers tests within seconds. */
export const TEST_TOKEN_LIFETIME_MS = 10 * 60 * 1000;

const tokenMac = (key: string, webhookUrl: string, issuedAt: number): string =>
	createHmac('sha256', key)
		.update(`azure-devops-test-notification\n${webhookUrl}\n${issuedAt}`)
		.digest('hex');

/** The marker header's value: `<issued at, ms>.<HMAC-SHA256 hex>`. */
export function testNotificationToken(key: string, webhookUrl: string, issuedAt: number): string {
	return `${issuedAt}.${tokenMac(key, webhookUrl, issuedAt)}`;
}

const TEST_TOKEN = /^(\d{1,15})\.([0-9a-f]{64})$/;

/** Whether a marker header's value has the token's shape: checked before the credential is read. */
export const isWellFormedTestToken = (value: string): boolean => TEST_TOKEN.test(value.trim());

/** Whether a marker header's value was issued for this webhook URL with this key, recently. */
export function isTestNotificationToken(
	value: string,
	key: string,
	webhookUrl: string,
	now = Date.now(),
): boolean {
	const match = TEST_TOKEN.exec(value.trim());
	if (!match || !key) return false;
	const issuedAt = Number(match[1]);
	const fresh = issuedAt <= now + 60_000 && now - issuedAt <= TEST_TOKEN_LIFETIME_MS;
	return secretsEqual(match[2], tokenMac(key, webhookUrl, issuedAt)) && fresh;
}

/**
 * The event whose subscription's credentials a delivery carries, or `undefined` when it carries none of
 * them. Every subscription is checked in full, so the time taken does not tell which one came close.
 */
export function authenticatedEvent(
	headers: RequestHeaders,
	subscriptions: Record<string, SubscriptionState>,
	authentication: DeliveryAuthentication = 'basicAndHeader',
): string | undefined {
	let matched: string | undefined;
	for (const [event, state] of Object.entries(subscriptions)) {
		if (isAuthenticDelivery(headers, state, authentication) && matched === undefined) matched = event;
	}
	return matched;
}
