import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

/**
 * What the trigger keeps in the workflow's static data between publish, deliveries and unpublish. Static
 * data is readable through n8n's API, so of the two secrets only their SHA-256 digests are kept: enough to
 * check deliveries, useless to forge one. Nothing needs the clear values again, because a subscription
 * that must change is replaced with fresh secrets. The Basic user name stays clear: it is no secret (Azure
 * DevOps shows it in the subscription) and the check compares it with the subscription's.
 */
export type SubscriptionState = {
	subscriptionId?: string;
	basicAuthUsername?: string;
	basicAuthPasswordDigest?: string;
	secretHeaderDigest?: string;
};

/**
 * The trigger's static data: one record per selected event, keyed by event type, since each event has its
 * own subscription (Azure DevOps subscribes to one event at a time) with its own credentials.
 */
export type TriggerState = {
	subscriptions?: Record<string, SubscriptionState>;
};

/** The record held for an event (own keys only: the keys come from saved data). */
export function recordOf(
	subscriptions: Record<string, SubscriptionState>,
	event: string,
): SubscriptionState | undefined {
	return Object.hasOwn(subscriptions, event) ? subscriptions[event] : undefined;
}

/** What the trigger keeps in static data: per selected event, its subscription's id and its secrets' digests. */
export function triggerState(context: IHookFunctions | IWebhookFunctions): TriggerState {
	return context.getWorkflowStaticData('node') as TriggerState;
}

/** The records held per event; reading them does not mark static data as changed. */
export function heldSubscriptions(
	context: IHookFunctions | IWebhookFunctions,
): Record<string, SubscriptionState> {
	return triggerState(context).subscriptions ?? {};
}
