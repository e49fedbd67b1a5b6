import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { createWebhookSetting, devcloudPortProblem } from '../../api/webhookSettings';
import { eventOptions } from '../../events';
import { toTapdParameters, withoutSecret, workspaceIdOf } from '../helpers';
import { contentTypeField } from './common.descriptions';
import { secretFields, secretFromCredentialProperties } from './secret';

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
		description:
			"The status-change events come from TAPD's app subscriptions: TAPD may refuse them in a webhook setting",
	},
	secretFromCredentialProperties.create,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			contentTypeField,
			{
				displayName: 'Owner',
				name: 'owner',
				type: 'string',
				default: '',
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
	const url = String(this.getNodeParameter('url', itemIndex)).trim();
	const portProblem = devcloudPortProblem(url);
	if (portProblem) throw new NodeOperationError(this.getNode(), portProblem, { itemIndex });
	const setting = await createWebhookSetting(this, {
		...toTapdParameters(additional),
		...(await secretFields(this, itemIndex)),
		workspace_id: workspaceIdOf(this, itemIndex),
		url,
		events: events.join(','),
	});
	return [{ json: withoutSecret(setting) }];
}
