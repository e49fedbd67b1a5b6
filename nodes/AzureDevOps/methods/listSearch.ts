import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

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

/**
 * Work items of the whole organization, newest first, whose title contains the search text (or whose id it
 * is): a WIQL query per page, continued below the last id seen.
 */
export async function searchWorkItems(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const conditions: string[] = [];
	const text = (filter ?? '').trim();
	if (text) {
		const byTitle = `[System.Title] CONTAINS ${wiqlString(text)}`;
		conditions.push(/^\d+$/.test(text) ? `([System.Id] = ${Number(text)} OR ${byTitle})` : byTitle);
	}
	const below = Number(paginationToken);
	if (Number.isInteger(below) && below > 0) conditions.push(`[System.Id] < ${below}`);
	const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
	const ids = await runWiql(
		this,
		'',
		`SELECT [System.Id] FROM WorkItems${where} ORDER BY [System.Id] DESC`,
		WORK_ITEM_PAGE,
	);
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
