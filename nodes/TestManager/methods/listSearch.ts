import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { currentLocatorValue, searchPages, type ListPage } from '../../shared/resourceLocator';
import { projectIdFrom } from '../actions/helpers';
import { PAGE_SIZE, apiBaseUrl, testManagerApiRequest } from '../transport';

/**
 * The editor's searchable lists of the project and test execution locators: one `Top`/`Skip` page of Test
 * Manager's list per request (docs/contracts/test-manager.md, "Paging"), filtered here by name.
 */

async function readPage(
	context: ILoadOptionsFunctions,
	path: string,
	position: string | undefined,
	toItem: (record: IDataObject) => ListPage['items'][number],
): Promise<ListPage> {
	const skip = Number(position ?? 0);
	const answer = (await testManagerApiRequest(context, {
		method: 'GET',
		path,
		qs: { Top: PAGE_SIZE, Skip: skip },
	})) as IDataObject | IDataObject[] | undefined;
	const records = (Array.isArray(answer) ? answer : ((answer?.data as IDataObject[]) ?? [])).filter(
		(record) => record && record.id !== undefined && record.id !== null,
	);
	return {
		items: records.map(toItem),
		next: records.length < PAGE_SIZE ? undefined : String(skip + PAGE_SIZE),
	};
}

/** Projects the External Application can read, named with their prefix. */
export async function searchProjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const web = apiBaseUrl(await this.getCredentials('testManagerApi'));
	return await searchPages(
		async (position) =>
			await readPage(this, '/api/v2/projects', position, (project) => {
				const prefix = typeof project.projectPrefix === 'string' ? project.projectPrefix : '';
				return {
					name: `${String(project.name ?? project.id)}${prefix ? ` (${prefix})` : ''}`,
					value: String(project.id),
					...(prefix ? { url: `${web}/${encodeURIComponent(prefix)}` } : {}),
				};
			}),
		filter,
		paginationToken,
	);
}

/** Test executions of the chosen project (`GET /api/v2/{projectId}/testexecutions`); none until one is chosen. */
export async function searchTestExecutions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const projectId = await projectIdFrom(this, currentLocatorValue(this, 'projectId'));
	if (!projectId) return { results: [] };
	return await searchPages(
		async (position) =>
			await readPage(
				this,
				`/api/v2/${encodeURIComponent(projectId)}/testexecutions`,
				position,
				(execution) => ({
					name: `${String(execution.name ?? execution.id)}${typeof execution.objKey === 'string' ? ` (${execution.objKey})` : ''}`,
					value: String(execution.id),
				}),
			),
		filter,
		paginationToken,
	);
}
