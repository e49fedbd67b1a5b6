/** Publisher input names, exactly as Azure DevOps expects them in `publisherInputs`. */
export type FilterName =
	| 'repository'
	| 'branch'
	| 'pushedBy'
	| 'pullrequestCreatedBy'
	| 'pullrequestReviewersContains'
	| 'notificationType'
	| 'mergeResult'
	| 'path'
	| 'areaPath'
	| 'workItemType'
	| 'changedFields'
	| 'commentPattern'
	| 'definitionName'
	| 'buildStatus'
	| 'releaseDefinitionId'
	| 'releaseEnvironmentId'
	| 'releaseApprovalType'
	| 'releaseApprovalStatus'
	| 'releaseEnvironmentStatus'
	| 'pipelineId'
	| 'runStateId'
	| 'runResultId'
	| 'stageNameId'
	| 'stageStateId'
	| 'stageResultId'
	| 'jobNameId'
	| 'jobStateId'
	| 'jobResultId'
	| 'stageName'
	| 'environmentName';

/**
 * Every service-hook event the trigger offers (docs/contracts/azure-devops.md) with its publisher, the
 * resource version this node pins (so that payload shapes do not change under a workflow) and the
 * publisher filters that event accepts. The action node's Check Service Hooks uses the same list.
 */
export interface EventDefinition {
	value: string;
	name: string;
	description: string;
	publisherId: 'tfs' | 'rm' | 'pipelines';
	resourceVersion: string;
	filters: readonly FilterName[];
	/** Filters Azure DevOps refuses to subscribe without. */
	requiredFilters?: readonly FilterName[];
	/**
	 * Where the event exists, when not everywhere: `services` only on Azure DevOps Services, `server2020` on
	 * Services and Azure DevOps Server 2020 or later (docs/contracts/azure-devops.md, "Events and publishers").
	 */
	availability?: 'services' | 'server2020';
}

const TFS = { publisherId: 'tfs', resourceVersion: '1.0' } as const;
const RM = { publisherId: 'rm', resourceVersion: '3.0-preview.1' } as const;
const PIPELINES = {
	publisherId: 'pipelines',
	resourceVersion: '5.1-preview.1',
	availability: 'server2020',
} as const;

const PULL_REQUEST: FilterName[] = [
	'repository',
	'branch',
	'pullrequestCreatedBy',
	'pullrequestReviewersContains',
];
const WORK_ITEM: FilterName[] = ['areaPath', 'workItemType'];
const PIPELINE_APPROVAL: FilterName[] = ['pipelineId', 'stageName', 'environmentName'];

/** What a new trigger listens to; saved workflows leave a parameter at its default out. */
export const DEFAULT_EVENTS: readonly string[] = ['workitem.updated'];

