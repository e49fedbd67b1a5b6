import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { deleteWebhookSetting } from '../../api/webhookSettings';
import { workspaceIdOf } from '../helpers';

export const description: INodeProperties[] = [
	{
		displayName: 'Webhook Setting ID',
		name: 'settingId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '1010158231000002151',
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const id = String(this.getNodeParameter('settingId', itemIndex)).trim();
	const result = await deleteWebhookSetting(this, workspaceIdOf(this, itemIndex), id);
	return [{ json: { id, deleted: result !== 'closed', result } }];
}
