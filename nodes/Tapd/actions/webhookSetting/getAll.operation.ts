import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { limitOf, returnAllProperties } from '../../../shared/actions/properties';
import { listWebhookSettings } from '../../api/webhookSettings';
import { listOptionsProperty } from '../common.descriptions';
import { toTapdParameters, withoutSecret, workspaceIdOf } from '../helpers';
import { webhookSettingFilters } from './common.descriptions';

export const description: INodeProperties[] = [
	...returnAllProperties(),
	webhookSettingFilters('webhook_url'),
	listOptionsProperty(
		'url,events,status',
		'Only these fields, separated by commas. Without secret, has_secret is not reported.',
	),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('queryOptions', itemIndex, {}) as IDataObject;
	const settings = await listWebhookSettings(
		this,
		workspaceIdOf(this, itemIndex),
		toTapdParameters({ ...filters, ...options }),
		limitOf(this, itemIndex),
	);
	return settings.map((setting) => ({ json: withoutSecret(setting) }));
}
