import {
	NodeOperationError,
	sleep,
	type IDataObject,
	type IHookFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { SUBSCRIPTIONS, listWebHookSubscriptions } from '../api/subscriptions';
import { triggerLocatorValue } from '../../shared/resourceLocator';
import { registerOrExplain } from '../../shared/webhook/registration';
import { forgetStaticData } from '../../shared/webhook/staticData';
import { CREDENTIAL_TYPE, azureDevOpsApiRequest, projectName, projectSegment } from '../transport';
import { TEST_NOTIFICATION_HEADER, testNotificationToken } from './authentication';
import {
	GUID,
	SUBSCRIPTION_STATE_KEYS,
	generateSecrets,
	replacementReason,
	stateOf,
	subscriptionBody,
	wantedSubscription,
	type GeneratedSecrets,
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

/** The trigger's settings as one subscription, as Azure DevOps should hold it. */
export function wantedFrom(context: IHookFunctions, projectId: string): WantedSubscription {
	const wanted = wantedSubscription({
		event: context.getNodeParameter('event') as string,
		project: projectId,
		filters: context.getNodeParameter('filters', {}) as IDataObject,
		additionalOptions: context.getNodeParameter('additionalOptions', {}) as IDataObject,
		webhookUrl: context.getNodeWebhookUrl('default') as string,
		deliveryAuthentication: context.getNodeParameter('deliveryAuthentication', '') as string,
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
	forgetSubscription(state);
	Object.assign(state, stateOf(created.id, secrets));
	return { id: created.id, secrets };
}

/** How long publishing waits for the result of a test notification, and how often it asks. */
export const TEST_NOTIFICATION_WAIT = { timeoutMs: 20_000, intervalMs: 1_000 };

/** Results of a notification that has finished (docs/contracts/azure-devops.md, "Test notifications"). */
const NOTIFICATION_DONE = new Set(['succeeded', 'failed']);

/**
 * Asks Azure DevOps to send a test notification through the new subscription (`POST
 * _apis/hooks/testnotifications`, docs/contracts/azure-devops.md "Test notifications") and waits for its
 * result. The test carries the subscription's own credentials plus a marker header, so that the trigger
 * answers it without starting an execution. A failed delivery stops publishing with Azure DevOps' reason;
 * no result within the wait is logged, not fatal.
 */
export async function sendTestNotification(
	context: IHookFunctions,
	wanted: WantedSubscription,
	subscription: { id: string; secrets: GeneratedSecrets },
): Promise<void> {
	const { personalAccessToken } = await context.getCredentials(CREDENTIAL_TYPE);
	const token = testNotificationToken(
		String(personalAccessToken ?? ''),
		wanted.webhookUrl,
		Date.now(),
	);
	// The subscription's own body, plus the marker header, as the test's details.
	const details = subscriptionBody(wanted, subscription.secrets);
	const inputs = details.consumerInputs as Record<string, string>;
	inputs.httpHeaders += `\n${TEST_NOTIFICATION_HEADER}:${token}`;
	let notification = await azureDevOpsApiRequest<IDataObject>(context, {
		method: 'POST',
		path: '_apis/hooks/testnotifications',
		body: { subscriptionId: subscription.id, details },
		scope: 'serviceHooks',
	});
	const id = notification?.id;
	const deadline = Date.now() + TEST_NOTIFICATION_WAIT.timeoutMs;
	while (!NOTIFICATION_DONE.has(String(notification?.result)) && id !== undefined) {
		if (Date.now() >= deadline) {
			context.logger.warn(
				`Azure DevOps Trigger: the test notification ${String(id)} had no result after ${TEST_NOTIFICATION_WAIT.timeoutMs / 1000} s; publishing continues`,
			);
			return;
		}
		await sleep(TEST_NOTIFICATION_WAIT.intervalMs);
		notification = await azureDevOpsApiRequest<IDataObject>(context, {
			method: 'GET',
			path: `${SUBSCRIPTIONS}/${encodeURIComponent(subscription.id)}/notifications/${encodeURIComponent(String(id))}`,
			scope: 'serviceHooks',
		});
	}
	if (notification?.result !== 'failed') return;
	const outcome = (notification.details ?? {}) as IDataObject;
	const reason = [outcome.errorMessage, outcome.errorDetail]
		.filter((text) => typeof text === 'string' && text.trim())
		.join(' ');
	throw new NodeOperationError(
		context.getNode(),
		`Azure DevOps could not deliver a test notification to this workflow${reason ? `: ${reason}` : ''}`,
		{
			description: `Check that Azure DevOps can reach ${wanted.webhookUrl} (firewall, proxy, TLS certificate, n8n's WEBHOOK_URL), then publish again. Turn off "Send Test Notification on Publish" to publish without the test.`,
		},
	);
}

/**
 * Whether the recorded subscription still serves the trigger. One that does not is deleted and forgotten,
 * so that n8n calls {@link subscribe} to make a new one.
 */
export async function subscriptionInPlace(context: IHookFunctions): Promise<boolean> {
	const state = subscriptionState(context);
	const subscriptionId = state.subscriptionId;
	if (!subscriptionId) return false;
	return await registerOrExplain(context, 'Azure DevOps', async () => {
		const wanted = wantedFrom(context, await projectIdOf(context));
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
 * Publishes: checks the URL, removes leftovers for it, creates the subscription and, if asked, tests it. A
 * short outage is ridden out by repeating the removal and the creation, so that a subscription Azure DevOps
 * made before failing to answer is removed as a leftover rather than kept twice.
 */
export async function subscribe(context: IHookFunctions): Promise<void> {
	const projectId = await registerOrExplain(context, 'Azure DevOps', async () => await projectIdOf(context));
	const wanted = wantedFrom(context, projectId);
	await assertDeliverableUrl(context, wanted);
	const created = await registerOrExplain(context, 'Azure DevOps', async () => {
		await deleteLeftovers(context, wanted.webhookUrl);
		return await createSubscription(context, wanted, subscriptionState(context));
	});
	const options = context.getNodeParameter('additionalOptions', {}) as IDataObject;
	if (options.sendTestNotification === true) await sendTestNotification(context, wanted, created);
}

/** Unpublishes: deletes the recorded subscription (if Azure DevOps still has it) and forgets it. */
export async function unsubscribe(context: IHookFunctions): Promise<void> {
	const state = subscriptionState(context);
	if (state.subscriptionId) await deleteSubscription(context, state.subscriptionId);
	forgetSubscription(state);
}
