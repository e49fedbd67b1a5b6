import {
	NodeOperationError,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeListSearchResult,
} from 'n8n-workflow';

import { pageOfList } from '../../shared/resourceLocator';
import { tapdApiRequest, unwrapRecord } from '../transport';

/**
 * The workspaces of the credential's company (`GET /workspaces/projects?company_id=…`, docs/contracts/tapd.md,
 * "Workspaces"). TAPD answers the whole list at once, so it is filtered and paged here.
 */
export async function searchWorkspaces(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const credentials = await this.getCredentials('tapdApi');
	const companyId = String(credentials.companyId ?? '').trim();
	if (!companyId) {
		throw new NodeOperationError(this.getNode(), 'TAPD lists workspaces only by company', {
			description:
				'Enter the Company ID in the TAPD credential, or choose By ID or By URL and give the workspace.',
		});
	}
	const data = await tapdApiRequest(this, {
		path: '/workspaces/projects',
		qs: { company_id: companyId },
	});
	const web = String(credentials.webUrl || 'https://www.tapd.cn').replace(/\/+$/, '');
	const workspaces = (Array.isArray(data) ? data : [])
		.map((entry) => unwrapRecord(entry, 'Workspace'))
		// The company itself is listed too, as an "organization".
		.filter((workspace: IDataObject) => workspace.id && workspace.category !== 'organization')
		.map((workspace) => ({
			name: `${String(workspace.name ?? workspace.id)}${workspace.status === 'closed' ? ' (closed)' : ''}`,
			value: String(workspace.id),
			url: `${web}/${String(workspace.id)}`,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	return pageOfList(workspaces, filter, paginationToken);
}
