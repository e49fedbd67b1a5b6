import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * TAPD's webhook events (README.zh-CN.md maps the names to TAPD's Chinese ones), plus the status-change events its app documentation
 * lists (docs/contracts/tapd.md, "Webhook events"): shown by the trigger and by the action node's webhook settings.
 * The value is what TAPD sends in `event` and expects in `events`.
 */
export const TAPD_EVENTS: ReadonlyArray<{ value: string; name: string }> = [
	{ value: 'story::create', name: 'Story Created' },
	{ value: 'story::update', name: 'Story Updated' },
	{ value: 'story::status_change', name: 'Story Status Changed' },
	{ value: 'story::delete', name: 'Story Deleted' },
	{ value: 'story::bug_link', name: 'Story Linked to Bug' },
	{ value: 'story::bug_unlink', name: 'Story Unlinked From Bug' },
	{ value: 'bug::create', name: 'Bug Created' },
	{ value: 'bug::update', name: 'Bug Updated' },
	{ value: 'bug::status_change', name: 'Bug Status Changed' },
	{ value: 'bug::delete', name: 'Bug Deleted' },
	{ value: 'task::create', name: 'Task Created' },
	{ value: 'task::update', name: 'Task Updated' },
	{ value: 'task::status_change', name: 'Task Status Changed' },
	{ value: 'task::delete', name: 'Task Deleted' },
	{ value: 'launchform::create', name: 'Release Review Created' },
	{ value: 'launchform::update', name: 'Release Review Updated' },
	{ value: 'release::create', name: 'Release Plan Created' },
	{ value: 'release::update', name: 'Release Plan Updated' },
	{ value: 'release::delete', name: 'Release Plan Deleted' },
	{ value: 'iteration::create', name: 'Iteration Created' },
	{ value: 'iteration::update', name: 'Iteration Updated' },
	{ value: 'iteration::delete', name: 'Iteration Deleted' },
	{ value: 'branch::relate', name: 'Git Branch Bound' },
	{ value: 'branch::unrelate', name: 'Git Branch Unbound' },
	{ value: 'story_comment::add', name: 'Story Comment Added' },
	{ value: 'story_comment::update', name: 'Story Comment Updated' },
	{ value: 'story_comment::delete', name: 'Story Comment Deleted' },
	{ value: 'bug_comment::add', name: 'Bug Comment Added' },
	{ value: 'bug_comment::update', name: 'Bug Comment Updated' },
	{ value: 'bug_comment::delete', name: 'Bug Comment Deleted' },
	{ value: 'task_comment::add', name: 'Task Comment Added' },
	{ value: 'task_comment::update', name: 'Task Comment Updated' },
	{ value: 'task_comment::delete', name: 'Task Comment Deleted' },
	{ value: 'workitem_time_relation::bind', name: 'Predecessor Bound' },
	{ value: 'workitem_time_relation::unbind', name: 'Predecessor Unbound' },
];

export const eventOptions: INodePropertyOptions[] = TAPD_EVENTS.map(({ name, value }) => ({
	name,
	value,
}));

/** Events as TAPD stores them (comma-separated), compared as sets: order and blanks do not matter. */
export function eventSet(events: string | readonly string[] | undefined): Set<string> {
	const list = typeof events === 'string' ? events.split(',') : (events ?? []);
	return new Set(list.map((event) => event.trim()).filter((event) => event.length > 0));
}

export function sameEvents(
	a: string | readonly string[] | undefined,
	b: string | readonly string[] | undefined,
): boolean {
	const left = eventSet(a);
	const right = eventSet(b);
	return left.size === right.size && [...left].every((event) => right.has(event));
}
