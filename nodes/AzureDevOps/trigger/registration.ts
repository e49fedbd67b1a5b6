import { NodeOperationError, type IDataObject, type IHookFunctions } from 'n8n-workflow';

import {
	deleteSubscription,
	listWebHookSubscriptions,
	readSubscription,
	SUBSCRIPTIONS,
} from '../api/subscriptions';
import { triggerLocatorValue } from '../../shared/resourceLocator';
import { registerOrExplain } from '../../shared/webhook/registration';
import { CREDENTIAL_TYPE, azureDevOpsApiRequest, projectName, projectSegment } from '../transport';
import { replacementReason } from './replacement';
import { heldSubscriptions, recordOf, triggerState, type SubscriptionState } from './state';
import {
	GUID,
	generateSecrets,
	stateOf,
	subscriptionBody,
	wantedSubscriptions,
	type GeneratedSecrets,
	type WantedSubscription,
} from './subscription';
import { sendTestNotification } from './testNotification';
import { refusedWebhookUrlReason } from './webhookUrl';

/**
 * The trigger's calls to the service-hooks API (docs/contracts/azure-devops.md), and the publish and
 * unpublish steps made of them, so that the trigger's lifecycle methods only delegate.
 */

/**
 * The id of the chosen project: service hooks filter by id, while the project locator may hold a name (typed,
 * or taken from a pasted URL), which Azure DevOps resolves (`GET _apis/projects/{name}`).
 */
export async function projectIdOf(context: IHookFunctions): Promise<string> {
	const project = projectName(triggerLocatorValue(context, 'project'));
	if (!project || GUID.test(project)) return project;
	const found = await azureDevOpsApiRequest<IDataObject>(context, {
		method: 'GET',
		path: `_apis/projects/${projectSegment(project)}`,
		scope: 'projects',
	});
	if (typeof found?.id !== 'string' || !found.id) {
		throw new NodeOperationError(
			context.getNode(),
			`Azure DevOps returned no id for project "${project}"`,
			{
				description: 'Choose the project from the list.',
			},
		);
	}
	return found.id;
}

/** The trigger's settings as subscriptions, one per selected event, as Azure DevOps should hold them. */
export function wantedFrom(context: IHookFunctions, projectId: string): WantedSubscription[] {
	const events = context.getNodeParameter('events', []) as string[];
	const wanted = wantedSubscriptions({
		events: Array.isArray(events) ? events : [events],
		project: projectId,
		filters: context.getNodeParameter('filters', {}) as IDataObject,
		additionalOptions: context.getNodeParameter('additionalOptions', {}) as IDataObject,
		webhookUrl: context.getNodeWebhookUrl('default') as string,
		deliveryAuthentication: context.getNodeParameter('deliveryAuthentication', '') as string,
		subscriptions: heldSubscriptions(context),
	});
	if ('problem' in wanted) {
		throw new NodeOperationError(context.getNode(), wanted.problem, {
			description: wanted.description,
		});
	}
	return wanted;
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
	// Every publisher: the event may have changed since the leftover was made.
	for (const subscription of await listWebHookSubscriptions(context)) {
		const consumerInputs = (subscription.consumerInputs ?? {}) as IDataObject;
		const id = subscription.id;
		if (consumerInputs.url === url && typeof id === 'string' && !held.has(id)) {
			await deleteSubscription(context, id);
		}
	}
}

/**
 * Stops publication when Azure DevOps would refuse the URL, unless the credential's test switch is on, and
 * warns in n8n's log when the secret header is about to travel over plain HTTP.
 */
export async function assertDeliverableUrl(
	context: IHookFunctions,
	wanted: WantedSubscription,
): Promise<void> {
	const url = wanted.webhookUrl;
	if (wanted.authentication === 'headerOnly' && url.startsWith('http:')) {
		context.logger.warn(
			`Azure DevOps Trigger: deliveries to ${url} carry their secret header over plain HTTP, readable by anyone on the network path; use HTTPS where possible`,
		);
	}
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	if (credentials.allowLocalWebhookUrls === true) return;
	const reason = refusedWebhookUrlReason(url, wanted.authentication === 'headerOnly');
	if (reason) {
		throw new NodeOperationError(
			context.getNode(),
			"Azure DevOps would refuse this workflow's webhook URL",
			{ description: reason },
		);
	}
}

/**
 * Creates the subscription with fresh secrets, records its id and their digests in `state`, and returns the
 * secrets themselves: the test notification re-sends the subscription's inputs right away, and nothing
 * after it needs the clear values (a subscription that must change is replaced with fresh ones).
 */
export async function createSubscription(
	context: IHookFunctions,
	wanted: WantedSubscription,
	state: SubscriptionState,
): Promise<{ id: string; secrets: GeneratedSecrets }> {
	const secrets = generateSecrets(wanted.authentication);
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
	Object.assign(state, stateOf(created.id, secrets));
	return { id: created.id, secrets };
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
	const held = heldSubscriptions(context);
	if (Object.keys(held).length === 0) return false;
	// A short outage is ridden out; the steps only delete what no longer serves, so repeating them is safe.
	return await registerOrExplain(context, 'Azure DevOps', async () => {
		const wanted = wantedFrom(context, await projectIdOf(context));
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
	});
}

/**
 * Publishes: checks the URL, removes leftovers for it, and creates a subscription for each selected event
 * that has none (those kept by {@link subscriptionsInPlace} stay) and, if asked, tests it.
 */
export async function subscribe(context: IHookFunctions): Promise<void> {
	const projectId = await registerOrExplain(
		context,
		'Azure DevOps',
		async () => await projectIdOf(context),
	);
	const wanted = wantedFrom(context, projectId);
	// Every event's subscription delivers to the node's one URL, authenticated the same way.
	const url = wanted[0].webhookUrl;
	await assertDeliverableUrl(context, wanted[0]);
	const state = triggerState(context);
	const held = (state.subscriptions ??= {});
	const { sendTestNotification: test } = context.getNodeParameter(
		'additionalOptions',
		{},
	) as IDataObject;
	for (const one of wanted) {
		if (recordOf(held, one.event.value)?.subscriptionId) continue;
		// A short outage is ridden out by repeating the removal and the creation, so that a subscription Azure
		// DevOps made before failing to answer is removed as a leftover rather than kept twice.
		const created = await registerOrExplain(context, 'Azure DevOps', async () => {
			const heldIds = new Set(
				Object.values(held)
					.map((record) => record.subscriptionId)
					.filter((id): id is string => typeof id === 'string'),
			);
			await deleteLeftovers(context, url, heldIds);
			const record: SubscriptionState = {};
			const made = await createSubscription(context, one, record);
			held[one.event.value] = record;
			return made;
		});
		if (test === true) await sendTestNotification(context, one, created);
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
