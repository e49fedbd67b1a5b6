import {
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE, azureDevOpsApiRequest } from '../transport';
import {
	generateSecrets,
	recordOf,
	replacementReason,
	subscriptionBody,
	wantedSubscriptions,
	type SubscriptionState,
	type TriggerState,
	type WantedSubscription,
} from './subscription';
import { refusedWebhookUrlReason } from './webhookUrl';

/**
 * The trigger's calls to the service-hooks API (docs/contracts/azure-devops.md), and the publish and
 * unpublish steps made of them, so that the trigger's lifecycle methods only delegate.
 */

export const SUBSCRIPTIONS = '_apis/hooks/subscriptions';

/** What the trigger keeps in static data: per selected event, its subscription's id and secrets. */
export function triggerState(context: IHookFunctions | IWebhookFunctions): TriggerState {
	return context.getWorkflowStaticData('node') as TriggerState;
}

/** The records held per event; reading them does not mark static data as changed. */
export function heldSubscriptions(
	context: IHookFunctions | IWebhookFunctions,
): Record<string, SubscriptionState> {
	return triggerState(context).subscriptions ?? {};
}

/** The trigger's settings as subscriptions, one per selected event, as Azure DevOps should hold them. */
export function wantedFrom(context: IHookFunctions): WantedSubscription[] {
	const events = context.getNodeParameter('events', []) as string[];
	const wanted = wantedSubscriptions({
		events: Array.isArray(events) ? events : [events],
		project: context.getNodeParameter('project', '') as string,
		filters: context.getNodeParameter('filters', {}) as IDataObject,
		additionalOptions: context.getNodeParameter('additionalOptions', {}) as IDataObject,
		webhookUrl: context.getNodeWebhookUrl('default') as string,
		subscriptions: heldSubscriptions(context),
	});
	if ('problem' in wanted) {
		throw new NodeOperationError(context.getNode(), wanted.problem, {
			description: wanted.description,
		});
	}
	return wanted;
}

export async function deleteSubscription(context: IHookFunctions, id: string): Promise<void> {
	// 404: already gone, which is what we want.
	await azureDevOpsApiRequest(context, {
		method: 'DELETE',
		path: `${SUBSCRIPTIONS}/${encodeURIComponent(id)}`,
		scope: 'serviceHooks',
		allowNotFound: true,
	});
}

/**
 * Subscriptions left behind for this very URL (e.g. static data lost on import) would deliver twice: every
 * one the trigger does not hold a record of is deleted.
 */
export async function deleteLeftovers(
	context: IHookFunctions,
	url: string,
	held: ReadonlySet<string>,
): Promise<void> {
	const list = await azureDevOpsApiRequest<{ value?: IDataObject[] }>(context, {
		method: 'GET',
		path: SUBSCRIPTIONS,
		// Every publisher: the event may have changed since the leftover was made.
		qs: { consumerId: 'webHooks', consumerActionId: 'httpRequest' },
		scope: 'serviceHooks',
	});
	for (const subscription of list?.value ?? []) {
		const consumerInputs = (subscription.consumerInputs ?? {}) as IDataObject;
		const id = subscription.id;
		if (consumerInputs.url === url && typeof id === 'string' && !held.has(id)) {
			await deleteSubscription(context, id);
		}
	}
}

/** Reads the subscription; `undefined` when Azure DevOps no longer has it. */
export async function readSubscription(
	context: IHookFunctions,
	id: string,
): Promise<IDataObject | undefined> {
	return await azureDevOpsApiRequest<IDataObject | undefined>(context, {
		method: 'GET',
		path: `${SUBSCRIPTIONS}/${encodeURIComponent(id)}`,
		scope: 'serviceHooks',
		allowNotFound: true,
	});
}

/** Stops publication when Azure DevOps would refuse the URL, unless the credential's test switch is on. */
export async function assertDeliverableUrl(context: IHookFunctions, url: string): Promise<void> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	if (credentials.allowLocalWebhookUrls === true) return;
	const reason = refusedWebhookUrlReason(url);
	if (reason) {
		throw new NodeOperationError(
			context.getNode(),
			"Azure DevOps would refuse this workflow's webhook URL",
			{ description: reason },
		);
	}
}

