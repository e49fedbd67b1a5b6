import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import * as count from './count.operation';
import * as create from './create.operation';
import * as deleteSetting from './delete.operation';
import * as getAll from './getAll.operation';

export const operations = { create, getAll, count, delete: deleteSetting };

const show = (operation: string) => ({
	show: { resource: ['webhookSetting'], operation: [operation] },
});

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
		],
		default: 'getAll',
	},
	...updateDisplayOptions(show('create'), create.description),
	...updateDisplayOptions(show('getAll'), getAll.description),
	...updateDisplayOptions(show('count'), count.description),
	...updateDisplayOptions(show('delete'), deleteSetting.description),
];
