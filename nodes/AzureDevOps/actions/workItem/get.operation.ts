import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { forOperation, simplifyOf, simplifyProperties } from '../../../shared/actions/properties';
import { organizationBase, withHtmlUrl } from '../../api/workItems';
import { azureDevOpsApiRequest } from '../../transport';
import { simpleWorkItem, splitList, workItemIdOf } from '../helpers';
import { workItemIdProperty } from './common.descriptions';

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
	...simplifyProperties(),
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const id = workItemIdOf(this, itemIndex);
	const options = this.getNodeParameter('readOptions', itemIndex, {}) as IDataObject;
	const fields = splitList(options.fields);
	// Azure DevOps refuses fields and $expand together.
	const qs: IDataObject =
		fields.length > 0 ? { fields: fields.join(',') } : { $expand: options.expand ?? 'relations' };
	const workItem = await azureDevOpsApiRequest<IDataObject>(this, {
		method: 'GET',
		path: `_apis/wit/workitems/${encodeURIComponent(String(id))}`,
		qs,
		scope: 'workItems',
	});
	const json = withHtmlUrl(await organizationBase(this), workItem);
	return [{ json: simplifyOf(this, itemIndex) ? simpleWorkItem(json) : json }];
}
