import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
} from 'n8n-workflow';

import { DEFAULT_KPI_STATUS_VALUES, parseStatusValues } from '../../shared/defectKpis';
import { locatorValue } from '../../shared/resourceLocator';
import { testManagerApiRequestAllItems } from '../transport';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The project's id. The project locator may hold a prefix instead (typed, or taken from a pasted address,
 * which names projects by prefix): the project list says whose it is.
 */
export async function projectIdFrom(
	context: IExecuteFunctions | ILoadOptionsFunctions,
	value: string,
): Promise<string> {
	if (!value || UUID.test(value)) return value;
	const projects = await testManagerApiRequestAllItems(context, { path: '/api/v2/projects' });
	const wanted = value.toLowerCase();
	const found = projects.find(
		(project) =>
			typeof project.projectPrefix === 'string' && project.projectPrefix.toLowerCase() === wanted,
	);
	if (!found || found.id === undefined || found.id === null) {
		throw new NodeOperationError(
			context.getNode(),
			`No UiPath Test Manager project has the prefix "${value}"`,
			{
				description: 'Choose the project from the list, or enter its ID.',
			},
		);
	}
	return String(found.id);
}

/** The project and test execution of an item, ready for an API path. */
export async function executionPathOf(
	context: IExecuteFunctions,
	itemIndex: number,
): Promise<{ projectId: string; executionId: string }> {
	const projectId = await projectIdFrom(context, locatorValue(context, 'projectId', itemIndex));
	return {
		projectId: encodeURIComponent(projectId),
		executionId: encodeURIComponent(locatorValue(context, 'testExecutionId', itemIndex)),
	};
}

/** The Status Values option's default: the values `ConnectorKPIStatus` most likely has. */
export const DEFAULT_STATUS_VALUES_TEXT = DEFAULT_KPI_STATUS_VALUES.join(', ');

/**
 * The three status values the Respond with Defect KPIs options configure (the defaults when unset), or
 * `undefined` when they are not three different values.
 */
export function statusValuesOf(options: IDataObject): string[] | undefined {
	const text = options.statusValues;
	return parseStatusValues(typeof text === 'string' ? text : DEFAULT_STATUS_VALUES_TEXT);
}
