import type { INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../../shared/actions/properties';

import * as count from './count.operation';
import * as create from './create.operation';
import * as deleteSetting from './delete.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const operations = { create, getAll, count, update, delete: deleteSetting };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhookSetting'] } },
		options: [
			{
				name: 'Count',
				value: 'count',
				action: 'Count webhook settings',
				description: 'Count the webhook settings of a workspace',
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a webhook setting',
				description: 'Make TAPD post events to a URL (新建Webhook配置)',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a webhook setting',
				description: 'Remove a webhook setting (删除webhook配置)',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many webhook settings',
				description: 'List the webhook settings of a workspace',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a webhook setting',
				description: 'Change the events, URL or secret of a setting, or close and reopen it',
			},
		],
		default: 'getAll',
	},
	...forOperation('webhookSetting', 'create', create.description),
	...forOperation('webhookSetting', 'getAll', getAll.description),
	...forOperation('webhookSetting', 'count', count.description),
	...forOperation('webhookSetting', 'update', update.description),
	...forOperation('webhookSetting', 'delete', deleteSetting.description),
];
