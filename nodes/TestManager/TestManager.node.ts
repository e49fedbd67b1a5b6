import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { forTool, withoutOptions } from '../shared/actions/properties';
import * as project from './actions/project';
import { router } from './actions/router';
import * as testCaseLog from './actions/testCaseLog';
import * as testExecution from './actions/testExecution';
import * as webhookResponse from './actions/webhookResponse';
import { searchProjects, searchTestExecutions } from './methods/listSearch';
import { getKpiStatuses } from './methods/loadOptions';

const resource: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Project', value: 'project' },
		{ name: 'Test Case Log', value: 'testCaseLog' },
		{ name: 'Test Execution', value: 'testExecution' },
		{ name: 'Webhook Response', value: 'webhookResponse' },
	],
	default: 'webhookResponse',
};

export class TestManager implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'UiPath Test Manager',
		name: 'testManager',
		icon: { light: 'file:testManager.svg', dark: 'file:testManager.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Answer UiPath Test Manager webhook requests and read projects, test executions and test case logs',
		defaults: { name: 'UiPath Test Manager' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'testManagerApi',
				required: true,
				displayOptions: { show: { resource: ['project', 'testExecution', 'testCaseLog'] } },
			},
		],
		properties: [
			forTool(false, resource),
			// An AI agent runs outside the request a trigger holds open: it cannot answer one.
			forTool(true, { ...withoutOptions(resource, ['webhookResponse']), default: 'testCaseLog' }),
			...webhookResponse.description,
			...project.description,
			...testExecution.description,
			...testCaseLog.description,
		],
	};

	methods = {
		loadOptions: { getKpiStatuses },
		listSearch: { searchProjects, searchTestExecutions },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
