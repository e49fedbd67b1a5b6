import { NodeApiError, type IDataObject } from 'n8n-workflow';

import type { ApiContext } from '../../shared/http/apiError';
import {
	tapdApiCount,
	tapdApiRequest,
	tapdApiRequestAllItems,
	unwrapRecord,
	type TapdParameters,
} from '../transport';

/**
 * TAPD's webhook settings (Webhook配置), which the action node manages and the trigger registers
 * (docs/contracts/tapd.md, "Webhook settings").
 */

/** TAPD's Webhook配置 record. */
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
const RECORD_KEY = 'WebhookSetting';

export async function listWebhookSettings(
	context: ApiContext,
	workspaceId: string,
	filters: TapdParameters = {},
	limit?: number,
): Promise<WebhookSetting[]> {
	return (await tapdApiRequestAllItems(
		context,
		{ path: PATH, recordKey: RECORD_KEY, qs: { ...filters, workspace_id: workspaceId } },
		limit,
	)) as WebhookSetting[];
}

export async function countWebhookSettings(
	context: ApiContext,
	workspaceId: string,
	filters: TapdParameters = {},
): Promise<number> {
	return await tapdApiCount(context, { path: PATH, qs: { ...filters, workspace_id: workspaceId } });
}

export async function createWebhookSetting(
	context: ApiContext,
	fields: TapdParameters & { workspace_id: string; url: string; events: string },
): Promise<WebhookSetting> {
	const data = await tapdApiRequest(context, { method: 'POST', path: PATH, body: fields });
	return unwrapRecord(data, RECORD_KEY) as WebhookSetting;
}

/**
 * Changes fields of a webhook setting: `POST /webhook_settings` with its `id`, TAPD's pattern for updates
 * (UNCONFIRMED, docs/contracts/tapd.md, "Update and delete"). Returns the setting as TAPD answers it.
 */
export async function updateWebhookSetting(
	context: ApiContext,
	workspaceId: string,
	id: string,
	fields: TapdParameters,
): Promise<WebhookSetting> {
	const data = await tapdApiRequest(context, {
		method: 'POST',
		path: PATH,
		body: { ...fields, workspace_id: workspaceId, id },
	});
	return unwrapRecord(data, RECORD_KEY) as WebhookSetting;
}

export async function findWebhookSetting(
	context: ApiContext,
	workspaceId: string,
	id: string,
): Promise<WebhookSetting | undefined> {
	const found = await listWebhookSettings(context, workspaceId, { id });
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
	context: ApiContext,
	workspaceId: string,
	id: string,
): Promise<'deleted' | 'alreadyGone' | 'closed'> {
	const failure = await tapdApiRequest(context, {
		method: 'DELETE',
		path: PATH,
		qs: { workspace_id: workspaceId, id },
	}).then(
		() => undefined,
		(error: unknown) => error,
	);
	if (failure === undefined) return 'deleted';
	if (isNotFound(failure)) return 'alreadyGone';
	if (!(await findWebhookSetting(context, workspaceId, id))) return 'alreadyGone';
	// Credentials and rate limits would fail the fallback too: report the original problem.
	if (
		!(failure instanceof NodeApiError) ||
		failure.httpCode === '429' ||
		failure.httpCode === '401'
	) {
		throw failure;
	}
	await updateWebhookSetting(context, workspaceId, id, { status: 'closed' });
	return 'closed';
}
