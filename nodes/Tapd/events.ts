import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * TAPD's webhook events, with TAPD's Chinese names, plus the status-change events its app documentation
 * lists (docs/contracts/tapd.md, "Webhook events"): shown by the trigger and by the action node's webhook settings.
 * The value is what TAPD sends in `event` and expects in `events`.
 */
export const TAPD_EVENTS: ReadonlyArray<{ value: string; name: string }> = [
	{ value: 'story::create', name: 'Story Created (需求创建)' },
	{ value: 'story::update', name: 'Story Updated (需求更新)' },
	{ value: 'story::status_change', name: 'Story Status Changed (需求状态变更)' },
	{ value: 'story::delete', name: 'Story Deleted (需求删除)' },
	{ value: 'story::bug_link', name: 'Story Linked to Bug (需求关联缺陷)' },
	{ value: 'story::bug_unlink', name: 'Story Unlinked From Bug (需求解除关联缺陷)' },
	{ value: 'bug::create', name: 'Bug Created (缺陷创建)' },
	{ value: 'bug::update', name: 'Bug Updated (缺陷更新)' },
	{ value: 'bug::status_change', name: 'Bug Status Changed (缺陷状态变更)' },
	{ value: 'bug::delete', name: 'Bug Deleted (缺陷删除)' },
	{ value: 'task::create', name: 'Task Created (任务创建)' },
	{ value: 'task::update', name: 'Task Updated (任务更新)' },
	{ value: 'task::status_change', name: 'Task Status Changed (任务状态变更)' },
	{ value: 'task::delete', name: 'Task Deleted (任务删除)' },
	{ value: 'launchform::create', name: 'Release Review Created (发布评审创建)' },
	{ value: 'launchform::update', name: 'Release Review Updated (发布评审更新)' },
	{ value: 'release::create', name: 'Release Plan Created (发布计划创建)' },
	{ value: 'release::update', name: 'Release Plan Updated (发布计划更新)' },
	{ value: 'release::delete', name: 'Release Plan Deleted (发布计划删除)' },
	{ value: 'iteration::create', name: 'Iteration Created (迭代创建)' },
	{ value: 'iteration::update', name: 'Iteration Updated (迭代更新)' },
	{ value: 'iteration::delete', name: 'Iteration Deleted (迭代删除)' },
	{ value: 'branch::relate', name: 'Git Branch Bound (需求缺陷任务绑定Git分支)' },
	{ value: 'branch::unrelate', name: 'Git Branch Unbound (需求缺陷任务解除绑定Git分支)' },
	{ value: 'story_comment::add', name: 'Story Comment Added (需求评论添加)' },
	{ value: 'story_comment::update', name: 'Story Comment Updated (需求评论更新)' },
	{ value: 'story_comment::delete', name: 'Story Comment Deleted (需求评论删除)' },
	{ value: 'bug_comment::add', name: 'Bug Comment Added (缺陷评论添加)' },
	{ value: 'bug_comment::update', name: 'Bug Comment Updated (缺陷评论更新)' },
	{ value: 'bug_comment::delete', name: 'Bug Comment Deleted (缺陷评论删除)' },
	{ value: 'task_comment::add', name: 'Task Comment Added (任务评论添加)' },
	{ value: 'task_comment::update', name: 'Task Comment Updated (任务评论更新)' },
	{ value: 'task_comment::delete', name: 'Task Comment Deleted (任务评论删除)' },
	{ value: 'workitem_time_relation::bind', name: 'Predecessor Bound (前后置对象绑定)' },
	{ value: 'workitem_time_relation::unbind', name: 'Predecessor Unbound (前后置对象解绑)' },
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
