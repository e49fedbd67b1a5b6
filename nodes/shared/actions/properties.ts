import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

/**
 * Shows properties only for one resource and operation (or several), keeping any conditions they already
 * have: the one scoping helper of every action node (n8n's own `updateDisplayOptions` underneath).
 */
export function forOperation(
	resource: string | string[],
	operation: string | string[],
	properties: INodeProperties[],
): INodeProperties[] {
	const resources = Array.isArray(resource) ? resource : [resource];
	const operations = Array.isArray(operation) ? operation : [operation];
	return updateDisplayOptions({ show: { resource: resources, operation: operations } }, properties);
}

const returnAll: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

const limit: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

/** n8n's usual Return All / Limit pair for list operations; callers scope it to their operation. */
export function returnAllProperties(returnAllByDefault = false): INodeProperties[] {
	return [{ ...returnAll, default: returnAllByDefault }, limit];
}

/** How many records a list operation should return: `undefined` when Return All is on. */
export function limitOf(context: IExecuteFunctions, itemIndex: number): number | undefined {
	return context.getNodeParameter('returnAll', itemIndex, false)
		? undefined
		: (context.getNodeParameter('limit', itemIndex, 50) as number);
}

/**
 * Shows a property only in the node, or only in its AI tool variant (`<name>Tool`, which n8n derives from a
 * node with `usableAsTool`): n8n's `@tool` display condition (docs/n8n.md, "AI tool variants").
 */
export function forTool(tool: boolean, property: INodeProperties): INodeProperties {
	return {
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, '@tool': [tool] },
		},
	};
}

const simplify: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/**
 * n8n's Simplify switch for outputs of more than ten fields: off in the node (the full record, as before), on
 * in its AI tool variant, where every field costs the model tokens.
 */
export function simplifyProperties(): INodeProperties[] {
	return [forTool(false, simplify), forTool(true, { ...simplify, default: true })];
}

/** Whether the item's output should be simplified (the Simplify switch of its operation). */
export function simplifyOf(context: IExecuteFunctions, itemIndex: number): boolean {
	return context.getNodeParameter('simplify', itemIndex, false) === true;
}

/** The fields of `record` that Simplify keeps, in this order; absent ones are left out. */
export function pickFields(record: IDataObject, fields: readonly string[]): IDataObject {
	const picked: IDataObject = {};
	for (const field of fields) if (record[field] !== undefined) picked[field] = record[field];
	return picked;
}

/** An options property without some of its choices, e.g. the operations an AI tool may not run. */
export function withoutOptions(property: INodeProperties, values: string[]): INodeProperties {
	return {
		...property,
		options: property.options?.filter(
			(option) => !('value' in option) || !values.includes(String(option.value)),
		),
	};
}
