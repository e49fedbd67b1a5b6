import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { devcloudPortProblem, updateWebhookSetting } from '../../api/webhookSettings';
import { eventOptions } from '../../events';
import { toTapdParameters, withoutSecret, workspaceIdOf } from '../helpers';
import { contentTypeField, settingIdProperty } from './common.descriptions';
import { secretFields, secretFromCredentialProperties } from './secret';

export const description: INodeProperties[] = [
	settingIdProperty,
	secretFromCredentialProperties.update,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			contentTypeField,
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: eventOptions,
				default: [],
				description: 'The events the setting sends from now on; they replace the current ones',
			},
			{ displayName: 'Owner', name: 'owner', type: 'string', default: '' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Normal (Sends Events)', value: 'normal' },
					{ name: 'Closed (Sends Nothing)', value: 'closed' },
				],
				default: 'normal',
				description: 'Close a setting to pause its deliveries, or reopen it',
			},
			{
				displayName: 'URL',
				name: 'url',
				type: 'string',
				default: '',
				placeholder: 'https://n8n.example.com/webhook/…',
			},
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const id = String(this.getNodeParameter('settingId', itemIndex)).trim();
	const updates = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	// Events are TAPD's comma-separated list, not its `a|b` filter syntax.
	const events = Array.isArray(updates.events) ? updates.events.map(String) : undefined;
	const fields = {
		...toTapdParameters({ ...updates, events: undefined }),
		...(await secretFields(this, itemIndex)),
	};
	if (events && events.length > 0) fields.events = events.join(',');
	if (typeof fields.url === 'string') fields.url = fields.url.trim();
	if (Object.keys(fields).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Add at least one field to update', { itemIndex });
	}
	const portProblem = typeof fields.url === 'string' ? devcloudPortProblem(fields.url) : undefined;
	if (portProblem) throw new NodeOperationError(this.getNode(), portProblem, { itemIndex });
	const setting = await updateWebhookSetting(this, workspaceIdOf(this, itemIndex), id, fields);
	return [{ json: withoutSecret(setting) }];
}