/** Creates the subscription with fresh secrets and records its id and secrets in `state`. */
export async function createSubscription(
	context: IHookFunctions,
	wanted: WantedSubscription,
	state: SubscriptionState,
): Promise<void> {
	const secrets = generateSecrets();
	const created = await azureDevOpsApiRequest<IDataObject>(context, {
		method: 'POST',
		path: SUBSCRIPTIONS,
		body: subscriptionBody(wanted, secrets),
		scope: 'serviceHooks',
	});
	if (typeof created?.id !== 'string' || created.id === '') {
		throw new NodeOperationError(
			context.getNode(),
			'Azure DevOps did not return the id of the new service-hook subscription',
			{
				description:
					'Check the Organization URL of the credential; it must be the organization or collection, not a project.',
			},
		);
	}
	Object.assign(state, { subscriptionId: created.id, ...secrets });
}

/**
 * Whether the subscription recorded for one event still serves the trigger. One that does not is deleted
 * in Azure DevOps; the caller forgets it, so that {@link subscribe} makes a new one.
 */
async function subscriptionInPlace(
	context: IHookFunctions,
	wanted: WantedSubscription,
	state: SubscriptionState,
): Promise<boolean> {
	if (!state.subscriptionId) return false;
	const remote = await readSubscription(context, state.subscriptionId);
	const reason = replacementReason(remote, state, wanted);
	if (reason === undefined) return true;
	context.logger.info(
		`Azure DevOps Trigger: recreating service-hook subscription ${state.subscriptionId} because ${reason}`,
	);
	if (remote) await deleteSubscription(context, state.subscriptionId);
	return false;
}

/**
 * Whether every selected event has a subscription that serves it. Subscriptions of events no longer
 * selected are deleted and forgotten; when one is missing or stale, n8n calls {@link subscribe}.
 */
export async function subscriptionsInPlace(context: IHookFunctions): Promise<boolean> {
	const wanted = wantedFrom(context);
	const held = heldSubscriptions(context);
	for (const event of Object.keys(held)) {
		if (wanted.some((one) => one.event.value === event)) continue;
		await unsubscribeEvent(context, held, event);
	}
	let inPlace = true;
	for (const one of wanted) {
		const state = recordOf(held, one.event.value);
		if (state && (await subscriptionInPlace(context, one, state))) continue;
		// Deleting the record marks static data changed, so n8n saves the forgetting (docs/n8n.md).
		delete held[one.event.value];
		inPlace = false;
	}
	return inPlace;
}

/**
 * Publishes: checks the URL, removes leftovers for it, and creates a subscription for each selected event
 * that has none (those kept by {@link subscriptionsInPlace} stay).
 */
export async function subscribe(context: IHookFunctions): Promise<void> {
	const wanted = wantedFrom(context);
	// Every event's subscription delivers to the node's one URL.
	const url = wanted[0].webhookUrl;
	await assertDeliverableUrl(context, url);
	const state = triggerState(context);
	const held = (state.subscriptions ??= {});
	const heldIds = new Set(
		Object.values(held)
			.map((record) => record.subscriptionId)
			.filter((id): id is string => typeof id === 'string'),
	);
	await deleteLeftovers(context, url, heldIds);
	for (const one of wanted) {
		if (recordOf(held, one.event.value)?.subscriptionId) continue;
		const record: SubscriptionState = {};
		await createSubscription(context, one, record);
		held[one.event.value] = record;
	}
}

/** Deletes one event's subscription (if Azure DevOps still has it) and forgets its record. */
async function unsubscribeEvent(
	context: IHookFunctions,
	held: Record<string, SubscriptionState>,
	event: string,
): Promise<void> {
	const id = recordOf(held, event)?.subscriptionId;
	if (id) await deleteSubscription(context, id);
	delete held[event];
}

/**
 * Unpublishes: deletes every recorded subscription and forgets it. One failure does not keep the others
 * from being deleted; it is reported at the end, and its record kept.
 */
export async function unsubscribe(context: IHookFunctions): Promise<void> {
	const state = triggerState(context);
	const held = state.subscriptions ?? {};
	let failure: unknown;
	for (const event of Object.keys(held)) {
		try {
			await unsubscribeEvent(context, held, event);
		} catch (error) {
			failure ??= error;
		}
	}
	if (failure !== undefined) throw failure;
	delete state.subscriptions;
}
