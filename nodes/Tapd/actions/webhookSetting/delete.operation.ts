import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { deleteWebhookSetting } from '../../api/webhookSettings';
import { workspaceIdOf } from '../helpers';
import { settingIdProperty } from './common.descriptions';

export const description: INodeProperties[] = [settingIdProperty];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const id = String(this.getNodeParameter('settingId', itemIndex)).trim();
	const result = await deleteWebhookSetting(this, workspaceIdOf(this, itemIndex), id);
	return [{ json: { id, deleted: result !== 'closed', result } }];
}
