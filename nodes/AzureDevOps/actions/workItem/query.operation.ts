import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import {
	forOperation,
	limitOf,
	returnAllProperties,
	simplifyOf,
	simplifyProperties,
} from '../../../shared/actions/properties';
import { getWorkItemsBatch, organizationBase, runWiql, withHtmlUrl } from '../../api/workItems';
import { projectProperty } from '../../common.descriptions';
import { projectOf, simpleWorkItem, splitList } from '../helpers';

export const description: INodeProperties[] = forOperation('workItem', 'query', [
	projectProperty,
	{
		displayName: 'WIQL Query',
		name: 'query',
		type: 'string',
		typeOptions: { rows: 5 },
		required: true,
		default:
			"SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND [System.WorkItemType] = 'Bug' AND [System.State] <> 'Closed' ORDER BY [System.ChangedDate] DESC",
		description:
			'A Work Item Query Language query. Flat and link queries both work; Azure DevOps returns at most 20,000 work items per query.',
	},
	...returnAllProperties(),
	{
		displayName: 'Options',
		name: 'readOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'string',
				default: '',
				placeholder: 'System.Title, System.State',
				description:
					'Only these fields, by reference name, comma-separated. Without it every field and the relations are returned.',
			},
		],
	},
	...simplifyProperties(),
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const project = projectOf(this, itemIndex);
	const query = this.getNodeParameter('query', itemIndex) as string;
	const limit = limitOf(this, itemIndex);
	const options = this.getNodeParameter('readOptions', itemIndex, {}) as IDataObject;
	const ids = await runWiql(this, project, query, limit);
	const workItems = await getWorkItemsBatch(this, project, ids, splitList(options.fields));
	const base = await organizationBase(this);
	const simple = simplifyOf(this, itemIndex);
	return workItems.map((workItem) => {
		const json = withHtmlUrl(base, workItem, project);
		return { json: simple ? simpleWorkItem(json) : json };
	});
}
