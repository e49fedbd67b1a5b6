import type { INodeProperties } from 'n8n-workflow';

import { maxItemsOption, startProperties } from '../../shared/polling/start';
import { workspaceIdProperty } from '../common.descriptions';
import { TAPD_EVENTS } from '../events';
import { POLLED_ACTIONS, TAPD_OBJECTS } from './objects';

/** The TAPD Trigger's events a poll can see: stories, bugs and tasks created, updated, status changed. */
export const POLLED_EVENTS: readonly string[] = TAPD_OBJECTS.flatMap((object) =>
	POLLED_ACTIONS.map((action) => `${object}::${action}`),
);

/** Changes per poll unless the user sets Max Changes per Poll. */
export const DEFAULT_MAX_ITEMS = 200;

export const pollingProperties: INodeProperties[] = [
	{
		displayName:
			'Asks TAPD for changed stories, bugs and tasks on the schedule in Poll Times: no public URL and no webhook setting needed. Each change is emitted once, also across restarts of n8n; several changes of one item between two polls arrive as one.',
		name: 'pollingNotice',
		type: 'notice',
		default: '',
	},
	{
		...workspaceIdProperty,
		description: 'The TAPD project whose stories, bugs and tasks are watched',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: TAPD_EVENTS.filter((event) => POLLED_EVENTS.includes(event.value)).map(
			({ name, value }) => ({ name, value }),
		),
		default: ['bug::create', 'bug::update'],
		required: true,
		description:
			'Which changes start the workflow, named as in the TAPD Trigger. Each kind of item watched costs one request per poll; status changes need Changed Fields.',
	},
	...startProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Changed Fields',
				name: 'changedFields',
				type: 'boolean',
				default: true,
				description:
					"Whether each update says what changed (changes, change_fields and old_&lt;field&gt;, as TAPD's webhooks do), read from TAPD's change history: one more request per kind of item in a poll that found updates. Status-change events need it.",
			},
			maxItemsOption(DEFAULT_MAX_ITEMS),
		],
	},
];
