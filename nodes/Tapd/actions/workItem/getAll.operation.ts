import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import {
	limitOf,
	pickFields,
	returnAllProperties,
	simplifyOf,
	simplifyProperties,
} from '../../../shared/actions/properties';
import { tapdApiRequestAllItems } from '../../pages';
import type { WorkItemResource } from '../../workItems';
import { listOptionsProperty } from '../common.descriptions';
import { filtersOf, kindOf, toTapdParameters, workspaceIdOf } from '../helpers';
import { filterProperties } from './common.descriptions';

export function descriptionFor(resource: WorkItemResource): INodeProperties[] {
	return [
		...returnAllProperties(),
		...filterProperties(resource),
		...simplifyProperties(),
		listOptionsProperty('title,status,created', 'Only these fields, separated by commas'),
	];
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const kind = kindOf(this, itemIndex);
	const records = await tapdApiRequestAllItems(
		this,
		{
			path: kind.path,
			recordKey: kind.recordKey,
			qs: {
				...toTapdParameters(this.getNodeParameter('queryOptions', itemIndex, {}) as IDataObject),
				...filtersOf(this, itemIndex),
				workspace_id: workspaceIdOf(this, itemIndex),
			},
		},
		limitOf(this, itemIndex),
	);
	const simple = simplifyOf(this, itemIndex);
	return records.map((record) => ({
		json: simple ? pickFields(record, kind.simpleFields) : record,
	}));
}