export const EVENTS: readonly EventDefinition[] = [
	{
		...TFS,
		value: 'build.complete',
		name: 'Build Completed',
		description: 'A classic or YAML build finishes',
		filters: ['definitionName', 'buildStatus'],
	},
	{
		...TFS,
		value: 'git.push',
		name: 'Code Pushed',
		description: 'Commits are pushed to a Git repository',
		filters: ['repository', 'branch', 'pushedBy'],
	},
	{
		...TFS,
		value: 'git.pullrequest.created',
		name: 'Pull Request Created',
		description: 'A pull request is opened',
		filters: PULL_REQUEST,
	},
	{
		...TFS,
		value: 'git.pullrequest.updated',
		name: 'Pull Request Updated',
		description: 'Source branch, reviewers, status or votes of a pull request change',
		filters: [...PULL_REQUEST, 'notificationType'],
	},
	{
		...TFS,
		value: 'git.pullrequest.merged',
		name: 'Pull Request Merge Attempted',
		description: 'A pull request merge succeeds or fails',
		filters: [...PULL_REQUEST, 'mergeResult'],
	},
	{
		...TFS,
		value: 'ms.vss-code.git-pullrequest-comment-event',
		name: 'Pull Request Commented On',
		description: 'Someone comments on a pull request',
		filters: ['repository', 'branch'],
	},
	{
		...TFS,
		value: 'tfvc.checkin',
		name: 'Code Checked In (TFVC)',
		description: 'A changeset is checked in to Team Foundation Version Control',
		filters: ['path'],
		requiredFilters: ['path'],
	},
	{
		...TFS,
		value: 'workitem.created',
		name: 'Work Item Created',
		description: 'A work item is created',
		filters: WORK_ITEM,
	},
	{
		...TFS,
		value: 'workitem.updated',
		name: 'Work Item Updated',
		description: 'A work item changes',
		filters: [...WORK_ITEM, 'changedFields'],
	},
	{
		...TFS,
		value: 'workitem.deleted',
		name: 'Work Item Deleted',
		description: 'A work item is moved to the recycle bin',
		filters: WORK_ITEM,
	},
	{
		...TFS,
		value: 'workitem.restored',
		name: 'Work Item Restored',
		description: 'A work item is restored from the recycle bin',
		filters: WORK_ITEM,
	},
	{
		...TFS,
		value: 'workitem.commented',
		name: 'Work Item Commented On',
		description: 'Someone comments on a work item',
		filters: [...WORK_ITEM, 'commentPattern'],
	},
	{
		...RM,
		value: 'ms.vss-release.release-created-event',
		name: 'Release Created',
		description: 'A classic release is created',
		filters: ['releaseDefinitionId'],
	},
	{
		...RM,
		value: 'ms.vss-release.release-abandoned-event',
		name: 'Release Abandoned',
		description: 'A classic release is abandoned',
		filters: ['releaseDefinitionId'],
	},
	{
		...RM,
		value: 'ms.vss-release.deployment-approval-pending-event',
		name: 'Release Deployment Approval Pending',
		description: 'A deployment of a classic release waits for approval',
		filters: ['releaseDefinitionId', 'releaseEnvironmentId', 'releaseApprovalType'],
	},
	{
		...RM,
		value: 'ms.vss-release.deployment-approval-completed-event',
		name: 'Release Deployment Approval Completed',
		description: 'An approval of a classic release deployment is given or refused',
		filters: [
			'releaseDefinitionId',
			'releaseEnvironmentId',
			'releaseApprovalType',
			'releaseApprovalStatus',
		],
	},
	{
		...RM,
		value: 'ms.vss-release.deployment-started-event',
		name: 'Release Deployment Started',
		description: 'A deployment of a classic release starts',
		filters: ['releaseDefinitionId', 'releaseEnvironmentId'],
	},
	{
		...RM,
		value: 'ms.vss-release.deployment-completed-event',
		name: 'Release Deployment Completed',
		description: 'A deployment of a classic release finishes',
		filters: ['releaseDefinitionId', 'releaseEnvironmentId', 'releaseEnvironmentStatus'],
	},
	{
		...PIPELINES,
		value: 'ms.vss-pipelines.run-state-changed-event',
		name: 'Run State Changed',
		description: 'A YAML pipeline run starts, is cancelled or completes',
		filters: ['pipelineId', 'runStateId', 'runResultId'],
	},
	{
		...PIPELINES,
		value: 'ms.vss-pipelines.stage-state-changed-event',
		name: 'Run Stage State Changed',
		description: 'A stage of a YAML pipeline run changes state',
		filters: ['pipelineId', 'stageNameId', 'stageStateId', 'stageResultId'],
	},
	{
		...PIPELINES,
		value: 'ms.vss-pipelines.job-state-changed-event',
		name: 'Run Job State Changed',
		description: 'A job of a YAML pipeline run changes state',
		filters: ['pipelineId', 'stageNameId', 'jobNameId', 'jobStateId', 'jobResultId'],
		availability: 'services',
	},
	{
		...PIPELINES,
		value: 'ms.vss-pipelinechecks-events.approval-pending',
		name: 'Run Stage Waiting for Approval',
		description: 'A stage of a YAML pipeline run waits for an approval',
		filters: PIPELINE_APPROVAL,
	},
	{
		...PIPELINES,
		value: 'ms.vss-pipelinechecks-events.approval-completed',
		name: 'Run Stage Approval Completed',
		description: 'An approval of a YAML pipeline stage is given or refused',
		filters: PIPELINE_APPROVAL,
	},
];

/** The values of the events that exist only where `availability` says. */
export const eventsAvailableOn = (availability: EventDefinition['availability']): string[] =>
	EVENTS.filter((event) => event.availability === availability).map((event) => event.value);

export function eventDefinition(value: string): EventDefinition | undefined {
	return EVENTS.find((event) => event.value === value);
}
