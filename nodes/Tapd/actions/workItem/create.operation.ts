import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { tapdApiRequest, unwrapRecord } from '../../transport';
import { WORK_ITEMS, type WorkItemResource } from '../../workItems';
import { kindOf, namedParametersOf, toTapdParameters, workspaceIdOf } from '../helpers';
import { customFieldsProperty, editableFields } from './common.descriptions';

export function descriptionFor(resource: WorkItemResource): INodeProperties[] {
	const kind = WORK_ITEMS[resource];
	return [
		{
			displayName: kind.titleField === 'title' ? 'Title' : 'Name',
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
		customFieldsProperty,
	];
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const kind = kindOf(this, itemIndex);
	const fields = {
		...toTapdParameters(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
		...namedParametersOf(this, itemIndex, 'customFields'),
		workspace_id: workspaceIdOf(this, itemIndex),
		[kind.titleField]: String(this.getNodeParameter('title', itemIndex)),
	};
	const data = await tapdApiRequest(this, { method: 'POST', path: kind.path, body: fields });
	return [{ json: unwrapRecord(data, kind.recordKey) }];
}
