import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { locatorValue } from '../../shared/resourceLocator';
import { projectName } from '../transport';

/** Splits a comma- or semicolon-separated option into trimmed, non-empty values. */
export const splitList = (value: unknown): string[] =>
	typeof value === 'string'
		? value
				.split(/[,;\n]/)
				.map((part) => part.trim())
				.filter((part) => part !== '')
		: [];

/** The project the item's operation works in: its id, or its name. */
export function projectOf(context: IExecuteFunctions, itemIndex: number): string {
	return projectName(locatorValue(context, 'project', itemIndex));
}

/** The work item Get and Update act on: a positive whole number, whatever mode the locator is in. */
export function workItemIdOf(context: IExecuteFunctions, itemIndex: number): number {
	const value = locatorValue(context, 'workItemId', itemIndex);
	const id = /^\d+$/.test(value) ? Number(value) : NaN;
	if (!Number.isSafeInteger(id) || id < 1) {
		throw new NodeOperationError(context.getNode(), `"${value}" is not a work item ID`, {
			itemIndex,
			description: 'Choose the work item from the list, paste its URL, or enter its number.',
		});
	}
	return id;
}

/** A person field (`System.AssignedTo`) by name: Azure DevOps sends an identity object. */
function personName(value: IDataObject[string]): IDataObject[string] {
	if (value && typeof value === 'object' && !Array.isArray(value)) {
		const identity = value as IDataObject;
		return identity.displayName ?? identity.uniqueName ?? null;
	}
	return value;
}

/** A work item as Simplify outputs it: ten fields instead of dozens, named without reference prefixes. */
export function simpleWorkItem(workItem: IDataObject): IDataObject {
	const fields = (workItem.fields ?? {}) as IDataObject;
	const simple: IDataObject = {
		id: workItem.id,
		title: fields['System.Title'],
		workItemType: fields['System.WorkItemType'],
		state: fields['System.State'],
		assignedTo: personName(fields['System.AssignedTo']),
		areaPath: fields['System.AreaPath'],
		iterationPath: fields['System.IterationPath'],
		priority: fields['Microsoft.VSTS.Common.Priority'],
		severity: fields['Microsoft.VSTS.Common.Severity'],
		htmlUrl: workItem.htmlUrl,
	};
	return Object.fromEntries(Object.entries(simple).filter(([, value]) => value !== undefined));
}
