import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { Condition, Registration } from '../../../shared/checkWebhooks/assess';
import {
	checkProperties,
	checkWebhooks,
	type WebhookService,
} from '../../../shared/checkWebhooks/check';
import { listWebHookSubscriptions, replaceSubscription } from '../../api/subscriptions';
import { CREDENTIAL_TYPE } from '../../transport';
import { DEFAULT_EVENTS } from '../../events';

/**
 * Check Webhooks for Azure DevOps: the organization's Web Hooks subscriptions that point at this n8n, by
 * status (docs/contracts/azure-devops.md, "Subscription status").
 */

export const description: INodeProperties[] = [...checkProperties];

const CONDITIONS: Record<string, Condition> = {
	enabled: 'active',
	onProbation: 'probation',
	disabledBySystem: 'disabled',
	disabledByUser: 'disabledByUser',
	// Its owner is inactive or lost permissions: turning it on keeps the same owner.
	disabledByInactiveIdentity: 'needsNew',
};

const text = (value: unknown): string | null =>
	value === undefined || value === null || value === '' ? null : String(value);

function registrationOf(subscription: IDataObject): Registration {
	const consumer = (subscription.consumerInputs ?? {}) as IDataObject;
	const publisher = (subscription.publisherInputs ?? {}) as IDataObject;
	const status = String(subscription.status ?? 'enabled');
	return {
		id: String(subscription.id),
		url: String(consumer.url ?? ''),
		status,
		condition: CONDITIONS[status] ?? 'disabledByUser',
		details: { eventType: text(subscription.eventType), projectId: text(publisher.projectId) },
	};
}

/**
 * The events a published trigger selected, each of which needs its own subscription; `undefined` when an
 * expression chooses them.
 */
export function selectedEvents(parameters: IDataObject): string[] | undefined {
	const events = parameters.events ?? [...DEFAULT_EVENTS];
	const list = Array.isArray(events) ? events : [events];
	if (list.some((event) => typeof event !== 'string' || event.startsWith('='))) return undefined;
	return list as string[];
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const subscriptions = new Map<string, IDataObject>();
	const ownCredential = this.getNode().credentials?.[CREDENTIAL_TYPE]?.id;
	const service: WebhookService = {
		name: 'Azure DevOps',
		triggerType: 'azureDevOpsTrigger',
		webhookPath: 'azure-devops',
		registrations: async (base) => {
			const found = await listWebHookSubscriptions(this);
			const ours = found.filter((s) => registrationOf(s).url.startsWith(base));
			for (const subscription of ours) subscriptions.set(String(subscription.id), subscription);
			return ours.map(registrationOf);
		},
		// A trigger on another credential may watch another organization: its subscriptions are not listed here.
		covers: (trigger) => trigger.credentialIds[CREDENTIAL_TYPE] === ownCredential,
		// The trigger keeps one subscription per selected event at its URL (docs/azure-devops.md, "Several events").
		expected: { detail: 'eventType', values: (trigger) => selectedEvents(trigger.parameters) },
		reEnable: async (registration) => {
			const subscription = subscriptions.get(registration.id) ?? { id: registration.id };
			await replaceSubscription(this, { ...subscription, status: 'enabled' });
		},
	};
	return await checkWebhooks(this, itemIndex, service);
}
