import { NodeApiError, type IDataObject } from 'n8n-workflow';

import { sameEvents } from './events';
import {
	tapdApiRequest,
	tapdApiRequestAllItems,
	tapdCount,
	unwrapRecord,
	type TapdContext,
	type TapdParameters,
} from './transport';

/** TAPD's Webhook配置 record (seed 002). */
export interface WebhookSetting extends IDataObject {
	id: string;
	workspace_id: string;
	url: string;
	content_type?: string;
	secret?: string;
	owner?: string;
	events: string;
	status?: string;
}

const PATH = '/webhook_settings';

export async function listWebhookSettings(
	this: TapdContext,
	workspaceId: string,
	filters: TapdParameters = {},
	limit?: number,
): Promise<WebhookSetting[]> {
	return (await tapdApiRequestAllItems.call(
		this,
		PATH,
		'WebhookSetting',
		{ ...filters, workspace_id: workspaceId },
		limit,
	)) as WebhookSetting[];
}

export async function countWebhookSettings(
	this: TapdContext,
	workspaceId: string,
	filters: TapdParameters = {},
): Promise<number> {
	return await tapdCount.call(this, PATH, { ...filters, workspace_id: workspaceId });
}

export async function createWebhookSetting(
	this: TapdContext,
	fields: TapdParameters & { workspace_id: string; url: string; events: string },
): Promise<WebhookSetting> {
	const data = await tapdApiRequest.call(this, 'POST', PATH, {}, fields);
	return unwrapRecord(data, 'WebhookSetting') as WebhookSetting;
}

export async function findWebhookSetting(
	this: TapdContext,
	workspaceId: string,
	id: string,
): Promise<WebhookSetting | undefined> {
	const found = await listWebhookSettings.call(this, workspaceId, { id });
	return found.find((setting) => String(setting.id) === id);
}

function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404';
}

/**
 * Deletes a webhook setting (删除webhook配置). TAPD's exact form is unconfirmed: HTTP DELETE with `id` and
 * `workspace_id`, TAPD's pattern elsewhere. A setting that is already gone counts as deleted; if TAPD
 * refuses the DELETE while the setting still exists, it is closed instead (`status=closed`) so that it
 * stops sending. Returns what happened.
 */
export async function deleteWebhookSetting(
	this: TapdContext,
	workspaceId: string,
	id: string,
): Promise<'deleted' | 'alreadyGone' | 'closed'> {
	const failure = await tapdApiRequest
		.call(this, 'DELETE', PATH, { workspace_id: workspaceId, id })
		.then(
			() => undefined,
			(error: unknown) => error,
		);
	if (failure === undefined) return 'deleted';
	if (isNotFound(failure)) return 'alreadyGone';
	if (!(await findWebhookSetting.call(this, workspaceId, id))) return 'alreadyGone';
	// Credentials and rate limits would fail the fallback too: report the original problem.
	if (
		!(failure instanceof NodeApiError) ||
		failure.httpCode === '429' ||
		failure.httpCode === '401'
	) {
		throw failure;
	}
	await tapdApiRequest.call(
		this,
		'POST',
		PATH,
		{},
		{ workspace_id: workspaceId, id, status: 'closed' },
	);
	return 'closed';
}

/** Whether a setting delivers exactly what a trigger asked for, to exactly its URL. */
export function settingMatches(
	setting: WebhookSetting,
	expected: { url: string; events: readonly string[]; contentType: string },
): boolean {
	return (
		String(setting.status ?? 'normal') === 'normal' &&
		setting.url === expected.url &&
		sameEvents(setting.events, expected.events) &&
		(setting.content_type ?? 'json') === expected.contentType
	);
}

/** A setting as the node outputs it: TAPD returns the shared secret, which must not reach items. */
export function withoutSecret(setting: IDataObject): IDataObject {
	const { secret, ...rest } = setting;
	return { ...rest, has_secret: typeof secret === 'string' && secret.length > 0 };
}
