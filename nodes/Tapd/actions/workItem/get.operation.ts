import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { tapdApiRequestAllItems } from '../../transport';
import { workspaceIdOf } from '../common';
import { WORK_ITEMS, type WorkItemResource } from './config';
import { kindOf } from './shared';

export function descriptionFor(resource: WorkItemResource): INodeProperties[] {
	return [
		{
			displayName: `${WORK_ITEMS[resource].label} ID`,
			name: 'id',
			type: 'string',
			default: '',
			required: true,
			placeholder: '1010158231500623503',
		},
	];
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const kind = kindOf(this, itemIndex);
	const id = String(this.getNodeParameter('id', itemIndex)).trim();
	const workspaceId = workspaceIdOf(this, itemIndex);
	const [record] = await tapdApiRequestAllItems.call(
		this,
		kind.path,
		kind.recordKey,
		{ workspace_id: workspaceId, id },
		1,
	);
	if (!record) {
		throw new NodeOperationError(
			this.getNode(),
			`No ${kind.label.toLowerCase()} with ID ${id} in workspace ${workspaceId}`,
			{ itemIndex, description: 'Check the ID and that the credential can see this workspace.' },
		);
	}
	return [{ json: record }];
}
