import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { tapdApiRequest, unwrapRecord } from '../../transport';
import { nameValueProperty, toTapdParameters, workspaceIdOf } from '../common';
import { TASK_STATUS_OPTIONS, WORK_ITEMS, editableFields, type WorkItemResource } from './config';
import { kindOf } from './shared';

export function descriptionFor(resource: WorkItemResource): INodeProperties[] {
	const kind = WORK_ITEMS[resource];
	const status: INodeProperties =
		resource === 'task'
			? {
					displayName: 'Status (状态)',
					name: 'status',
					type: 'options',
					options: TASK_STATUS_OPTIONS,
					default: 'open',
				}
			: {
					displayName: 'Status (状态) Name or ID',
					name: 'status',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getStatuses', loadOptionsDependsOn: ['workspaceId'] },
					default: '',
					description:
						'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				};
	return [
		{
			displayName: `${kind.label} ID`,
			name: 'id',
			type: 'string',
			default: '',
			required: true,
			placeholder: '1010158231500623503',
		},
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
						displayName: 'Changed By (变更人)',
						name: 'current_user',
						type: 'string',
						default: '',
						description: 'The nickname TAPD records as having made the change',
					},
					status,
					{
						displayName: kind.titleField === 'title' ? 'Title (标题)' : 'Name (标题)',
						name: kind.titleField,
						type: 'string',
						default: '',
					},
				] as INodeProperties[]
			).sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
		nameValueProperty(
			'Custom Fields',
			'customFields',
			'Other TAPD fields by their API name, e.g. custom_field_one',
		),
	];
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const kind = kindOf(this, itemIndex);
	const fields = toTapdParameters(
		{
			...(this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject),
			customFields: this.getNodeParameter('customFields', itemIndex, {}),
		} as IDataObject,
		'customFields',
	);
	if (Object.keys(fields).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Add at least one field to update', { itemIndex });
	}
	const data = await tapdApiRequest.call(
		this,
		'POST',
		kind.path,
		{},
		{
			...fields,
			workspace_id: workspaceIdOf(this, itemIndex),
			id: String(this.getNodeParameter('id', itemIndex)).trim(),
		},
	);
	return [{ json: unwrapRecord(data, kind.recordKey) }];
}
