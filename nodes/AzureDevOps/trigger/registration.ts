import {
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { SUBSCRIPTIONS, listWebHookSubscriptions } from '../api/subscriptions';
import { registerOrExplain } from '../../shared/webhook/registration';
import { forgetStaticData } from '../../shared/webhook/staticData';
import { CREDENTIAL_TYPE, azureDevOpsApiRequest } from '../transport';
import {
	SUBSCRIPTION_STATE_KEYS,
	generateSecrets,
	replacementReason,
	subscriptionBody,
	wantedSubscription,
	type SubscriptionState,
	type WantedSubscription,
} from './subscription';
import { refusedWebhookUrlReason } from './webhookUrl';

/**
 * The trigger's calls to the service-hooks API (docs/contracts/azure-devops.md), and the publish and
 * unpublish steps made of them, so that the trigger's lifecycle methods only delegate.
 */

/** What the trigger keeps in static data: its subscription's id and secrets. */
export function subscriptionState(context: IHookFunctions | IWebhookFunctions): SubscriptionState {
	return context.getWorkflowStaticData('node') as SubscriptionState;
}

/** Forgets the recorded subscription and its secrets. */
export function forgetSubscription(state: SubscriptionState): void {
	forgetStaticData(state, SUBSCRIPTION_STATE_KEYS);
}

/** The trigger's settings as one subscription, as Azure DevOps should hold it. */
export function wantedFrom(context: IHookFunctions): WantedSubscription {
	const wanted = wantedSubscription({
		event: context.getNodeParameter('event') as string,
		project: context.getNodeParameter('project', '') as string,
		filters: context.getNodeParameter('filters', {}) as IDataObject,
		additionalOptions: context.getNodeParameter('additionalOptions', {}) as IDataObject,
		webhookUrl: context.getNodeWebhookUrl('default') as string,
		basicAuthUsername: subscriptionState(context).basicAuthUsername,
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

/** Subscriptions left behind for this very URL (e.g. static data lost on import) would deliver twice. */
export async function deleteLeftovers(context: IHookFunctions, url: string): Promise<void> {
	// Every publisher: the event may have changed since the leftover was made.
	for (const subscription of await listWebHookSubscriptions(context)) {
		const consumerInputs = (subscription.consumerInputs ?? {}) as IDataObject;
		if (consumerInputs.url === url && typeof subscription.id === 'string') {
			await deleteSubscription(context, subscription.id);
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
 * Whether the recorded subscription still serves the trigger. One that does not is deleted and forgotten,
 * so that n8n calls {@link subscribe} to make a new one.
 */
export async function subscriptionInPlace(context: IHookFunctions): Promise<boolean> {
	const wanted = wantedFrom(context);
	const state = subscriptionState(context);
	const subscriptionId = state.subscriptionId;
	if (!subscriptionId) return false;
	return await registerOrExplain(context, 'Azure DevOps', async () => {
		const remote = await readSubscription(context, subscriptionId);
		const reason = replacementReason(remote, state, wanted);
		if (reason === undefined) return true;
		context.logger.info(
			`Azure DevOps Trigger: recreating service-hook subscription ${subscriptionId} because ${reason}`,
		);
		if (remote) await deleteSubscription(context, subscriptionId);
		forgetSubscription(state);
		return false;
	});
}

/**
 * Publishes: checks the URL, removes leftovers for it, and creates the subscription. A short outage is
 * ridden out by repeating both steps, so that a subscription Azure DevOps made before failing to answer is
 * removed as a leftover rather than kept twice.
 */
export async function subscribe(context: IHookFunctions): Promise<void> {
	const wanted = wantedFrom(context);
	await assertDeliverableUrl(context, wanted.webhookUrl);
	await registerOrExplain(context, 'Azure DevOps', async () => {
		await deleteLeftovers(context, wanted.webhookUrl);
		await createSubscription(context, wanted, subscriptionState(context));
	});
}

/** Unpublishes: deletes the recorded subscription (if Azure DevOps still has it) and forgets it. */
export async function unsubscribe(context: IHookFunctions): Promise<void> {
	const state = subscriptionState(context);
	if (state.subscriptionId) await deleteSubscription(context, state.subscriptionId);
	forgetSubscription(state);
}
