import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forOperation } from '../../../shared/actions/properties';
import { organizationBase, withHtmlUrl } from '../../api/workItems';
import { projectProperty } from '../../common.descriptions';
import { azureDevOpsApiRequest, projectSegment } from '../../transport';
import { projectOf } from '../helpers';
import {
	fieldPatch,
	workItemFieldOptions,
	writeQuery,
	writeSwitches,
	type PatchOperation,
} from './fields';

const switches = writeSwitches('the work item');

export const description: INodeProperties[] = forOperation('workItem', 'create', [
	projectProperty,
	{
		displayName: 'Type Name or ID',
		name: 'workItemType',
		type: 'options',
		required: true,
		typeOptions: { loadOptionsMethod: 'getWorkItemTypes', loadOptionsDependsOn: ['project'] },
		default: '',
		description:
			'Work item type, such as Bug. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: workItemFieldOptions(false),
	},
	{
		displayName: 'Options',
		name: 'writeOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [switches.bypassRules, switches.suppressNotifications, switches.validateOnly],
	},
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const project = projectOf(this, itemIndex);
	const type = (this.getNodeParameter('workItemType', itemIndex) as string).trim();
	const title = (this.getNodeParameter('title', itemIndex) as string).trim();
	if (!title) {
		throw new NodeOperationError(this.getNode(), 'The title is empty', {
			itemIndex,
			description: 'Azure Boards requires a title for every work item.',
		});
	}
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const patch = fieldPatch(fields);
	if (typeof patch === 'string') {
		throw new NodeOperationError(this.getNode(), patch, { itemIndex });
	}
	const operations: PatchOperation[] = [
		{ op: 'add', path: '/fields/System.Title', value: title },
		...patch,
	];
	const created = await azureDevOpsApiRequest<IDataObject>(this, {
		method: 'POST',
		path: `${projectSegment(project)}/_apis/wit/workitems/$${encodeURIComponent(type)}`,
		qs: writeQuery(this.getNodeParameter('writeOptions', itemIndex, {}) as IDataObject),
		body: operations as unknown as IDataObject[],
		contentType: 'application/json-patch+json',
		scope: 'workItems',
	});
	return [{ json: withHtmlUrl(await organizationBase(this), created, project) }];
}
