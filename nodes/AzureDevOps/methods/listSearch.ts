import {
	NodeApiError,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeListSearchResult,
} from 'n8n-workflow';

import { searchPages } from '../../shared/resourceLocator';
import {
	getWorkItemsBatch,
	organizationBase,
	runWiql,
	wiqlString,
	withHtmlUrl,
} from '../api/workItems';
import { azureDevOpsApiRequest, projectSegment } from '../transport';

/** The editor's searchable lists of the project and work item locators (`methods.listSearch`). */

const PROJECT_PAGE = 100;
const WORK_ITEM_PAGE = 50;

/** Projects of the organization, `$top`/`$skip` page by page; the value is the id (stable across renames). */
export async function searchProjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const base = await organizationBase(this);
	return await searchPages(
		async (position) => {
			const skip = Number(position ?? 0);
			const page = await azureDevOpsApiRequest<{ value?: IDataObject[] }>(this, {
				method: 'GET',
				path: '_apis/projects',
				qs: { $top: PROJECT_PAGE, $skip: skip },
				scope: 'projects',
			});
			const projects = page?.value ?? [];
			return {
				items: projects.map((project) => ({
					name: String(project.name),
					value: String(project.id),
					url: `${base}/${projectSegment(String(project.name))}`,
				})),
				next: projects.length < PROJECT_PAGE ? undefined : String(skip + PROJECT_PAGE),
			};
		},
		filter,
		paginationToken,
	);
}

/** WIQL's full-text search takes at most 100 characters. */
const MAX_SEARCH_TEXT = 99;

/**
 * The condition for what the user typed: words in titles, found with WIQL's full-text index (`CONTAINS WORDS`,
 * the trailing `*` matching any word that starts so) rather than `CONTAINS`, which scans every work item of
 * the organization (docs/contracts/azure-devops.md, "WIQL"); a number is also an id.
 */
function searchCondition(text: string, fullText: boolean): string | undefined {
	if (!text) return undefined;
	const words = text.replace(/[*"]/g, ' ').trim().slice(0, MAX_SEARCH_TEXT);
	const byTitle = fullText
		? `[System.Title] CONTAINS WORDS ${wiqlString(`${words}*`)}`
		: `[System.Title] CONTAINS ${wiqlString(words)}`;
	return /^\d+$/.test(text) ? `([System.Id] = ${Number(text)} OR ${byTitle})` : byTitle;
}

/**
 * Work items of the whole organization (the Work Item locator has no project), newest first, whose title has
 * words starting with the text (or whose id is the number typed): a WIQL query per page, continued below the
 * last id seen. Where full-text search is not available (some Azure DevOps Server collations), the title is
 * searched with `CONTAINS` instead.
 */
export async function searchWorkItems(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const text = (filter ?? '').trim();
	const below = Number(paginationToken);
	const query = (fullText: boolean) => {
		const conditions = [searchCondition(text, fullText)];
		if (Number.isInteger(below) && below > 0) conditions.push(`[System.Id] < ${below}`);
		const where = conditions.filter(Boolean).join(' AND ');
		return `SELECT [System.Id] FROM WorkItems${where ? ` WHERE ${where}` : ''} ORDER BY [System.Id] DESC`;
	};
	const ids = await runWiql(this, '', query(true), WORK_ITEM_PAGE).catch(async (error: unknown) => {
		const refusedFullText =
			error instanceof NodeApiError && error.httpCode === '400' && /\D/.test(text);
		if (!refusedFullText) throw error;
		return await runWiql(this, '', query(false), WORK_ITEM_PAGE);
	});
	const workItems =
		ids.length > 0
			? await getWorkItemsBatch(this, '', ids, [
					'System.Title',
					'System.WorkItemType',
					'System.TeamProject',
				])
			: [];
	const base = await organizationBase(this);
	return {
		results: workItems.map((workItem) => {
			const fields = (workItem.fields ?? {}) as IDataObject;
			return {
				name: `${String(fields['System.WorkItemType'] ?? 'Work item')} ${String(workItem.id)}: ${String(fields['System.Title'] ?? '')}`,
				value: String(workItem.id),
				url: String(withHtmlUrl(base, workItem).htmlUrl),
			};
		}),
		...(ids.length === WORK_ITEM_PAGE ? { paginationToken: String(Math.min(...ids)) } : {}),
	};
}
