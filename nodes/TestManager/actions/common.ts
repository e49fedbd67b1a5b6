import type { INodeProperties } from 'n8n-workflow';

import { returnAllProperties as sharedReturnAllProperties } from '../../shared/actions/properties';

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

/** Return All (on by default: the lists are read page by page until the end) and Limit. */
export function returnAllProperties(resource: string, operation: string): INodeProperties[] {
	return sharedReturnAllProperties(true).map((property) => ({
		...property,
		displayOptions: {
			show: { ...property.displayOptions?.show, resource: [resource], operation: [operation] },
		},
	}));
}
