import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { countWebhookSettings } from '../../api/webhookSettings';
import { toTapdParameters, workspaceIdOf } from '../helpers';
import { webhookSettingFilters } from './common.descriptions';

export const description: INodeProperties[] = [webhookSettingFilters('url')];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const count = await countWebhookSettings(
		this,
		workspaceIdOf(this, itemIndex),
		toTapdParameters(filters),
	);
	return [{ json: { count } }];
}
