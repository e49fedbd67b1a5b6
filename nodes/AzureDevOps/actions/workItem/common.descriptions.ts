import type { INodeProperties } from 'n8n-workflow';

/** The work item that Get and Update act on. */
export const workItemIdProperty: INodeProperties = {
	displayName: 'Work Item ID',
	name: 'workItemId',
	type: 'number',
	required: true,
	typeOptions: { minValue: 1 },
	default: 0,
};
