import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import {
	apiError,
	describeFailure,
	secretValues,
	serviceMessage,
	type ServiceAdvice,
} from '../http/apiError';
import { CursorTrail } from '../http/paging';
import { sendAuthenticated } from '../http/sendAuthenticated';
import { withRetryFacts } from '../http/sendWithRetry';

/**
 * What Check Webhooks asks of this n8n through its public API (`/api/v1`, TestOps Check Webhooks API credential): the
 * published workflows and their triggers, and publishing a workflow again, which makes n8n run the
 * triggers' registration anew (docs/n8n.md, "Webhook lifecycle").
 */

export const N8N_API_CREDENTIAL = 'testOpsN8nApi';

const N8N_ADVICE: ServiceAdvice = {
	service: "n8n's API",
	credentials:
		'Check the API key of the TestOps Check Webhooks API credential; it may have been deleted.',
	permission:
		'Give the API key the scopes workflow:list and workflow:read, and workflow:activate and workflow:deactivate to publish workflows again.',
	notFound:
		'Check the API URL of the TestOps Check Webhooks API credential: the address of n8n followed by /api/v1.',
	rateLimit: 'Wait a minute and run the check again.',
};

/** A trigger node of a published workflow, where n8n receives its deliveries. */
export interface PublishedTrigger {
	workflowId: string;
	workflowName: string;
	nodeName: string;
	/** The node's production webhook URL. */
	url: string;
	parameters: IDataObject;
	/** Credential ids by credential type, as the node references them. */
	credentialIds: Record<string, string>;
}

async function n8nApiRequest<T>(
	context: IExecuteFunctions,
	method: 'GET' | 'POST',
	path: string,
	options: { qs?: IDataObject; body?: IDataObject } = {},
): Promise<T> {
	const credentials = await context.getCredentials(N8N_API_CREDENTIAL);
	const base = String(credentials.apiUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
	const response = await sendAuthenticated(
		context,
		N8N_API_CREDENTIAL,
		{ method, url: `${base}${path}`, qs: options.qs, body: options.body, json: true },
		{
			service: "n8n's API",
			base,
			fix: 'Check the API URL of the TestOps Check Webhooks API credential.',
			secrets: secretValues(credentials, ['apiKey']),
			// Publishing and unpublishing set a state: sending one again changes nothing more.
			retry: { repeatable: true },
		},
	);
	if (response.statusCode >= 200 && response.statusCode < 300) return response.body as T;
	const text = describeFailure(
		N8N_ADVICE,
		response.statusCode,
		serviceMessage(response.body),
		`${method} ${path}`,
	);
	throw withRetryFacts(apiError(context.getNode(), response.statusCode, text), response);
}

/** The workflow list is read at most this many pages of 100 (10,000 published workflows). */
export const MAX_WORKFLOW_PAGES = 100;

interface WorkflowListPage {
	data?: Array<IDataObject & { nodes?: INode[]; activeVersion?: { nodes?: INode[] } | null }>;
	nextCursor?: string | null;
}

/**
 * The nodes of type `<package>.<nodeType>` in every published workflow the API key may read, with the
 * production URL n8n serves for each (`<webhook base><webhook id>/<path>`). Disabled nodes receive nothing
 * and are left out.
 */
export async function publishedTriggers(
	context: IExecuteFunctions,
	nodeType: string,
	webhookBaseUrl: string,
	webhookPath: string,
): Promise<PublishedTrigger[]> {
	const triggers: PublishedTrigger[] = [];
	// A cursor n8n hands back twice, or more pages than the cap, ends the loop with an error.
	const trail = new CursorTrail(context.getNode(), "n8n's API", MAX_WORKFLOW_PAGES);
	let workflows = 0;
	let cursor: string | undefined;
	do {
		const page = await n8nApiRequest<WorkflowListPage>(context, 'GET', '/workflows', {
			qs: { active: true, limit: 100, ...(cursor ? { cursor } : {}) },
		});
		workflows += page.data?.length ?? 0;
		for (const workflow of page.data ?? []) {
			// The published version's nodes; older n8n versions list only the workflow's own.
			const nodes = workflow.activeVersion?.nodes ?? workflow.nodes ?? [];
			for (const node of nodes) {
				if (!node.type.endsWith(`.${nodeType}`) || node.disabled || !node.webhookId) continue;
				triggers.push({
					workflowId: String(workflow.id),
					workflowName: String(workflow.name ?? ''),
					nodeName: node.name,
					url: `${webhookBaseUrl}${node.webhookId}/${webhookPath}`,
					parameters: node.parameters ?? {},
					credentialIds: Object.fromEntries(
						Object.entries(node.credentials ?? {}).map(([type, ref]) => [type, String(ref.id)]),
					),
				});
			}
		}
		cursor = trail.next(page.nextCursor ?? undefined, workflows);
	} while (cursor);
	return triggers;
}

/**
 * Publishes the workflow's published version again: unpublishing calls each trigger's delete, publishing
 * its checkExists and create, so a registration the service lost or disabled is made anew.
 */
export async function publishAgain(context: IExecuteFunctions, workflowId: string): Promise<void> {
	const path = `/workflows/${encodeURIComponent(workflowId)}`;
	const workflow = await n8nApiRequest<IDataObject>(context, 'GET', path);
	const versionId = workflow.activeVersionId ?? workflow.versionId;
	await n8nApiRequest(context, 'POST', `${path}/deactivate`);
	await n8nApiRequest(context, 'POST', `${path}/activate`, {
		body: versionId ? { versionId: String(versionId) } : {},
	});
}
