import { NodeApiError, type IDataObject } from 'n8n-workflow';

import type { ApiContext } from '../../shared/http/context';
import { tapdApiRequestAllItems } from '../pages';
import { tapdApiCount, tapdApiRequest, unwrapRecord, type TapdParameters } from '../transport';

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
/** TAPD's documented shape of a delete, `POST /<x>/delete_<x>`, applied to webhook settings. */
const DELETE_PATH = '/webhook_settings/delete_webhook_settings';
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

/** TAPD reaches devcloud addresses that name a port only on these (docs/contracts/tapd.md, "Create"). */
export const DEVCLOUD_PORTS = ['80', '443', '8080', '8081'];

/**
 * Why TAPD cannot deliver to this URL under its devcloud port rule, or `undefined`. A devcloud address is
 * taken to be a host with a `devcloud` label (e.g. `x.devcloud.woa.com`); other ports need a network policy.
 */
export function devcloudPortProblem(url: string): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return undefined;
	}
	const isDevcloud = parsed.hostname.toLowerCase().split('.').includes('devcloud');
	if (!isDevcloud || parsed.port === '' || DEVCLOUD_PORTS.includes(parsed.port)) return undefined;
	return `TAPD reaches devcloud addresses only on ports ${DEVCLOUD_PORTS.join(', ')}, and ${url} uses port ${parsed.port}. Serve the URL on one of those ports; other ports need a network policy from devcloud (then register the URL in TAPD yourself).`;
}

/** Status-change events come from TAPD's app subscriptions; a webhook setting may refuse them. */
const STATUS_CHANGE_HINT =
	'TAPD documents the *::status_change events for app subscriptions only and may refuse them in a webhook setting. Choose the matching *::update event instead: the TAPD Trigger also treats an update whose change_fields include status as a status change.';

export async function createWebhookSetting(
	context: ApiContext,
	fields: TapdParameters & { workspace_id: string; url: string; events: string },
): Promise<WebhookSetting> {
	const data = await tapdApiRequest(context, { method: 'POST', path: PATH, body: fields }).catch(
		(error: unknown) => {
			if (error instanceof NodeApiError && fields.events.includes('::status_change')) {
				error.description = [error.description, STATUS_CHANGE_HINT].filter(Boolean).join(' ');
			}
			throw error;
		},
	);
	return unwrapRecord(data, RECORD_KEY) as WebhookSetting;
}

/**
 * Changes a webhook setting: its events, URL, content type, secret, owner, or `status` (`closed` stops
 * deliveries, `normal` resumes them). TAPD updates records with `POST` and their `id`, as for bugs and stories
 * (docs/contracts/tapd.md, "Update and delete"); the answer is the setting as TAPD now holds it.
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

/** Refusals that every other form would meet too: report them rather than try the next form. */
function isFinal(error: unknown): boolean {
	return !(error instanceof NodeApiError) || error.httpCode === '401' || error.httpCode === '429';
}

/**
 * Deletes a webhook setting (删除webhook配置), whose own page is not public. It tries TAPD's documented form
 * of deletes, `POST /<x>/delete_<x>` (as `/timesheets/delete_timesheets`), then HTTP DELETE; a setting no
 * longer listed counts as deleted; one TAPD keeps is closed instead (`status=closed`) so that it stops
 * sending (docs/contracts/tapd.md, "Update and delete"). Returns what happened.
 */
export async function deleteWebhookSetting(
	context: ApiContext,
	workspaceId: string,
	id: string,
): Promise<'deleted' | 'alreadyGone' | 'closed'> {
	const keys = { workspace_id: workspaceId, id };
	const forms = [
		async () => await tapdApiRequest(context, { method: 'POST', path: DELETE_PATH, body: keys }),
		async () => await tapdApiRequest(context, { method: 'DELETE', path: PATH, qs: keys }),
	];
	for (const form of forms) {
		const failure = await form().then(
			() => undefined,
			(error: unknown) => error,
		);
		if (failure === undefined) return 'deleted';
		if (isFinal(failure)) throw failure;
	}
	if (!(await findWebhookSetting(context, workspaceId, id))) return 'alreadyGone';
	await updateWebhookSetting(context, workspaceId, id, { status: 'closed' });
	return 'closed';
}
