import type { INodeProperties } from 'n8n-workflow';

/** The project: chosen in the action node's operations and in the trigger (with its own description). */
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
