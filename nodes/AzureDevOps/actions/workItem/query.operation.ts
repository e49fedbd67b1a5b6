import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { returnAllProperties } from '../../../shared/actions/properties';
import {
	getWorkItemsBatch,
	organizationBase,
	runWiql,
	splitList,
	withHtmlUrl,
} from '../../workItems';
import { forOperation, projectProperty, toItems } from '../common';

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
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const project = this.getNodeParameter('project', i) as string;
	const query = this.getNodeParameter('query', i) as string;
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', i, 50) as number);
	const options = this.getNodeParameter('readOptions', i, {}) as IDataObject;
	const ids = await runWiql(this, project, query, limit);
	const workItems = await getWorkItemsBatch(this, project, ids, splitList(options.fields));
	const base = await organizationBase(this);
	return toItems(workItems.map((workItem) => withHtmlUrl(base, workItem, project)));
}
