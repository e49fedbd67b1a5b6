import type { INodeProperties } from 'n8n-workflow';

import { resourceLocator } from '../../shared/resourceLocator';

/** The fields of the test execution and test case log resources: which project, which execution. */

/**
 * A project in Test Manager's web address, `…/testmanager_/{project prefix}/…` (the address Test Manager opens
 * a project at, e.g. `…/testmanager_/CHK/testexecutions/…`); `api` is the REST API, not a project.
 */
export const PROJECT_URL_REGEX =
	'^https?://[^?#]*?/testmanager_/(?!api(?:[/?#]|$))([A-Za-z0-9][A-Za-z0-9_-]*)(?:[/?#]|$)';

/** A test execution's page: `…/testexecutions/{uuid}`. */
export const TEST_EXECUTION_URL_REGEX =
	'^https?://\\S*?/testexecutions/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})';

export const projectIdProperty: INodeProperties = {
	...resourceLocator({
		displayName: 'Project',
		name: 'projectId',
		noun: 'project',
		searchListMethod: 'searchProjects',
		required: true,
		url: {
			placeholder: 'https://cloud.uipath.com/acme/DefaultTenant/testmanager_/CHK/dashboard',
			regex: PROJECT_URL_REGEX,
		},
		id: {
			placeholder: '3d1f9c2a-5b7e-4c10-9a8d-6e2f4b1c0a91',
			hint: "The project's ID, or its prefix (such as CHK)",
		},
	}),
	hint: 'The Create Defect request names no project: choose the project of the Test Manager connection',
};

export const testExecutionIdProperty: INodeProperties = {
	...resourceLocator({
		displayName: 'Test Execution',
		name: 'testExecutionId',
		noun: 'test execution',
		searchListMethod: 'searchTestExecutions',
		required: true,
		description:
			'The test execution. Its ID defaults to the one of a UiPath Test Manager Trigger Create Defect item.',
		url: {
			placeholder:
				'https://cloud.uipath.com/acme/DefaultTenant/testmanager_/CHK/testexecutions/0e8b2f4d-1c3a-4b5e-8f7d-9a6c2e1b3d40',
			regex: TEST_EXECUTION_URL_REGEX,
		},
		id: { placeholder: '0e8b2f4d-1c3a-4b5e-8f7d-9a6c2e1b3d40' },
	}),
	default: { mode: 'id', value: '={{ $json.body.testExecutionId }}' },
};
