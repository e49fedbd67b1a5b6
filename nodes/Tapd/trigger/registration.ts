import { NodeOperationError, type IHookFunctions } from 'n8n-workflow';

import { randomBytes } from 'node:crypto';

import { triggerLocatorValue } from '../../shared/resourceLocator';
import { secretDigest } from '../../shared/webhook/auth';
import { registerOrExplain } from '../../shared/webhook/registration';
import { forgetTestDeliveries } from '../../shared/webhook/repeats';
import { forgetStaticData } from '../../shared/webhook/staticData';
import {
	createWebhookSetting,
	deleteWebhookSetting,
	findWebhookSetting,
	listWebhookSettings,
} from '../api/webhookSettings';
import {
	STORED_SETTING_KEYS,
	isCurrent,
	newSettingFields,
	sortOutSettings,
	unpublishableReason,
	type ExpectedSetting,
	type StoredSetting,
} from './setting';

/**
 * The calls of automatic registration: on publish the trigger keeps exactly one webhook setting in TAPD for
 * its URL, with a secret only it knows; on unpublish it removes it (docs/contracts/tapd.md, "Webhook
 * settings").
 */

function expectedSetting(context: IHookFunctions): ExpectedSetting {
	return {
		workspaceId: triggerLocatorValue(context, 'workspaceId'),
		url: context.getNodeWebhookUrl('default') ?? '',
		events: context.getNodeParameter('events', []) as string[],
		contentType: context.getNodeParameter('contentType', 'json') as string,
	};
}

function storedSetting(context: IHookFunctions): StoredSetting {
	return context.getWorkflowStaticData('node') as StoredSetting;
}

/** Records the setting; of its secret only the digest (see {@link StoredSetting}). */
function remember(stored: StoredSetting, settingId: string, workspaceId: string, secret: string) {
	stored.settingId = settingId;
	stored.workspaceId = workspaceId;
	stored.secretDigest = secretDigest(secret);
}

/**
 * Whether the setting publishing stored still serves the trigger. One that is ours but stale (closed, other
 * URL, events or workspace) is removed, so that it cannot deliver twice, and forgotten.
 */
export async function settingIsCurrent(context: IHookFunctions): Promise<boolean> {
	const stored = storedSetting(context);
	const { settingId, workspaceId } = stored;
	if (!settingId || !workspaceId || !stored.secretDigest) return false;
	return await registerOrExplain(context, 'TAPD', async () => {
		const found = await findWebhookSetting(context, workspaceId, settingId);
		if (isCurrent(stored, found, expectedSetting(context))) return true;
		if (found) await deleteWebhookSetting(context, workspaceId, settingId);
		forgetStaticData(stored, STORED_SETTING_KEYS);
		return false;
	});
}

/**
 * Makes TAPD deliver to the trigger: adopts a setting that already does exactly that with a secret this
 * trigger generated, removes every other setting for this URL, or creates one with a fresh random secret. A
 * short outage is ridden out by repeating all of it, so that a setting TAPD made before failing to answer is
 * adopted, not doubled.
 */
export async function registerSetting(context: IHookFunctions): Promise<boolean> {
	const expected = expectedSetting(context);
	const problem = unpublishableReason(expected);
	if (problem) throw new NodeOperationError(context.getNode(), problem);
	return await registerOrExplain(context, 'TAPD', async () => await register(context, expected));
}

async function register(context: IHookFunctions, expected: ExpectedSetting): Promise<boolean> {
	const stored = storedSetting(context);
	const listed = await listWebhookSettings(context, expected.workspaceId, {
		webhook_url: expected.url,
	});
	const { adoptable, leftovers } = sortOutSettings(listed, expected, stored.secretDigest);
	for (const leftover of leftovers) {
		await deleteWebhookSetting(context, expected.workspaceId, String(leftover.id));
	}
	if (adoptable) {
		remember(stored, String(adoptable.id), expected.workspaceId, adoptable.secret as string);
		return true;
	}

	const secret = randomBytes(32).toString('hex');
	// Its digest is kept before TAPD is asked: a setting TAPD makes but fails to report is then known as ours.
	stored.secretDigest = secretDigest(secret);
	const created = await createWebhookSetting(context, newSettingFields(expected, secret));
	if (!created.id) {
		throw new NodeOperationError(
			context.getNode(),
			'TAPD created the webhook setting but returned no id; check the webhook settings of the workspace in TAPD',
		);
	}
	remember(stored, String(created.id), expected.workspaceId, secret);
	return true;
}

/** Removes the stored setting (one already gone counts as removed) and forgets it and test deliveries. */
export async function removeSetting(context: IHookFunctions): Promise<boolean> {
	forgetTestDeliveries(context.getWorkflow().id, context.getNode().id);
	const stored = storedSetting(context);
	if (stored.settingId && stored.workspaceId) {
		await deleteWebhookSetting(context, stored.workspaceId, stored.settingId);
	}
	forgetStaticData(stored, STORED_SETTING_KEYS);
	return true;
}
