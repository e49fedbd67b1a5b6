import type { IDataObject } from 'n8n-workflow';

import { randomBytes } from 'node:crypto';

import { secretDigest } from '../../shared/webhook/auth';
import { eventDefinition, type EventDefinition } from '../events';
import { filterDisplayName } from './filters';
import { recordOf, type SubscriptionState } from './state';

/**
 * The service-hook subscription the trigger wants Azure DevOps to hold, from its settings, and the body that
 * creates it (docs/contracts/azure-devops.md). Pure: the calls are in `registration.ts`, the comparison with
 * the one Azure DevOps holds in `replacement.ts`.
 */

/** The header that carries the trigger's second secret on every delivery. */
export const DELIVERY_HEADER_NAME = 'X-N8n-Webhook-Secret';

export type DetailLevel = 'all' | 'minimal' | 'none';

/**
 * How deliveries prove where they come from. Azure DevOps sends Basic credentials only to HTTPS URLs
 * (docs/contracts/azure-devops.md, "Delivery authentication"), so plain-HTTP consumers (Azure DevOps Server
 * on a trusted network) can only carry the secret header.
 */
export type DeliveryAuthentication = 'basicAndHeader' | 'headerOnly';

export interface DeliveryContent {
	resourceDetailsToSend: DetailLevel;
	messagesToSend: DetailLevel;
	detailedMessagesToSend: DetailLevel;
}

export interface GeneratedSecrets {
	basicAuthUsername?: string;
	basicAuthPassword?: string;
	secretHeaderValue: string;
}

/** Fresh, unguessable credentials for one subscription: Basic ones only when they are sent. */
export function generateSecrets(
	authentication: DeliveryAuthentication = 'basicAndHeader',
): GeneratedSecrets {
	const secretHeaderValue = randomBytes(32).toString('hex');
	if (authentication === 'headerOnly') return { secretHeaderValue };
	return {
		basicAuthUsername: `n8n-${randomBytes(8).toString('hex')}`,
		basicAuthPassword: randomBytes(32).toString('base64url'),
		secretHeaderValue,
	};
}

