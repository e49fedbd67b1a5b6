import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { listWebhookSettings, withoutSecret } from '../../webhookSettings';
import { limitOf, returnAllProperties, toTapdParameters, workspaceIdOf } from '../common';
import { webhookSettingFilters } from './filters';

export const description: INodeProperties[] = [...returnAllProperties(), webhookSettingFilters];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const settings = await listWebhookSettings.call(
		this,
		workspaceIdOf(this, itemIndex),
		toTapdParameters(filters),
		limitOf(this, itemIndex),
	);
	return settings.map((setting) => ({ json: withoutSecret(setting) }));
}
