import type { INodeProperties } from 'n8n-workflow';

/** The fields of the test execution and test case log resources: which project, which execution. */

export const projectIdProperty: INodeProperties = {
	displayName: 'Project Name or ID',
	name: 'projectId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getProjects' },
	required: true,
	default: '',
	description:
		'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	hint: 'The Create Defect request names no project: choose the project of the Test Manager connection',
};

export const testExecutionIdProperty: INodeProperties = {
	displayName: 'Test Execution ID',
	name: 'testExecutionId',
	type: 'string',
	required: true,
	default: '={{ $json.body.testExecutionId }}',
	description:
		'The test execution (a UUID). The default reads it from a UiPath Test Manager Trigger Create Defect item.',
};
