import type { INodeProperties } from 'n8n-workflow';

import { eventOptions } from '../../events';

/**
 * Filters of `GET /webhook_settings` and its count, shown by get many and count (docs/contracts/tapd.md,
 * "Webhook settings").
 */
export const webhookSettingFilters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		{ displayName: 'Creator', name: 'creator', type: 'string', default: '' },
		{
			displayName: 'Events Contain',
			name: 'events',
			type: 'options',
			options: eventOptions,
			default: 'bug::create',
			description: 'TAPD matches this loosely against the events of each setting',
		},
		{ displayName: 'ID', name: 'id', type: 'string', default: '' },
		{ displayName: 'Owner', name: 'owner', type: 'string', default: '' },
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: [
				{ name: 'Normal', value: 'normal' },
				{ name: 'Closed', value: 'closed' },
			],
			default: 'normal',
		},
		{ displayName: 'URL', name: 'webhook_url', type: 'string', default: '' },
	],
};
