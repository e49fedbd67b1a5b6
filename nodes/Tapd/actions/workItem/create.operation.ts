import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { tapdApiRequest, unwrapRecord } from '../../transport';
import { nameValueProperty, toTapdParameters, workspaceIdOf } from '../common';
import { WORK_ITEMS, editableFields, type WorkItemResource } from './config';
import { kindOf } from './shared';

export function descriptionFor(resource: WorkItemResource): INodeProperties[] {
	const kind = WORK_ITEMS[resource];
	return [
		{
			displayName: kind.titleField === 'title' ? 'Title (标题)' : 'Name (标题)',
			name: 'title',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: editableFields(resource),
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
	const fields = {
		...toTapdParameters(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
		...toTapdParameters(
			{ customFields: this.getNodeParameter('customFields', itemIndex, {}) } as IDataObject,
			'customFields',
		),
		workspace_id: workspaceIdOf(this, itemIndex),
		[kind.titleField]: String(this.getNodeParameter('title', itemIndex)),
	};
	const data = await tapdApiRequest.call(this, 'POST', kind.path, {}, fields);
	return [{ json: unwrapRecord(data, kind.recordKey) }];
}
