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
import { searchWorkspaces } from './methods/listSearch';
import { getIterations, getStatuses } from './methods/loadOptions';
import { secretStrengthTest } from '../shared/webhook/secrets';

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
		credentials: [
			{ name: 'tapdApi', required: true },
			{
				name: 'tapdWebhookApi',
				required: true,
				testedBy: 'tapdSecretStrength',
				displayOptions: {
					show: {
						resource: ['webhookSetting'],
						operation: ['create', 'update'],
						secretFromCredential: [true],
					},
				},
			},
			{
				name: 'testOpsN8nApi',
				required: true,
				displayOptions: {
					show: {
						resource: ['webhookSetting'],
						operation: ['check'],
						matchPublishedWorkflows: [true],
					},
				},
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Bug', value: 'bug' },
					{ name: 'Defect KPI', value: 'defectKpi' },
					{ name: 'Story', value: 'story' },
					{ name: 'Task', value: 'task' },
					{ name: 'Webhook Setting', value: 'webhookSetting' },
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
		listSearch: { searchWorkspaces },
		credentialTest: { tapdSecretStrength: secretStrengthTest('secret') },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
