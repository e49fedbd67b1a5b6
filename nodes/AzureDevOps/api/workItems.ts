import { NodeApiError, NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { ApiContext } from '../../shared/http/context';
import { stoppedAfter } from '../../shared/http/paging';
import {
	CREDENTIAL_TYPE,
	azureDevOpsApiRequest,
	normalizeOrganizationUrl,
	projectSegment,
} from '../transport';
import { idPageQuery, type WiqlParts } from './wiqlText';

export { wiqlString } from './wiqlText';

/**
 * Work item calls both action resources make (Work Item query, Defect KPI): WIQL queries, paged by id past
 * their 20,000-result cap, batch reads, and the web address of a work item.
 */

/** `_apis/wit/workitemsbatch` takes at most 200 ids per call. */
export const BATCH_SIZE = 200;

/** WIQL answers at most 20,000 work items per query (docs/contracts/azure-devops.md, "WIQL"). */
export const WIQL_CAP = 20_000;

/** A query read page by page stops with an error beyond this many pages (4,000,000 work items). */
export const MAX_WIQL_PAGES = 200;

interface WiqlResponse {
	workItems?: Array<{ id: number }>;
	workItemRelations?: Array<{ source?: { id: number } | null; target?: { id: number } | null }>;
}

/**
 * Runs a WIQL query in a project (or, with no project, in the whole organization) and returns the ids it
 * found, in the query's order, each once.
 */
export async function runWiql(
	context: ApiContext,
	project: string,
	query: string,
	top?: number,
): Promise<number[]> {
	const response = await azureDevOpsApiRequest<WiqlResponse>(context, {
		method: 'POST',
		path: `${project ? `${projectSegment(project)}/` : ''}_apis/wit/wiql`,
		qs: top === undefined ? {} : { $top: top },
		body: { query },
		scope: 'workItems',
		repeatable: true, // a read, sent as POST
	}).catch((error: unknown) => {
		throw overCapError(context, error);
	});
	const ids: number[] = [];
	const seen = new Set<number>();
	const add = (id: number | undefined) => {
		if (typeof id === 'number' && !seen.has(id)) {
			seen.add(id);
			ids.push(id);
		}
	};
	for (const item of response?.workItems ?? []) add(item.id);
	// Link queries (tree, one hop) list pairs instead.
	for (const relation of response?.workItemRelations ?? []) {
		add(relation.source?.id);
		add(relation.target?.id);
	}
	return top === undefined ? ids : ids.slice(0, top);
}

/**
 * Reads work items by id, 200 per call, keeping the order of `ids`. Deleted or inaccessible ones are
 * skipped (`errorPolicy: omit`) rather than failing the whole batch.
 */
export async function getWorkItemsBatch(
	context: ApiContext,
	project: string,
	ids: number[],
	fields?: string[],
): Promise<IDataObject[]> {
	const found = new Map<number, IDataObject>();
	for (let start = 0; start < ids.length; start += BATCH_SIZE) {
		const chunk = ids.slice(start, start + BATCH_SIZE);
		const body: IDataObject = { ids: chunk, errorPolicy: 'omit' };
		if (fields && fields.length > 0) body.fields = fields;
		else body.$expand = 'relations';
		const response = await azureDevOpsApiRequest<{ value?: IDataObject[] }>(context, {
			method: 'POST',
			path: `${project ? `${projectSegment(project)}/` : ''}_apis/wit/workitemsbatch`,
			body,
			scope: 'workItems',
			repeatable: true, // a read, sent as POST
		}).catch((error: unknown) => {
			throw stoppedAfter(error, found.size, start / BATCH_SIZE);
		});
		for (const item of response?.value ?? []) {
			if (item && typeof item.id === 'number') found.set(item.id, item);
		}
	}
	return ids.map((id) => found.get(id)).filter((item): item is IDataObject => item !== undefined);
}

/** WIQL's refusal of a query with more than 20,000 results, said with how to narrow it. */
function overCapError(context: ApiContext, error: unknown): unknown {
	if (!(error instanceof NodeApiError) || !/VS402337/.test(error.message)) return error;
	error.description =
		'The query finds more than 20,000 work items, the most one WIQL query may answer. Narrow it (an area path, a work item type, a date such as [System.ChangedDate] >= @Today - 90), or make it a flat query of work items (FROM WorkItems), which the node reads page by page.';
	return error;
}

/** What reading a query page by page found: how many ids, in how many requests. */
export interface IdPages {
	count: number;
	requests: number;
}

/**
 * Reads a flat query's ids page by page in ascending id order (each page `[System.Id] > last`, at most
 * 20,000), narrowed by `conditions`, handing each page to `onPage` (which may answer `false` to stop). A page that does not move past the last
 * id (a service repeating itself) and more than {@link MAX_WIQL_PAGES} pages end with an error that says how
 * far the reading got.
 */
export async function readIdPages(
	context: ApiContext,
	project: string,
	parts: WiqlParts,
	conditions: readonly string[],
	onPage: (ids: number[]) => boolean | void,
): Promise<IdPages> {
	let after = 0;
	let count = 0;
	for (let requests = 1; requests <= MAX_WIQL_PAGES; requests++) {
		const ids = await runWiql(context, project, idPageQuery(parts, conditions, after), WIQL_CAP);
		if (ids.some((id, i) => id <= (i === 0 ? after : ids[i - 1]))) {
			throw new NodeOperationError(
				context.getNode(),
				`Azure DevOps answered page ${requests} of the query with work items already read`,
				{
					description: `Read ${count} work items in ${requests - 1} pages before the repeat. Retry later; if it persists, narrow the query.`,
				},
			);
		}
		count += ids.length;
		if (onPage(ids) === false || ids.length < WIQL_CAP) return { count, requests };
		after = ids[ids.length - 1];
	}
	throw new NodeOperationError(
		context.getNode(),
		`The query finds more than ${MAX_WIQL_PAGES * WIQL_CAP} work items`,
		{
			description: `Stopped after ${count} work items in ${MAX_WIQL_PAGES} pages. Narrow the query, e.g. with an area path or a date condition.`,
		},
	);
}

/** The organization URL of the credential, as links to Azure Boards start. */
export async function organizationBase(context: ApiContext): Promise<string> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	return normalizeOrganizationUrl(context.getNode(), credentials.organizationUrl);
}

/** Adds `htmlUrl`, the page a person opens: `{organization}/{project}/_workitems/edit/{id}`. */
export function withHtmlUrl(
	base: string,
	workItem: IDataObject,
	fallbackProject = '',
): IDataObject {
	const fields = (workItem.fields ?? {}) as IDataObject;
	const project =
		typeof fields['System.TeamProject'] === 'string'
			? fields['System.TeamProject']
			: fallbackProject;
	const projectPart = project ? `${projectSegment(project)}/` : '';
	return { ...workItem, htmlUrl: `${base}/${projectPart}_workitems/edit/${String(workItem.id)}` };
}
