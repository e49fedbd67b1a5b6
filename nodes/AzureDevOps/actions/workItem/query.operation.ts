import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import {
	forOperation,
	limitOf,
	returnAllProperties,
	simplifyOf,
	simplifyProperties,
} from '../../../shared/actions/properties';
import {
	WIQL_CAP,
	getWorkItemsBatch,
	organizationBase,
	readIdPages,
	runWiql,
	withHtmlUrl,
} from '../../api/workItems';
import { isFlatQuery, parseWiql } from '../../api/wiqlText';
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
			'A Work Item Query Language query. A flat query (FROM WorkItems) may find any number of work items: past 20,000, Return All reads them page by page, in ID order. A link query may find at most 20,000.',
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
					'Only these fields, by reference name, comma-separated; * for every field and the relations. Empty: ID, type, title, state, assigned to, area and iteration path, project, tags, priority, created and changed date.',
			},
		],
	},
	...simplifyProperties(),
]);

/** What Query reads of each work item unless told otherwise: enough to act on, a fraction of every field. */
export const DEFAULT_FIELDS = [
	'System.Id',
	'System.WorkItemType',
	'System.Title',
	'System.State',
	'System.AssignedTo',
	'System.AreaPath',
	'System.IterationPath',
	'System.TeamProject',
	'System.Tags',
	'Microsoft.VSTS.Common.Priority',
	'System.CreatedDate',
	'System.ChangedDate',
];

/** Return All reads at most this many work items; beyond, the node asks for a Limit or a narrower query. */
export const MAX_RETURN_ALL = 100_000;

/** The fields to read: the chosen ones, every field and the relations for `*`, or the default set. */
function fieldsOf(options: IDataObject): string[] | undefined {
	const chosen = splitList(options.fields);
	if (chosen.includes('*')) return undefined;
	return chosen.length > 0 ? chosen : DEFAULT_FIELDS;
}

/**
 * The ids a query finds: up to `limit` in the query's order; with Return All, a first page of 20,000 in the
 * query's order and, when a flat query finds more, all of them page by page in id order.
 */
async function idsOf(
	context: IExecuteFunctions,
	project: string,
	query: string,
	limit: number | undefined,
): Promise<number[]> {
	if (limit !== undefined && limit <= WIQL_CAP)
		return await runWiql(context, project, query, limit);
	const first = await runWiql(context, project, query, WIQL_CAP);
	if (first.length < WIQL_CAP) return first;
	const parts = parseWiql(query);
	if (!isFlatQuery(parts)) {
		throw new NodeOperationError(
			context.getNode(),
			'The link query finds 20,000 work items or more',
			{
				description:
					'WIQL answers at most 20,000, and a link query cannot be read page by page. Narrow it, or use a flat query (FROM WorkItems).',
			},
		);
	}
	const wanted = Math.min(limit ?? MAX_RETURN_ALL, MAX_RETURN_ALL);
	const ids: number[] = [];
	await readIdPages(context, project, parts, [], (page) => {
		ids.push(...page);
		if (ids.length > wanted && limit === undefined) {
			throw new NodeOperationError(
				context.getNode(),
				`The query finds more than ${MAX_RETURN_ALL} work items, the most Return All reads`,
				{
					description: `Stopped after ${ids.length} ids, before reading any work item. Set a Limit, or narrow the query.`,
				},
			);
		}
		return limit === undefined || ids.length < wanted;
	});
	return ids.slice(0, wanted);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const project = projectOf(this, itemIndex);
	const query = this.getNodeParameter('query', itemIndex) as string;
	const limit = limitOf(this, itemIndex);
	const options = this.getNodeParameter('readOptions', itemIndex, {}) as IDataObject;
	const ids = await idsOf(this, project, query, limit);
	const workItems = await getWorkItemsBatch(this, project, ids, fieldsOf(options));
	const base = await organizationBase(this);
	const simple = simplifyOf(this, itemIndex);
	return workItems.map((workItem) => {
		const json = withHtmlUrl(base, workItem, project);
		return { json: simple ? simpleWorkItem(json) : json };
	});
}
