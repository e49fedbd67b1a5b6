import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/** Shows each property only for one resource and operation, keeping any conditions it already had. */
export function forOperation(
	resource: string,
	operation: string,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, resource: [resource], operation: [operation] },
		},
	}));
}

export const projectProperty: INodeProperties = {
	displayName: 'Project Name or ID',
	name: 'project',
	type: 'options',
	required: true,
	typeOptions: { loadOptionsMethod: 'getProjects' },
	default: '',
	description:
		'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

export const workItemIdProperty: INodeProperties = {
	displayName: 'Work Item ID',
	name: 'workItemId',
	type: 'number',
	required: true,
	typeOptions: { minValue: 1 },
	default: 0,
};

export const toItems = (values: IDataObject[]): INodeExecutionData[] =>
	values.map((json) => ({ json }));
