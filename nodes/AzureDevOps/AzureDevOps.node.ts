import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { forTool, withoutOptions } from '../shared/actions/properties';
import * as defectKpi from './actions/defectKpi';
import { router } from './actions/router';
import * as serviceHook from './actions/serviceHook';
import * as workItem from './actions/workItem';
import { searchProjects, searchWorkItems } from './methods/listSearch';
import { getWorkItemTypes } from './methods/loadOptions';
import { CREDENTIAL_TYPE } from './transport';

const resource: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Defect KPI', value: 'defectKpi' },
		{ name: 'Service Hook', value: 'serviceHook' },
		{ name: 'Work Item', value: 'workItem' },
	],
	default: 'workItem',
};

export class AzureDevOps implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Azure DevOps',
		name: 'azureDevOps',
		icon: { light: 'file:azureDevOps.svg', dark: 'file:azureDevOps.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create, read, update and query Azure Boards work items, count defects, and check the webhooks of this n8n',
		defaults: { name: 'Azure DevOps' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: CREDENTIAL_TYPE, required: true },
			{
				name: 'testOpsN8nApi',
				required: true,
				displayOptions: {
					show: {
						resource: ['serviceHook'],
						operation: ['check'],
						matchPublishedWorkflows: [true],
					},
				},
			},
		],
		properties: [
			// An AI agent gets no Service Hook resource: its Check publishes workflows again.
			forTool(false, resource),
			forTool(true, withoutOptions(resource, ['serviceHook'])),
			...workItem.description,
			...defectKpi.description,
			...serviceHook.description,
		],
	};

	methods = {
		loadOptions: { getWorkItemTypes },
		listSearch: { searchProjects, searchWorkItems },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
