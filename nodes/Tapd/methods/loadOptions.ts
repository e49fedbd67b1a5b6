import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { currentLocatorValue } from '../../shared/resourceLocator';
import { tapdApiRequestAllItems } from '../pages';
import { tapdApiRequest } from '../transport';
import { WORK_ITEMS, type WorkItemResource } from '../workItems';

function workspaceIdOf(context: ILoadOptionsFunctions): string {
	return currentLocatorValue(context, 'workspaceId');
}

/** The statuses of the workspace's workflow for the chosen kind (`/workflows/status_map`). */
export async function getStatuses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const workspaceId = workspaceIdOf(this);
	if (!workspaceId) return [];
	const resource = this.getCurrentNodeParameter('resource') as string;
	const system = WORK_ITEMS[resource as WorkItemResource]?.system ?? 'bug';
	const data = (await tapdApiRequest(this, {
		path: '/workflows/status_map',
		qs: { workspace_id: workspaceId, system },
	})) as IDataObject | null;
	return Object.entries(data ?? {}).map(([value, label]) => ({
		name: `${String(label)} (${value})`,
		value,
	}));
}

/** The workspace's iterations, newest first. */
export async function getIterations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const workspaceId = workspaceIdOf(this);
	if (!workspaceId) return [];
	const iterations = await tapdApiRequestAllItems(
		this,
		{
			path: '/iterations',
			recordKey: 'Iteration',
			qs: { workspace_id: workspaceId, order: 'created desc', fields: 'id,name,status' },
		},
		1000,
	);
	return [
		{ name: '— Any —', value: '' },
		...iterations.map((iteration) => ({
			name: `${String(iteration.name)}${iteration.status === 'done' ? ' (done)' : ''}`,
			value: String(iteration.id),
		})),
	];
}
