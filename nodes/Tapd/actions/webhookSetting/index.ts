import type { INodeProperties } from 'n8n-workflow';

import { forOperation, forTool, withoutOptions } from '../../../shared/actions/properties';

import * as check from './check.operation';
import * as count from './count.operation';
import * as create from './create.operation';
import * as deleteSetting from './delete.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const operations = { create, getAll, count, update, delete: deleteSetting, check };

const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['webhookSetting'] } },
	options: [
		{
			name: 'Check',
			value: 'check',
			action: 'Check and repair the webhooks of this n8n',
			description:
				'List the webhook settings that deliver to this n8n, set closed ones back to normal, and publish again the workflows whose setting is missing',
		},
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
			description: 'Make TAPD post events to a URL',
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a webhook setting',
			description: 'Remove a webhook setting',
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
};

/**
 * An AI agent may read, create and change webhook settings but not delete them: the tool variant lists no
 * Delete (deleting the setting a published TAPD Trigger relies on would silently stop its deliveries, for good)
 * and no Check (which publishes workflows again).
 */
export const description: INodeProperties[] = [
	forTool(false, operation),
	forTool(true, withoutOptions(operation, ['delete', 'check'])),
	...forOperation('webhookSetting', 'create', create.description),
	...forOperation('webhookSetting', 'getAll', getAll.description),
	...forOperation('webhookSetting', 'count', count.description),
	...forOperation('webhookSetting', 'update', update.description),
	...forOperation('webhookSetting', 'delete', deleteSetting.description),
	...forOperation('webhookSetting', 'check', check.description),
];
