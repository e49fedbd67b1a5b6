import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { pickFields, simplifyOf, simplifyProperties } from '../../../shared/actions/properties';
import { tapdApiRequestAllItems } from '../../pages';
import type { WorkItemResource } from '../../workItems';
import { kindOf, workspaceIdOf } from '../helpers';
import { idProperty } from './common.descriptions';

export function descriptionFor(resource: WorkItemResource): INodeProperties[] {
	return [idProperty(resource), ...simplifyProperties()];
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const kind = kindOf(this, itemIndex);
	const id = String(this.getNodeParameter('id', itemIndex)).trim();
	const workspaceId = workspaceIdOf(this, itemIndex);
	const [record] = await tapdApiRequestAllItems(
		this,
		{ path: kind.path, recordKey: kind.recordKey, qs: { workspace_id: workspaceId, id } },
		1,
	);
	if (!record) {
		throw new NodeOperationError(
			this.getNode(),
			`No ${kind.label.toLowerCase()} with ID ${id} in workspace ${workspaceId}`,
			{ itemIndex, description: 'Check the ID and that the credential can see this workspace.' },
		);
	}
	return [{ json: simplifyOf(this, itemIndex) ? pickFields(record, kind.simpleFields) : record }];
}
