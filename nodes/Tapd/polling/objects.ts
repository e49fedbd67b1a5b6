import { chinaTimeToIso } from '../trigger/payload';

/**
 * What the TAPD Polling Trigger reads per kind of work item (docs/contracts/tapd.md, "Bugs, stories and
 * tasks" and "Change histories"): the list endpoint, ordered by `modified`, and the change history that says
 * what an update changed.
 */

export type TapdObject = 'story' | 'bug' | 'task';

export interface ObjectApi {
	object: TapdObject;
	/** The list endpoint and the wrapper of its records (`{"Bug": {...}}`). */
	path: string;
	recordKey: string;
	/** The change history: its endpoint, the wrapper of its records, the parameter naming the items. */
	historyPath: string;
	historyKey: string;
	historyIdParameter: string;
	/** The history's largest page. */
	historyPageSize: number;
}

export const OBJECT_APIS: Record<TapdObject, ObjectApi> = {
	story: {
		object: 'story',
		path: '/stories',
		recordKey: 'Story',
		historyPath: '/story_changes',
		historyKey: 'WorkitemChange',
		historyIdParameter: 'story_id',
		historyPageSize: 100,
	},
	bug: {
		object: 'bug',
		path: '/bugs',
		recordKey: 'Bug',
		historyPath: '/bug_changes',
		historyKey: 'BugChange',
		historyIdParameter: 'bug_id',
		historyPageSize: 200,
	},
	task: {
		object: 'task',
		path: '/tasks',
		recordKey: 'Task',
		historyPath: '/task_changes',
		historyKey: 'WorkitemChange',
		historyIdParameter: 'task_id',
		historyPageSize: 100,
	},
};

export const TAPD_OBJECTS = Object.keys(OBJECT_APIS) as TapdObject[];

/** The actions the polling trigger can report, with the names of the TAPD Trigger's events. */
export const POLLED_ACTIONS = ['create', 'update', 'status_change'] as const;

/** TAPD times (`Y-m-d H:i:s`, China Standard Time) as milliseconds since the epoch; NaN when not a time. */
export const tapdInstant = (value: unknown): number =>
	Date.parse(chinaTimeToIso(typeof value === 'string' ? value : undefined) ?? '');

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** An instant as TAPD writes times: `Y-m-d H:i:s` in China Standard Time (whole seconds, rounded down). */
export function tapdTime(instant: number): string {
	return new Date(instant + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}
