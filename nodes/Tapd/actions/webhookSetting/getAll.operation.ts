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

export const description: INodeProperties[] = [
	...returnAllProperties(),
	webhookSettingFilters('webhook_url'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'string',
				default: '',
				placeholder: 'url,events,status',
				description:
					'Only these fields of each setting, comma-separated. Without secret, has_secret is not reported.',
			},
			{
				displayName: 'Order',
				name: 'order',
				type: 'string',
				default: '',
				placeholder: 'created desc',
				description: 'A field and asc or desc, e.g. "created desc"',
			},
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const settings = await listWebhookSettings(
		this,
		workspaceIdOf(this, itemIndex),
		toTapdParameters({ ...filters, ...options }),
		limitOf(this, itemIndex),
	);
	return settings.map((setting) => ({ json: withoutSecret(setting) }));
}
