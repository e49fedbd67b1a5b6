/**
 * TAPD's three kinds of work item and what differs between their APIs (docs/contracts/tapd.md, "Bugs, stories
 * and tasks"): read by the work item operations and by the editor's lists.
 */

export type WorkItemResource = 'bug' | 'story' | 'task';

export const WORK_ITEM_RESOURCES: WorkItemResource[] = ['bug', 'story', 'task'];

export interface WorkItemKind {
	label: string;
	/** Lower case, as operation texts use it. */
	plural: string;
	path: string;
	/** The wrapper of each record in TAPD's answers, e.g. `{"Bug": {...}}`. */
	recordKey: string;
	/** `system` of the workflow endpoints (status_map, last_steps). */
	system: string;
	titleField: 'title' | 'name';
	ownerField: 'current_owner' | 'owner';
	creatorField: 'reporter' | 'creator';
	/** The ten fields Simplify keeps (TAPD sends dozens). */
	simpleFields: readonly string[];
}

export const WORK_ITEMS: Record<WorkItemResource, WorkItemKind> = {
	bug: {
		label: 'Bug',
		plural: 'bugs',
		path: '/bugs',
		recordKey: 'Bug',
		system: 'bug',
		titleField: 'title',
		ownerField: 'current_owner',
		creatorField: 'reporter',
		simpleFields: [
			'id',
			'title',
			'status',
			'severity',
			'priority',
			'current_owner',
			'reporter',
			'iteration_id',
			'created',
			'modified',
		],
	},
	story: {
		label: 'Story',
		plural: 'stories',
		path: '/stories',
		recordKey: 'Story',
		system: 'story',
		titleField: 'name',
		ownerField: 'owner',
		creatorField: 'creator',
		simpleFields: [
			'id',
			'name',
			'status',
			'priority_label',
			'owner',
			'creator',
			'iteration_id',
			'parent_id',
			'created',
			'modified',
		],
	},
	task: {
		label: 'Task',
		plural: 'tasks',
		path: '/tasks',
		recordKey: 'Task',
		system: 'task',
		titleField: 'name',
		ownerField: 'owner',
		creatorField: 'creator',
		simpleFields: [
			'id',
			'name',
			'status',
			'priority_label',
			'owner',
			'creator',
			'story_id',
			'iteration_id',
			'due',
			'modified',
		],
	},
};
