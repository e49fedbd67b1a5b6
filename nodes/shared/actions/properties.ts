import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

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