/** What static data keeps of a subscription's fresh secrets (see {@link SubscriptionState}). */
export function stateOf(subscriptionId: string, secrets: GeneratedSecrets): SubscriptionState {
	const { basicAuthUsername, basicAuthPassword } = secrets;
	return {
		subscriptionId,
		...(basicAuthUsername && basicAuthPassword
			? { basicAuthUsername, basicAuthPasswordDigest: secretDigest(basicAuthPassword) }
			: {}),
		secretHeaderDigest: secretDigest(secrets.secretHeaderValue),
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

/** The Web Hooks consumer inputs of the wanted subscription (docs/contracts/azure-devops.md, "Web Hooks consumer inputs"). */
export function consumerInputs(
	wanted: WantedSubscription,
	secrets: GeneratedSecrets,
): Record<string, string> {
	const basic: Record<string, string> =
		wanted.authentication === 'basicAndHeader'
			? {
					basicAuthUsername: secrets.basicAuthUsername ?? '',
					basicAuthPassword: secrets.basicAuthPassword ?? '',
				}
			: {};
	return {
		url: wanted.webhookUrl,
		...basic,
		httpHeaders: `${DELIVERY_HEADER_NAME}:${secrets.secretHeaderValue}`,
		resourceDetailsToSend: wanted.content.resourceDetailsToSend,
		messagesToSend: wanted.content.messagesToSend,
		detailedMessagesToSend: wanted.content.detailedMessagesToSend,
		acceptUntrustedCerts: String(wanted.acceptUntrustedCerts),
	};
}

/** The body of `POST _apis/hooks/subscriptions` (docs/contracts/azure-devops.md): the wanted subscription with fresh secrets. */
export function subscriptionBody(
	wanted: WantedSubscription,
	secrets: GeneratedSecrets,
): IDataObject {
	return {
		publisherId: wanted.event.publisherId,
		eventType: wanted.event.value,
		resourceVersion: wanted.event.resourceVersion,
		consumerId: 'webHooks',
		consumerActionId: 'httpRequest',
		publisherInputs: wanted.publisherInputs,
		consumerInputs: consumerInputs(wanted, secrets),
	};
}

export interface WantedSubscription {
	event: EventDefinition;
	publisherInputs: Record<string, string>;
	webhookUrl: string;
	authentication: DeliveryAuthentication;
	/** The user name of the Basic credentials the trigger holds (empty before the first subscription and without Basic). */
	basicAuthUsername: string;
	content: DeliveryContent;
	/** Sent on creation only: Azure DevOps does not report it back, so it is not compared. */
	acceptUntrustedCerts: boolean;
}

/** The trigger's settings as its parameters and static data give them. */
export interface TriggerSettings {
	event: string;
	project: string;
	filters: IDataObject;
	additionalOptions: IDataObject;
	webhookUrl: string;
	deliveryAuthentication?: string;
	basicAuthUsername?: string;
}

/** Settings from which no subscription can be made: what is wrong and what to do. */
export interface SettingsProblem {
	problem: string;
	description: string;
}

function deliveryContent(options: IDataObject): DeliveryContent {
	return {
		resourceDetailsToSend: (options.resourceDetailsToSend as DetailLevel) ?? 'all',
		messagesToSend: (options.messagesToSend as DetailLevel) ?? 'all',
		detailedMessagesToSend: (options.detailedMessagesToSend as DetailLevel) ?? 'all',
	};
}

/** The subscription the settings ask for, or the problem that keeps them from asking for one. */
export function wantedSubscription(
	settings: TriggerSettings,
): WantedSubscription | SettingsProblem {
	const event = eventDefinition(settings.event);
	if (!event) {
		return {
			problem: `Unknown event "${settings.event}"`,
			description: 'Choose an event from the list.',
		};
	}
	const project = settings.project.trim();
	if (!project) {
		return {
			problem: 'No project is selected',
			description: 'Choose the project whose events should start this workflow.',
		};
	}
	const inputs = publisherInputs(event, project, settings.filters);
	const missing = (event.requiredFilters ?? []).filter((name) => inputs[name] === undefined);
	if (missing.length > 0) {
		const names = missing.map((name) => `Filters > ${filterDisplayName(name)}`).join(', ');
		return {
			problem: `Azure DevOps requires ${names} for the event "${event.name}"`,
			description: `Add ${names} to the trigger (for example $/MyProject/Main), then publish again.`,
		};
	}
	const authentication: DeliveryAuthentication =
		settings.deliveryAuthentication === 'headerOnly' ? 'headerOnly' : 'basicAndHeader';
	return {
		event,
		publisherInputs: inputs,
		webhookUrl: settings.webhookUrl,
		authentication,
		basicAuthUsername: authentication === 'headerOnly' ? '' : (settings.basicAuthUsername ?? ''),
		content: deliveryContent(settings.additionalOptions),
		acceptUntrustedCerts: settings.additionalOptions.acceptUntrustedCerts === true,
	};
}

/** The trigger's settings with its selected events and the records it holds for them. */
export interface MultiEventSettings extends Omit<TriggerSettings, 'event' | 'basicAuthUsername'> {
	events: string[];
	subscriptions: Record<string, SubscriptionState>;
}

/** One wanted subscription per selected event, or the problem that keeps the settings from asking for them. */
export function wantedSubscriptions(
	settings: MultiEventSettings,
): WantedSubscription[] | SettingsProblem {
	const events = [...new Set(settings.events)];
	if (events.length === 0) {
		return {
			problem: 'No event is selected',
			description: 'Choose at least one event that should start this workflow.',
		};
	}
	const wanted: WantedSubscription[] = [];
	for (const event of events) {
		const one = wantedSubscription({
			...settings,
			event,
			basicAuthUsername: recordOf(settings.subscriptions, event)?.basicAuthUsername,
		});
		if ('problem' in one) return one;
		wanted.push(one);
	}
	return wanted;
}

/** The shape of Azure DevOps ids (projects, subscriptions). */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
