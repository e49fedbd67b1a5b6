import type { IDataObject } from 'n8n-workflow';

import { randomBytes } from 'node:crypto';

import { ALL_FILTER_NAMES, type EventDefinition } from './events';

/** The header that carries the trigger's second secret on every delivery. */
export const DELIVERY_HEADER_NAME = 'X-N8n-Webhook-Secret';

export type DetailLevel = 'all' | 'minimal' | 'none';

export interface DeliveryContent {
	resourceDetailsToSend: DetailLevel;
	messagesToSend: DetailLevel;
	detailedMessagesToSend: DetailLevel;
}

/** What the trigger keeps in the workflow's static data between publish, deliveries and unpublish. */
export interface SubscriptionState {
	subscriptionId?: string;
	basicAuthUsername?: string;
	basicAuthPassword?: string;
	secretHeaderValue?: string;
}

export interface GeneratedSecrets {
	basicAuthUsername: string;
	basicAuthPassword: string;
	secretHeaderValue: string;
}

/** Fresh, unguessable credentials for one subscription. */
export function generateSecrets(): GeneratedSecrets {
	return {
		basicAuthUsername: `n8n-${randomBytes(8).toString('hex')}`,
		basicAuthPassword: randomBytes(32).toString('base64url'),
		secretHeaderValue: randomBytes(32).toString('hex'),
	};
}

/** Publisher inputs for the event: the project plus each filter that the event accepts and the user set. */
export function publisherInputs(
	event: EventDefinition,
	projectId: string,
	filters: IDataObject,
): Record<string, string> {
	const inputs: Record<string, string> = { projectId };
	for (const name of event.filters) {
		const raw = filters[name];
		let value = raw === undefined || raw === null ? '' : String(raw).trim();
		if (name === 'branch') value = value.replace(/^refs\/heads\//, '');
		if (value !== '') inputs[name] = value;
	}
	return inputs;
}

export interface SubscriptionRequest {
	event: EventDefinition;
	publisherInputs: Record<string, string>;
	webhookUrl: string;
	secrets: GeneratedSecrets;
	content: DeliveryContent;
	acceptUntrustedCerts: boolean;
}

/** The body of `POST _apis/hooks/subscriptions` (contracts §4). */
export function subscriptionBody(request: SubscriptionRequest): IDataObject {
	return {
		publisherId: request.event.publisherId,
		eventType: request.event.value,
		resourceVersion: request.event.resourceVersion,
		consumerId: 'webHooks',
		consumerActionId: 'httpRequest',
		publisherInputs: request.publisherInputs,
		consumerInputs: {
			url: request.webhookUrl,
			basicAuthUsername: request.secrets.basicAuthUsername,
			basicAuthPassword: request.secrets.basicAuthPassword,
			httpHeaders: `${DELIVERY_HEADER_NAME}:${request.secrets.secretHeaderValue}`,
			resourceDetailsToSend: request.content.resourceDetailsToSend,
			messagesToSend: request.content.messagesToSend,
			detailedMessagesToSend: request.content.detailedMessagesToSend,
			acceptUntrustedCerts: String(request.acceptUntrustedCerts),
		},
	};
}

/**
 * Statuses under which Azure DevOps no longer delivers: the subscription must be recreated. `onProbation`
 * is kept: Azure DevOps still retries deliveries with back-off and re-enables the subscription by itself
 * after the first success, and recreating it would wipe the failure history an administrator looks at.
 */
const DEAD_STATUSES = new Set(['disabledByUser', 'disabledBySystem', 'disabledByInactiveIdentity']);

export interface WantedSubscription {
	event: EventDefinition;
	publisherInputs: Record<string, string>;
	webhookUrl: string;
	basicAuthUsername: string;
	content: DeliveryContent;
}

const text = (value: unknown): string =>
	value === undefined || value === null ? '' : String(value).trim();

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Spellings Azure DevOps may normalize: ids in another case, branches with their refs/heads/ prefix. */
function comparable(name: string, value: unknown): string {
	let result = text(value);
	if (name === 'branch') result = result.replace(/^refs\/heads\//, '');
	return GUID.test(result) ? result.toLowerCase() : result;
}

/**
 * Why an existing subscription cannot serve this trigger any more, or `undefined` when it still can.
 * Confidential inputs (password, headers) come back masked, so only the visible ones are compared.
 */
export function staleSubscriptionReason(
	remote: IDataObject,
	wanted: WantedSubscription,
): string | undefined {
	const status = text(remote.status);
	if (DEAD_STATUSES.has(status)) return `it is ${status}`;
	if (text(remote.eventType) !== wanted.event.value) return 'it listens to another event';
	if (text(remote.publisherId) && text(remote.publisherId) !== wanted.event.publisherId) {
		return 'it has another publisher';
	}
	const consumer = (remote.consumerInputs ?? {}) as IDataObject;
	if (text(consumer.url) !== wanted.webhookUrl) return 'it points at another URL';
	if (text(consumer.basicAuthUsername) !== wanted.basicAuthUsername) {
		return 'its credentials are not the ones this trigger holds';
	}
	for (const key of Object.keys(wanted.content) as Array<keyof DeliveryContent>) {
		const remoteValue = text(consumer[key]);
		if (remoteValue && remoteValue !== wanted.content[key]) return `its ${key} differs`;
	}
	const inputs = (remote.publisherInputs ?? {}) as IDataObject;
	if (text(inputs.projectId).toLowerCase() !== wanted.publisherInputs.projectId.toLowerCase()) {
		return 'it watches another project';
	}
	for (const name of ALL_FILTER_NAMES) {
		if (comparable(name, inputs[name]) !== comparable(name, wanted.publisherInputs[name])) {
			return `its ${name} filter differs`;
		}
	}
	return undefined;
}
