import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { Registration } from '../../../shared/checkWebhooks/assess';
import { checkProperties, checkWebhooks } from '../../../shared/checkWebhooks/check';
import {
	listWebhookSettings,
	updateWebhookSetting,
	type WebhookSetting,
} from '../../api/webhookSettings';
import { WORKSPACE_URL_REGEX } from '../../common.descriptions';
import { workspaceIdOf } from '../helpers';

/**
 * Check Webhooks for TAPD: the workspace's webhook settings that point at this n8n. TAPD knows two states,
 * `normal` and `closed`, and does not say who closed a setting (docs/contracts/tapd.md, "Webhook settings").
 */

export const description: INodeProperties[] = [...checkProperties];

function registrationOf(setting: WebhookSetting): Registration {
	const status = String(setting.status ?? 'normal');
	return {
		id: String(setting.id),
		url: String(setting.url ?? ''),
		status,
		condition: status === 'normal' ? 'active' : 'disabled',
		details: { events: setting.events ?? null, workspaceId: String(setting.workspace_id ?? '') },
	};
}

/**
 * The workspace a published trigger names, as n8n saved it: a plain ID, or a resource locator whose value is
 * the ID or, in By URL mode, a TAPD address. An expression is not resolved here: such a trigger is not matched.
 */
export function savedWorkspaceId(saved: unknown): string {
	const locator = saved !== null && typeof saved === 'object' ? (saved as IDataObject) : undefined;
	const value = String((locator ? locator.value : saved) ?? '').trim();
	if (locator?.mode !== 'url') return value;
	return new RegExp(WORKSPACE_URL_REGEX).exec(value)?.[1] ?? '';
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const workspaceId = workspaceIdOf(this, itemIndex);
	return await checkWebhooks(this, itemIndex, {
		name: 'TAPD',
		triggerType: 'tapdTrigger',
		webhookPath: 'tapd',
		registrations: async (base) =>
			(await listWebhookSettings(this, workspaceId))
				.map(registrationOf)
				.filter((registration) => registration.url.startsWith(base)),
		// Only automatic triggers of this workspace register a setting here; manual ones are made by people.
		covers: (trigger) =>
			trigger.parameters.registration !== 'manual' &&
			savedWorkspaceId(trigger.parameters.workspaceId) === workspaceId,
		reEnable: async (registration) => {
			await updateWebhookSetting(this, workspaceId, registration.id, { status: 'normal' });
		},
	});
}
