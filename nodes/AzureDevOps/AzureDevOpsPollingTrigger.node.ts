import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { pollOrShowLatest } from '../shared/polling/poll';
import { searchProjects } from './methods/listSearch';
import { getBuildDefinitions, getWorkItemTypes } from './methods/loadOptions';
import { pollingProperties } from './polling/description';
import { fetchTestEvent, pollChanges } from './polling/poll';
import { CREDENTIAL_TYPE } from './transport';

/**
 * The Azure DevOps Trigger's events for n8n instances Azure DevOps cannot reach, and without the events a
 * webhook loses: work item revisions and completed builds read on n8n's polling schedule, behind a
 * watermark kept in the node's static data (docs/polling.md).
 */
export class AzureDevOpsPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Azure DevOps Polling Trigger',
		name: 'azureDevOpsPollingTrigger',
		icon: { light: 'file:azureDevOps.svg', dark: 'file:azureDevOps.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ [].concat($parameter["events"]).length === 1 ? $parameter["events"][0] : [].concat($parameter["events"]).length + " events" }}',
		description:
			'Starts the workflow on Azure DevOps work item changes and completed builds, read on a schedule',
		defaults: { name: 'Azure DevOps Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: pollingProperties,
	};

	methods = {
		loadOptions: { getWorkItemTypes, getBuildDefinitions },
		listSearch: { searchProjects },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollOrShowLatest(this, pollChanges, fetchTestEvent);
	}
}
