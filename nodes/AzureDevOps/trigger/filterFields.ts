import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { FilterName } from '../events';

const choices = (...values: Array<[string, string]>): INodePropertyOptions[] =>
	values.map(([value, name]) => ({ name, value }));

/**
 * How each publisher filter is asked for in the trigger's Filters collection: its label, its kind and, for
 * a closed set, the values Azure DevOps accepts (docs/contracts/azure-devops.md, "Events and publishers").
 */
export const FILTER_FIELDS: Record<FilterName, Omit<INodeProperties, 'name' | 'displayOptions'>> = {
	repository: {
		displayName: 'Repository Name or ID',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getRepositories', loadOptionsDependsOn: ['/project'] },
		default: '',
		description:
			'Only this Git repository. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	branch: {
		displayName: 'Branch',
		type: 'string',
		default: '',
		placeholder: 'main',
		description: 'Only this branch (the target branch for pull requests), without refs/heads/',
	},
	pushedBy: {
		displayName: 'Pushed By (Group or User ID)',
		type: 'string',
		default: '',
		description: 'Only pushes by a member of this group (or by this user), given by ID',
	},
	pullrequestCreatedBy: {
		displayName: 'Created By (Group or User ID)',
		type: 'string',
		default: '',
		description: 'Only pull requests created by a member of this group (or by this user)',
	},
	pullrequestReviewersContains: {
		displayName: 'Reviewers Include (Group or User ID)',
		type: 'string',
		default: '',
		description: 'Only pull requests whose reviewers include this group (or user)',
	},
	notificationType: {
		displayName: 'Change',
		type: 'options',
		options: choices(
			['', 'Any'],
			['PushNotification', 'Source Branch Updated'],
			['ReviewersUpdateNotification', 'Reviewers Changed'],
			['StatusUpdateNotification', 'Status Changed'],
			['ReviewerVoteNotification', 'Votes Changed'],
		),
		default: '',
		description: 'Only this kind of pull request change',
	},
	mergeResult: {
		displayName: 'Merge Result',
		type: 'options',
		options: choices(
			['', 'Any'],
			['Succeeded', 'Succeeded'],
			['Unsuccessful', 'Unsuccessful (Any Reason)'],
			['Conflicts', 'Unsuccessful: Conflicts'],
			['Failure', 'Unsuccessful: Failure'],
			['RejectedByPolicy', 'Unsuccessful: Rejected by Policy'],
		),
		default: '',
	},
	path: {
		displayName: 'TFVC Path',
		type: 'string',
		default: '',
		placeholder: '$/MyProject/Main',
		description:
			'Only check-ins under this server path. Azure DevOps requires it for this event: publishing stops without it.',
	},
	areaPath: {
		displayName: 'Area Path',
		type: 'string',
		default: '',
		placeholder: 'MyProject\\Team A',
		description: 'Only work items in this area path (and below it)',
	},
	workItemType: {
		displayName: 'Work Item Type Name or ID',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getWorkItemTypes', loadOptionsDependsOn: ['/project'] },
		default: '',
		description:
			'Only work items of this type. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	changedFields: {
		displayName: 'Changed Fields',
		type: 'string',
		default: '',
		placeholder: 'System.State',
		description:
			'Only updates that change this field, by reference name (several: comma-separated)',
	},
	commentPattern: {
		displayName: 'Comment Contains',
		type: 'string',
		default: '',
		description: 'Only comments containing this text',
	},
	definitionName: {
		displayName: 'Build Pipeline Name or ID',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getBuildDefinitions', loadOptionsDependsOn: ['/project'] },
		default: '',
		description:
			'Only builds of this pipeline. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	buildStatus: {
		displayName: 'Build Status',
		type: 'options',
		options: choices(
			['', 'Any'],
			['Succeeded', 'Succeeded'],
			['PartiallySucceeded', 'Partially Succeeded'],
			['Failed', 'Failed'],
			['Stopped', 'Stopped'],
		),
		default: '',
	},
	releaseDefinitionId: {
		displayName: 'Release Pipeline ID',
		type: 'string',
		default: '',
		description: 'Only releases of this classic release pipeline (its numeric ID)',
	},
	releaseEnvironmentId: {
		displayName: 'Release Stage ID',
		type: 'string',
		default: '',
		description: 'Only this stage of the release pipeline (its numeric ID)',
	},
	releaseApprovalType: {
		displayName: 'Approval Type',
		type: 'options',
		options: choices(['', 'Any'], ['1', 'Pre-Deployment'], ['2', 'Post-Deployment']),
		default: '',
	},
	releaseApprovalStatus: {
		displayName: 'Approval Status',
		type: 'options',
		options: choices(['', 'Any'], ['2', 'Approved'], ['4', 'Rejected']),
		default: '',
	},
	releaseEnvironmentStatus: {
		displayName: 'Deployment Status',
		type: 'options',
		options: choices(
			['', 'Any'],
			['4', 'Succeeded'],
			['128', 'Partially Succeeded'],
			['16', 'Failed'],
			['8', 'Cancelled'],
		),
		default: '',
	},
	pipelineId: {
		displayName: 'Pipeline Name or ID',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getPipelines', loadOptionsDependsOn: ['/project'] },
		default: '',
		description:
			'Only runs of this YAML pipeline. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	runStateId: {
		displayName: 'Run State',
		type: 'options',
		options: choices(
			['', 'Any'],
			['InProgress', 'In Progress'],
			['Canceling', 'Canceling'],
			['Completed', 'Completed'],
		),
		default: '',
	},
	runResultId: {
		displayName: 'Run Result',
		type: 'options',
		options: choices(
			['', 'Any'],
			['Succeeded', 'Succeeded'],
			['Failed', 'Failed'],
			['Canceled', 'Canceled'],
		),
		default: '',
		description: 'Only completed runs with this result',
	},
	stageNameId: {
		displayName: 'Stage Name',
		type: 'string',
		default: '',
		description: 'Only this stage of the pipeline (its name in the YAML)',
	},
	stageStateId: {
		displayName: 'Stage State',
		type: 'options',
		options: choices(
			['', 'Any'],
			['NotStarted', 'Not Started'],
			['Waiting', 'Waiting'],
			['Running', 'Running'],
			['Completed', 'Completed'],
		),
		default: '',
	},
	// Values as Microsoft's events reference lists them (docs/contracts/azure-devops.md, "Events and publishers").
	stageResultId: {
		displayName: 'Stage Result',
		type: 'options',
		options: choices(
			['', 'Any'],
			['Canceled', 'Canceled'],
			['Failed', 'Failed'],
			['Rejected', 'Rejected'],
			['Skipped', 'Skipped'],
			['Succeeded', 'Succeeded'],
		),
		default: '',
	},
	jobNameId: {
		displayName: 'Job Name',
		type: 'string',
		default: '',
		description: 'Only this job of the pipeline (its name in the YAML)',
	},
	jobStateId: {
		displayName: 'Job State',
		type: 'options',
		options: choices(
			['', 'Any'],
			['Waiting', 'Waiting'],
			['Running', 'Running'],
			['Completed', 'Completed'],
		),
		default: '',
	},
	jobResultId: {
		displayName: 'Job Result',
		type: 'options',
		options: choices(
			['', 'Any'],
			['Succeeded', 'Succeeded'],
			['Skipped', 'Skipped'],
			['Rejected', 'Rejected'],
			['Failed', 'Failed'],
			['Canceled', 'Canceled'],
		),
		default: '',
	},
	stageName: {
		displayName: 'Approval Stage Name',
		type: 'string',
		default: '',
		description: 'Only approvals of this stage',
	},
	environmentName: {
		displayName: 'Environment Name',
		type: 'string',
		default: '',
		description: 'Only approvals guarding this environment',
	},
};
