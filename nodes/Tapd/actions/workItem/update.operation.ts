import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { tapdApiRequest, unwrapRecord } from '../../transport';
import { WORK_ITEMS, type WorkItemResource } from '../../workItems';
import { kindOf, namedParametersOf, toTapdParameters, workspaceIdOf } from '../helpers';
import {
	TASK_STATUS_OPTIONS,
	customFieldsProperty,
	editableFields,
	idProperty,
} from './common.descriptions';

export function descriptionFor(resource: WorkItemResource): INodeProperties[] {
	const kind = WORK_ITEMS[resource];
	const status: INodeProperties =
		resource === 'task'
			? {
					displayName: 'Status',
					name: 'status',
					type: 'options',
					options: TASK_STATUS_OPTIONS,
					default: 'open',
				}
			: {
					displayName: 'Status Name or ID',
					name: 'status',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getStatuses', loadOptionsDependsOn: ['workspaceId'] },
					default: '',
					description:
						'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				};
	return [
		idProperty(resource),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: (
				[
					...editableFields(resource),
					{
						displayName: 'Changed By',
						name: 'current_user',
						type: 'string',
						default: '',
						description: 'The nickname TAPD records as having made the change',
					},
					status,
					{
						displayName: kind.titleField === 'title' ? 'Title' : 'Name',
						name: kind.titleField,
						type: 'string',
						default: '',
					},
				] as INodeProperties[]
			).sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
		customFieldsProperty,
	];
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const kind = kindOf(this, itemIndex);
	const fields = {
		...toTapdParameters(this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject),
		...namedParametersOf(this, itemIndex, 'customFields'),
	};
	if (Object.keys(fields).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Add at least one field to update', { itemIndex });
	}
	const data = await tapdApiRequest(this, {
		method: 'POST',
		path: kind.path,
		body: {
			...fields,
			workspace_id: workspaceIdOf(this, itemIndex),
			id: String(this.getNodeParameter('id', itemIndex)).trim(),
		},
	});
	return [{ json: unwrapRecord(data, kind.recordKey) }];
}
