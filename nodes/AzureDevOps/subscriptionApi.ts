/** The trigger's calls to the service-hooks API, so that its lifecycle reads as a straight line. */

import { NodeOperationError, type IDataObject, type IHookFunctions } from 'n8n-workflow';

import { eventDefinition } from './events';
import {
	generateSecrets,
	publisherInputs,
	subscriptionBody,
	type DeliveryContent,
	type DetailLevel,
	type SubscriptionState,
	type WantedSubscription,
} from './subscription';
import { CREDENTIAL_TYPE, apiRequest } from './transport';
import { refusedWebhookUrlReason } from './webhookUrl';

export const SUBSCRIPTIONS = '_apis/hooks/subscriptions';

/** The trigger's settings as one subscription, as Azure DevOps should hold it. */
export function wantedSubscription(
	context: IHookFunctions,
): WantedSubscription & { state: SubscriptionState } {
	const eventValue = context.getNodeParameter('event') as string;
	const event = eventDefinition(eventValue);
	if (!event) {
		throw new NodeOperationError(context.getNode(), `Unknown event "${eventValue}"`, {
			description: 'Choose an event from the list.',
		});
	}
	const project = (context.getNodeParameter('project', '') as string).trim();
	if (!project) {
		throw new NodeOperationError(context.getNode(), 'No project is selected', {
			description: 'Choose the project whose events should start this workflow.',
		});
	}
	const filters = context.getNodeParameter('filters', {}) as IDataObject;
	const options = context.getNodeParameter('additionalOptions', {}) as IDataObject;
	const state = context.getWorkflowStaticData('node') as SubscriptionState;
	return {
		event,
		publisherInputs: publisherInputs(event, project, filters),
		webhookUrl: context.getNodeWebhookUrl('default') as string,
		basicAuthUsername: state.basicAuthUsername ?? '',
		content: deliveryContent(options),
		state,
	};
}

function deliveryContent(options: IDataObject): DeliveryContent {
	return {
		resourceDetailsToSend: (options.resourceDetailsToSend as DetailLevel) ?? 'all',
		messagesToSend: (options.messagesToSend as DetailLevel) ?? 'all',
		detailedMessagesToSend: (options.detailedMessagesToSend as DetailLevel) ?? 'all',
	};
}

/** Assigning (rather than `delete`) marks n8n's observed static data as changed, so the cleared state is saved. */
export function forgetSubscription(state: SubscriptionState): void {
	state.subscriptionId = undefined;
	state.basicAuthUsername = undefined;
	state.basicAuthPassword = undefined;
	state.secretHeaderValue = undefined;
}

export async function deleteSubscription(context: IHookFunctions, id: string): Promise<void> {
	// 404: already gone, which is what we want.
	await apiRequest(context, {
		method: 'DELETE',
		path: `${SUBSCRIPTIONS}/${encodeURIComponent(id)}`,
		scope: 'serviceHooks',
		allowNotFound: true,
	});
}

/** Subscriptions left behind for this very URL (e.g. static data lost on import) would deliver twice. */
export async function deleteLeftovers(context: IHookFunctions, url: string) {
	const list = await apiRequest<{ value?: IDataObject[] }>(context, {
		method: 'GET',
		path: SUBSCRIPTIONS,
		// Every publisher: the event may have changed since the leftover was made.
		qs: { consumerId: 'webHooks', consumerActionId: 'httpRequest' },
		scope: 'serviceHooks',
	});
	for (const subscription of list?.value ?? []) {
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
	return await apiRequest<IDataObject | undefined>(context, {
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
			{
				description: reason,
			},
		);
	}
}

/** Creates the subscription with fresh secrets and records its id and secrets in the trigger's static data. */
export async function createSubscription(
	context: IHookFunctions,
	wanted: WantedSubscription & { state: SubscriptionState },
	acceptUntrustedCerts: boolean,
): Promise<void> {
	const secrets = generateSecrets();
	const created = await apiRequest<IDataObject>(context, {
		method: 'POST',
		path: SUBSCRIPTIONS,
		body: subscriptionBody({
			event: wanted.event,
			publisherInputs: wanted.publisherInputs,
			webhookUrl: wanted.webhookUrl,
			secrets,
			content: wanted.content,
			acceptUntrustedCerts,
		}),
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
	Object.assign(wanted.state, { subscriptionId: created.id, ...secrets });
}
