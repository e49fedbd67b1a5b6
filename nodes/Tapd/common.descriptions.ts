import type { INodeProperties } from 'n8n-workflow';

/** The workspace (project) both TAPD nodes work in; the trigger shows it with its own words. */
export const workspaceIdProperty: INodeProperties = {
	displayName: 'Workspace ID',
	name: 'workspaceId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '10158231',
	description: 'The TAPD project ID: the number after tapd.cn/ in the project URL',
};
