import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forOperation } from '../../../shared/actions/properties';
import { organizationBase, withHtmlUrl } from '../../api/workItems';
import { azureDevOpsApiRequest } from '../../transport';
import { workItemIdOf } from '../helpers';
import { workItemIdProperty } from './common.descriptions';
import {
	fieldPatch,
	workItemFieldOptions,
	writeQuery,
	writeSwitches,
	type PatchOperation,
} from './fields';

const switches = writeSwitches('the change');

export const description: INodeProperties[] = forOperation('workItem', 'update', [
	workItemIdProperty,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: workItemFieldOptions(true),
	},
	{
		displayName: 'Options',
		name: 'writeOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			switches.bypassRules,
			{
				displayName: 'Expected Revision',
				name: 'expectedRevision',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'Update only if the work item is still at this revision (rev), so that concurrent changes are not overwritten. 0 updates whatever the revision.',
			},
			switches.suppressNotifications,
			switches.validateOnly,
		],
	},
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const id = workItemIdOf(this, itemIndex);
	const patch = fieldPatch(this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject);
	if (typeof patch === 'string') throw new NodeOperationError(this.getNode(), patch, { itemIndex });
	if (patch.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update', {
			itemIndex,
			description: 'Add at least one field under Update Fields.',
		});
	}
	const options = this.getNodeParameter('writeOptions', itemIndex, {}) as IDataObject;
	const operations: PatchOperation[] = [];
	const revision = Number(options.expectedRevision ?? 0);
	if (revision > 0) operations.push({ op: 'test', path: '/rev', value: revision });
	operations.push(...patch);
	const updated = await azureDevOpsApiRequest<IDataObject>(this, {
		method: 'PATCH',
		path: `_apis/wit/workitems/${encodeURIComponent(String(id))}`,
		qs: writeQuery(options),
		body: operations as unknown as IDataObject[],
		contentType: 'application/json-patch+json',
		scope: 'workItems',
	});
	return [{ json: withHtmlUrl(await organizationBase(this), updated) }];
}
