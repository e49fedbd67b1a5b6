import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { DEFAULT_KPI_STATUS_VALUES, parseStatusValues } from '../../shared/defectKpis';

/** The project and test execution of an item, ready for an API path. */
export function executionPathOf(
	context: IExecuteFunctions,
	itemIndex: number,
): { projectId: string; executionId: string } {
	return {
		projectId: encodeURIComponent(context.getNodeParameter('projectId', itemIndex) as string),
		executionId: encodeURIComponent(
			(context.getNodeParameter('testExecutionId', itemIndex) as string).trim(),
		),
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
