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

/** Projects looked up by prefix, per node run: every item naming the same prefix costs one lookup. */
const lookups = new WeakMap<object, Map<string, Promise<string>>>();

/** A project list read looking for a prefix stops after this many pages (10,000 projects). */
const MAX_PROJECT_PAGES = 100;

/**
 * The project's id. The project locator may hold a prefix instead (typed, or taken from a pasted address,
 * which names projects by prefix): the project list says whose it is, read only as far as the project, once
 * per prefix and node run.
 */
export async function projectIdFrom(
	context: IExecuteFunctions | ILoadOptionsFunctions,
	value: string,
): Promise<string> {
	if (!value || UUID.test(value)) return value;
	const wanted = value.toLowerCase();
	const known = lookups.get(context) ?? new Map<string, Promise<string>>();
	lookups.set(context, known);
	let lookup = known.get(wanted);
	if (!lookup) {
		lookup = projectIdByPrefix(context, value);
		known.set(wanted, lookup);
		lookup.catch(() => known.delete(wanted));
	}
	return await lookup;
}

async function projectIdByPrefix(
	context: IExecuteFunctions | ILoadOptionsFunctions,
	value: string,
): Promise<string> {
	const wanted = value.toLowerCase();
	const isWanted = (project: IDataObject) =>
		typeof project.projectPrefix === 'string' && project.projectPrefix.toLowerCase() === wanted;
	const projects = await testManagerApiRequestAllItems(
		context,
		{ path: '/api/v2/projects' },
		{ until: isWanted, maxPages: MAX_PROJECT_PAGES },
	);
	const found = projects.find(isWanted);
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
