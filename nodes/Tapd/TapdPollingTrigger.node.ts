import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { pollOrShowLatest } from '../shared/polling/poll';
import { searchWorkspaces } from './methods/listSearch';
import { pollingProperties } from './polling/description';
import { fetchTestEvent, pollChanges } from './polling/poll';

/**
 * The TAPD Trigger's story, bug and task events for n8n instances TAPD cannot reach, and without the events
 * a webhook loses while n8n is down: changed items read on n8n's polling schedule, behind a watermark kept
 * in the node's static data (docs/polling.md).
 */
export class TapdPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'TAPD Polling Trigger',
		name: 'tapdPollingTrigger',
		icon: { light: 'file:tapd.svg', dark: 'file:tapd.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description: 'Starts the workflow when TAPD stories, bugs or tasks change, read on a schedule',
		defaults: { name: 'TAPD Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tapdApi', required: true }],
		properties: pollingProperties,
	};

	methods = {
		listSearch: { searchWorkspaces },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollOrShowLatest(this, pollChanges, fetchTestEvent);
	}
}
