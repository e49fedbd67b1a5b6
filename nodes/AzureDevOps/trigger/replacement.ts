import type { IDataObject } from 'n8n-workflow';

import { ALL_FILTER_NAMES } from './filters';
import type { SubscriptionState } from './state';
import { GUID, type DeliveryContent, type WantedSubscription } from './subscription';

/**
 * Whether a subscription Azure DevOps holds still serves the trigger (docs/contracts/azure-devops.md): pure,
 * the calls are in `registration.ts`.
 */

/**
 * Statuses under which Azure DevOps no longer delivers: the subscription must be recreated. `onProbation`
 * is kept: Azure DevOps still retries deliveries with back-off and re-enables the subscription by itself
 * after the first success, and recreating it would wipe the failure history an administrator looks at.
 */
const DEAD_STATUSES = new Set(['disabledByUser', 'disabledBySystem', 'disabledByInactiveIdentity']);

const text = (value: unknown): string =>
	value === undefined || value === null ? '' : String(value).trim();

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

/**
 * Why the trigger must make a new subscription instead of keeping the one it recorded, or `undefined` to
 * keep it: the subscription is gone, the trigger lost its secrets, or it no longer serves the settings.
 */
export function replacementReason(
	remote: IDataObject | undefined,
	state: SubscriptionState,
	wanted: WantedSubscription,
): string | undefined {
	if (!remote) return 'it no longer exists';
	const basicLost = wanted.authentication === 'basicAndHeader' && !state.basicAuthPasswordDigest;
	if (basicLost || !state.secretHeaderDigest) return 'its secrets are lost';
	return staleSubscriptionReason(remote, wanted);
}
