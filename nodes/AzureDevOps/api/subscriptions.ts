import type { IDataObject } from 'n8n-workflow';

import type { ApiContext } from '../../shared/http/context';
import { azureDevOpsApiRequest } from '../transport';

/**
 * Service-hook subscription calls: the trigger's to read, delete and find leftovers of its own, the action
 * node's to check and re-enable the subscriptions pointing at this n8n (docs/contracts/azure-devops.md,
 * "Service hook subscriptions").
 */

export const SUBSCRIPTIONS = '_apis/hooks/subscriptions';

/** Every Web Hooks subscription of the organization, whatever its event; confidential inputs come back masked. */
export async function listWebHookSubscriptions(context: ApiContext): Promise<IDataObject[]> {
	const list = await azureDevOpsApiRequest<{ value?: IDataObject[] }>(context, {
		method: 'GET',
		path: SUBSCRIPTIONS,
		qs: { consumerId: 'webHooks', consumerActionId: 'httpRequest' },
		scope: 'serviceHooks',
	});
	return list?.value ?? [];
}

/**
 * Replaces a subscription with `subscription` (`PUT`, Azure DevOps' only way to change one). Sent as it was
 * read, the masked confidential inputs are sent back masked: Azure DevOps is assumed to keep the values it
 * holds for them (UNCONFIRMED, docs/contracts/azure-devops.md).
 */
export async function replaceSubscription(
	context: ApiContext,
	subscription: IDataObject,
): Promise<IDataObject> {
	return await azureDevOpsApiRequest<IDataObject>(context, {
		method: 'PUT',
		path: `${SUBSCRIPTIONS}/${encodeURIComponent(String(subscription.id))}`,
		body: subscription,
		scope: 'serviceHooks',
	});
}

/** Reads the subscription; `undefined` when Azure DevOps no longer has it. */
export async function readSubscription(
	context: ApiContext,
	id: string,
): Promise<IDataObject | undefined> {
	return await azureDevOpsApiRequest<IDataObject | undefined>(context, {
		method: 'GET',
		path: `${SUBSCRIPTIONS}/${encodeURIComponent(id)}`,
		scope: 'serviceHooks',
		allowNotFound: true,
	});
}

/** Deletes the subscription; one already gone is no error. */
export async function deleteSubscription(context: ApiContext, id: string): Promise<void> {
	// 404: already gone, which is what we want.
	await azureDevOpsApiRequest(context, {
		method: 'DELETE',
		path: `${SUBSCRIPTIONS}/${encodeURIComponent(id)}`,
		scope: 'serviceHooks',
		allowNotFound: true,
	});
}
