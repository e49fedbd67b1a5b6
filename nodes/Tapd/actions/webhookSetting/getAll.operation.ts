import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { limitOf, returnAllProperties } from '../../../shared/actions/properties';
import { listWebhookSettings } from '../../api/webhookSettings';
import { toTapdParameters, withoutSecret, workspaceIdOf } from '../helpers';
import { webhookSettingFilters } from './common.descriptions';

export const description: INodeProperties[] = [...returnAllProperties(), webhookSettingFilters];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const settings = await listWebhookSettings(
		this,
		workspaceIdOf(this, itemIndex),
		toTapdParameters(filters),
		limitOf(this, itemIndex),
	);
	return settings.map((setting) => ({ json: withoutSecret(setting) }));
}
