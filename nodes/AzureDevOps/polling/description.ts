import type { INodeProperties } from 'n8n-workflow';

import { maxItemsOption, startProperties } from '../../shared/polling/start';
import { projectProperty } from '../common.descriptions';
import { eventDefinition } from '../events';
import { filtersProperty } from '../trigger/filters';
import { WORK_ITEM_EVENTS } from './revisionEvents';

/** The events the polling trigger can see, with the names and values of the Azure DevOps Trigger. */
export const POLLED_EVENTS: readonly string[] = [...WORK_ITEM_EVENTS, 'build.complete'];

/** The Azure DevOps Trigger's filters that a poll can apply. */
const POLLED_FILTERS = [
	'areaPath',
	'workItemType',
	'changedFields',
	'definitionName',
	'buildStatus',
];

/** Changes per poll unless the user sets Max Changes per Poll. */
export const DEFAULT_MAX_ITEMS = 200;

export const pollingProperties: INodeProperties[] = [
	{
		displayName:
			'Asks Azure DevOps for changes on the schedule in Poll Times: no public URL and no service hook needed. Work items need the token scope "Work Items (read)", builds "Build (read)". Each work item revision and each completed build is emitted once, also across restarts of n8n.',
		name: 'pollingNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: ['workitem.created', 'workitem.updated'],
		description:
			"Which changes start the workflow. The item's eventType says which event it is, as in the Azure DevOps Trigger.",
		options: POLLED_EVENTS.map((value) => {
			const event = eventDefinition(value);
			return {
				name: event?.name ?? value,
				value,
				description: `${event?.description ?? ''} (${value})`,
			};
		}).sort((a, b) => a.name.localeCompare(b.name)),
	},
	{
		displayName:
			'Build Completed covers classic builds and YAML pipeline runs; its item is the build, as the Build Completed service hook sends it.',
		name: 'buildNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { events: ['build.complete'] } },
	},
	{ ...projectProperty, description: 'The project whose changes start the workflow' },
	...startProperties,
	{
		...filtersProperty,
		description:
			'Only changes that pass every filter set here start the workflow. Each filter applies to the selected events that accept it.',
		options: (filtersProperty.options as INodeProperties[]).filter((option) =>
			POLLED_FILTERS.includes(option.name),
		),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [maxItemsOption(DEFAULT_MAX_ITEMS)],
	},
];
