import type { IDataObject } from 'n8n-workflow';

import type { ApiContext } from '../../shared/http/context';
import {
	CREDENTIAL_TYPE,
	azureDevOpsApiRequest,
	normalizeOrganizationUrl,
	projectSegment,
} from '../transport';

/**
 * Work item calls both action resources make (Work Item query, Defect KPI): WIQL queries, batch reads, and
 * the web address of a work item.
 */

/** `_apis/wit/workitemsbatch` takes at most 200 ids per call. */
export const BATCH_SIZE = 200;

/** WIQL string literal: single quotes are doubled. */
export const wiqlString = (value: string): string => `'${value.replace(/'/g, "''")}'`;

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
		});
		for (const item of response?.value ?? []) {
			if (item && typeof item.id === 'number') found.set(item.id, item);
		}
	}
	return ids.map((id) => found.get(id)).filter((item): item is IDataObject => item !== undefined);
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
