import type { IDataObject } from 'n8n-workflow';

import { matchesDigest } from '../../shared/webhook/auth';
import { devcloudPortProblem, type WebhookSetting } from '../api/webhookSettings';
import { sameEvents } from '../events';

/**
 * The webhook setting a published TAPD Trigger needs in TAPD, and how it is compared with the settings TAPD
 * holds (docs/contracts/tapd.md, "Webhook settings"). No calls here: registration.ts makes them.
 */

/** What the trigger asks TAPD to deliver, and where. */
export interface ExpectedSetting {
	workspaceId: string;
	url: string;
	events: string[];
	contentType: string;
}

/**
 * What publishing keeps in the node's static data about the setting it created or adopted. Of the secret
 * only its SHA-256 (`secretDigest`): enough to check deliveries, useless to forge them. Nothing needs the
 * clear value again: a setting that must change is replaced with a new secret.
 */
export interface StoredSetting extends IDataObject {
	settingId?: string;
	workspaceId?: string;
	secretDigest?: string;
}

/** The static data keys of {@link StoredSetting}, cleared together. */
export const STORED_SETTING_KEYS = ['settingId', 'workspaceId', 'secretDigest'] as const;

/** Why the trigger cannot be published with these parameters, or `undefined` when it can. */
export function unpublishableReason(expected: ExpectedSetting): string | undefined {
	if (!/^\d+$/.test(expected.workspaceId)) {
		return 'Workspace ID must be the numeric TAPD project ID (the number after tapd.cn/ in the project URL)';
	}
	if (expected.events.length === 0) return 'Select at least one event';
	return devcloudPortProblem(expected.url);
}

/** Whether a setting delivers exactly what a trigger asked for, to exactly its URL. */
export function settingMatches(
	setting: WebhookSetting,
	expected: Pick<ExpectedSetting, 'url' | 'events' | 'contentType'>,
): boolean {
	return (
		String(setting.status ?? 'normal') === 'normal' &&
		setting.url === expected.url &&
		sameEvents(setting.events, expected.events) &&
		(setting.content_type ?? 'json') === expected.contentType
	);
}

/**
 * Whether the setting found under the stored id still serves the trigger as it is now: made for the
 * workspace it names, still normal, at its URL, with its events and content type, and (when TAPD shows it)
 * still the secret whose digest the trigger kept.
 */
export function isCurrent(
	stored: StoredSetting,
	found: WebhookSetting | undefined,
	expected: ExpectedSetting,
): boolean {
	return (
		found !== undefined &&
		stored.workspaceId === expected.workspaceId &&
		settingMatches(found, expected) &&
		(typeof found.secret !== 'string' || matchesDigest(found.secret, stored.secretDigest))
	);
}

/**
 * Sorts the settings TAPD listed for the trigger's URL (TAPD matches it loosely, so only those with exactly
 * this URL count): one that already delivers exactly what is expected, with the secret this trigger generated
 * (its digest is `secretDigest`), is adopted, e.g. when TAPD made it but failed to answer; every other one is a
 * leftover that would deliver twice, and one whose secret somebody else chose is never trusted.
 */
export function sortOutSettings(
	listed: readonly WebhookSetting[],
	expected: ExpectedSetting,
	secretDigest: string | undefined,
): { adoptable?: WebhookSetting; leftovers: WebhookSetting[] } {
	const forThisUrl = listed.filter((setting) => setting.url === expected.url);
	const adoptable = forThisUrl.find(
		(setting) =>
			settingMatches(setting, expected) &&
			typeof setting.secret === 'string' &&
			matchesDigest(setting.secret, secretDigest),
	);
	return { adoptable, leftovers: forThisUrl.filter((setting) => setting !== adoptable) };
}

/** The fields of a new setting for the trigger, with the secret TAPD will send back in every delivery. */
export function newSettingFields(
	expected: ExpectedSetting,
	secret: string,
): { workspace_id: string; url: string; events: string; content_type: string; secret: string } {
	return {
		workspace_id: expected.workspaceId,
		url: expected.url,
		events: expected.events.join(','),
		content_type: expected.contentType,
		secret,
	};
}
