import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { TapdParameters } from '../transport';

export { returnAllProperties } from '../../shared/actions/properties';

export const workspaceIdProperty: INodeProperties = {
	displayName: 'Workspace ID (项目ID)',
	name: 'workspaceId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '10158231',
	description: 'The TAPD project ID: the number after tapd.cn/ in the project URL',
};

/** "Other Filters"/"Custom Fields": any TAPD parameter by name, for fields this node does not list. */
export function nameValueProperty(
	displayName: string,
	name: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Field',
		default: {},
		description,
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'custom_field_one',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	};
}

const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

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
		if (name && !FORBIDDEN_NAMES.has(name)) result[name] = String(pair.value ?? '');
	}
	return result;
}

export function workspaceIdOf(context: IExecuteFunctions, itemIndex: number): string {
	return String(context.getNodeParameter('workspaceId', itemIndex)).trim();
}

/** The number of records an operation should return: undefined means all. */
export function limitOf(context: IExecuteFunctions, itemIndex: number): number | undefined {
	return context.getNodeParameter('returnAll', itemIndex, false)
		? undefined
		: (context.getNodeParameter('limit', itemIndex, 50) as number);
}
