import type { INodeProperties } from 'n8n-workflow';

import { eventOptions } from '../../events';

/** TAPD's data format of a webhook setting (docs/contracts/tapd.md, "Create"). */
export const contentTypeField: INodeProperties = {
	displayName: 'Content Type',
	name: 'content_type',
	type: 'options',
	options: [
		{ name: 'JSON', value: 'json' },
		{ name: 'Form', value: 'form' },
	],
	default: 'json',
};

/** The setting an operation works on. */
export const settingIdProperty: INodeProperties = {
	displayName: 'Webhook Setting ID',
	name: 'settingId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '1010158231000002151',
};

const TIME_QUERY =
	'A time or a range in TAPD\'s syntax: "2024-01-01", ">2024-01-01", "<2024-01-01" or "2024-01-01~2024-01-31"';

/**
 * Filters of `GET /webhook_settings` and of its count (docs/contracts/tapd.md, "List" and "Count"). They
 * differ only in the URL filter's name: `webhook_url` for the list, `url` for the count.
 */
export function webhookSettingFilters(urlFilter: 'webhook_url' | 'url'): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			contentTypeField,
			{
				displayName: 'Created',
				name: 'created',
				type: 'string',
				default: '',
				description: TIME_QUERY,
			},
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
			{
				displayName: 'Modified',
				name: 'modified',
				type: 'string',
				default: '',
				description: TIME_QUERY,
			},
			{ displayName: 'Modifier', name: 'modifier', type: 'string', default: '' },
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
			{ displayName: 'URL', name: urlFilter, type: 'string', default: '' },
		],
	};
}
