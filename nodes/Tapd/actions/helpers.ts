import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isPrototypeKey } from '../../shared/http/json';
import { locatorValue } from '../../shared/resourceLocator';
import type { TapdParameters } from '../transport';
import { WORK_ITEMS, type WorkItemKind, type WorkItemResource } from '../workItems';

/** Flattens a collection into TAPD parameters: lists become TAPD's `a|b` enum syntax. */
export function toTapdParameters(values: IDataObject, nameValueKey?: string): TapdParameters {
	const result: TapdParameters = {};
	for (const [key, value] of Object.entries(values)) {
		if (key === nameValueKey) continue;
		if (Array.isArray(value)) {
			if (value.length > 0) result[key] = value.map(String).join('|');
		} else if (value !== null && typeof value === 'object') {
			continue;
		} else if (value !== undefined && value !== '') {
			result[key] = value as string | number | boolean;
		}
	}
	const pairs = nameValueKey
		? (((values[nameValueKey] as IDataObject | undefined)?.field ?? []) as IDataObject[])
		: [];
	for (const pair of pairs) {
		const name = String(pair.name ?? '').trim();
		if (name && !isPrototypeKey(name)) result[name] = String(pair.value ?? '');
	}
	return result;
}

/** The name/value pairs of a "Custom Fields" or "Other Filters" parameter, as TAPD parameters. */
export function namedParametersOf(
	context: IExecuteFunctions,
	itemIndex: number,
	parameterName: string,
): TapdParameters {
	const values = { [parameterName]: context.getNodeParameter(parameterName, itemIndex, {}) };
	return toTapdParameters(values as IDataObject, parameterName);
}

export function workspaceIdOf(context: IExecuteFunctions, itemIndex: number): string {
	return locatorValue(context, 'workspaceId', itemIndex);
}

/** The kind of work item (bug, story or task) the item's resource names. */
export function kindOf(context: IExecuteFunctions, itemIndex: number): WorkItemKind {
	return WORK_ITEMS[context.getNodeParameter('resource', itemIndex) as WorkItemResource];
}

/** The filters get many and count share: the listed ones and any other by its API name. */
export function filtersOf(context: IExecuteFunctions, itemIndex: number): TapdParameters {
	return {
		...toTapdParameters(context.getNodeParameter('filters', itemIndex, {}) as IDataObject),
		...namedParametersOf(context, itemIndex, 'otherFilters'),
	};
}

/**
 * A webhook setting as the node outputs it: TAPD returns the shared secret, which must not reach items (nor
 * an app gateway token, should TAPD return one). A setting read without its secret (the list's Fields
 * option) says nothing about one.
 */
export function withoutSecret(setting: IDataObject): IDataObject {
	const shown = { ...setting };
	delete shown.rio_token;
	if (!('secret' in shown)) return shown;
	const { secret, ...rest } = shown;
	return { ...rest, has_secret: typeof secret === 'string' && secret.length > 0 };
}
