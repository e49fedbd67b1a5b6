import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { workspaceIdProperty } from './common.descriptions';
import * as defectKpi from './actions/defectKpi';
import { router } from './actions/router';
import * as webhookSetting from './actions/webhookSetting';
import * as workItem from './actions/workItem';
import { tapdApiTest } from './methods/credentialTest';
import { getIterations, getStatuses } from './methods/loadOptions';

export class Tapd implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'TAPD',
		name: 'tapd',
		icon: { light: 'file:tapd.svg', dark: 'file:tapd.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage TAPD bugs, stories, tasks and webhook settings, and compute defect KPIs for UiPath Test Manager',
		defaults: { name: 'TAPD' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tapdApi', required: true, testedBy: 'tapdApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Bug (缺陷)', value: 'bug' },
					{ name: 'Defect KPI', value: 'defectKpi' },
					{ name: 'Story (需求)', value: 'story' },
					{ name: 'Task (任务)', value: 'task' },
					{ name: 'Webhook Setting (Webhook配置)', value: 'webhookSetting' },
				],
				default: 'bug',
			},
			...webhookSetting.description,
			...workItem.description,
			...defectKpi.description,
			workspaceIdProperty,
		],
	};

	methods = {
		loadOptions: { getStatuses, getIterations },
		credentialTest: { tapdApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
