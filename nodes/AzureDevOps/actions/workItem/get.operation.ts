import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { apiRequest } from '../../transport';
import { organizationBase, splitList, withHtmlUrl } from '../../workItems';
import { forOperation, workItemIdProperty } from '../common';

export const description: INodeProperties[] = forOperation('workItem', 'get', [
	workItemIdProperty,
	{
		displayName: 'Options',
		name: 'readOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Expand',
				name: 'expand',
				type: 'options',
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Fields', value: 'fields' },
					{ name: 'Links', value: 'links' },
					{ name: 'None', value: 'none' },
					{ name: 'Relations', value: 'relations' },
				],
				default: 'relations',
				description: 'What to include besides the fields; ignored when Fields is set',
			},
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'string',
				default: '',
				placeholder: 'System.Title, System.State',
				description: 'Only these fields, by reference name, comma-separated',
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = this.getNodeParameter('workItemId', i) as number;
	const options = this.getNodeParameter('readOptions', i, {}) as IDataObject;
	const fields = splitList(options.fields);
	// Azure DevOps refuses fields and $expand together.
	const qs: IDataObject =
		fields.length > 0 ? { fields: fields.join(',') } : { $expand: options.expand ?? 'relations' };
	const workItem = await apiRequest<IDataObject>(this, {
		method: 'GET',
		path: `_apis/wit/workitems/${encodeURIComponent(String(id))}`,
		qs,
		scope: 'workItems',
	});
	return [{ json: withHtmlUrl(await organizationBase(this), workItem) }];
}
