import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as defectKpi from './actions/defectKpi';
import { router } from './actions/router';
import * as workItem from './actions/workItem';
import { searchProjects, searchWorkItems } from './methods/listSearch';
import { getWorkItemTypes } from './methods/loadOptions';
import { CREDENTIAL_TYPE } from './transport';

export class AzureDevOps implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Azure DevOps',
		name: 'azureDevOps',
		icon: { light: 'file:azureDevOps.svg', dark: 'file:azureDevOps.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, read, update and query Azure Boards work items, and count defects',
		defaults: { name: 'Azure DevOps' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Defect KPI', value: 'defectKpi' },
					{ name: 'Work Item', value: 'workItem' },
				],
				default: 'workItem',
			},
			...workItem.description,
			...defectKpi.description,
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
