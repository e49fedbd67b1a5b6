import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { createWebhookSetting } from '../../api/webhookSettings';
import { eventOptions } from '../../events';
import { toTapdParameters, withoutSecret, workspaceIdOf } from '../helpers';

export const description: INodeProperties[] = [
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://n8n.example.com/webhook/…',
		description:
			'Where TAPD posts the events. TAPD devcloud addresses with a port accept only 80, 443, 8080 and 8081.',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: eventOptions,
		default: [],
		required: true,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Content Type',
				name: 'content_type',
				type: 'options',
				options: [
					{ name: 'JSON', value: 'json' },
					{ name: 'Form', value: 'form' },
				],
				default: 'json',
			},
			{
				displayName: 'Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'Sent back by TAPD in every delivery so the receiver can check where it comes from',
			},
			{
				displayName: 'Owner',
				name: 'owner',
				type: 'string',
				default: '',
			},
			{
				displayName: 'RIO Token',
				name: 'rio_token',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: "Only for TAPD apps behind TAPD's app gateway",
			},
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const events = this.getNodeParameter('events', itemIndex, []) as string[];
	if (events.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Select at least one event', { itemIndex });
	}
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const setting = await createWebhookSetting(this, {
		...toTapdParameters(additional),
		workspace_id: workspaceIdOf(this, itemIndex),
		url: String(this.getNodeParameter('url', itemIndex)).trim(),
		events: events.join(','),
	});
	return [{ json: withoutSecret(setting) }];
}
