import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { WORK_ITEMS, type WorkItemResource } from '../../workItems';
import { SEVERITY_OPTIONS, nameValueProperty } from '../common.descriptions';

// Properties that several bug, story and task operations show.

const BUG_PRIORITY_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Urgent', value: 'urgent' },
	{ name: 'High', value: 'high' },
	{ name: 'Medium', value: 'medium' },
	{ name: 'Low', value: 'low' },
	{ name: 'Insignificant', value: 'insignificant' },
];

/** Task statuses are fixed in TAPD, unlike the per-project workflows of bugs and stories. */
export const TASK_STATUS_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Open', value: 'open' },
	{ name: 'Progressing', value: 'progressing' },
	{ name: 'Done', value: 'done' },
];

const text = (displayName: string, name: string, description?: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	...(description ? { description } : {}),
});

const iteration: INodeProperties = {
	displayName: 'Iteration Name or ID',
	name: 'iteration_id',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getIterations', loadOptionsDependsOn: ['workspaceId'] },
	default: '',
	description:
		'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

const description: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	description: 'Rich text (HTML) as TAPD stores it',
};

/** The fields a user sets on create and update, per kind (custom fields go through "Custom Fields"). */
export function editableFields(resource: WorkItemResource): INodeProperties[] {
	if (resource === 'bug') {
		return [
			text('CC', 'cc', 'Nicknames separated by ;'),
			text('Current Owner', 'current_owner', 'Nicknames separated by ;'),
			description,
			text('Developer', 'de'),
			iteration,
			text('Module', 'module'),
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'options',
				options: BUG_PRIORITY_OPTIONS,
				default: 'medium',
			},
			text('Reporter', 'reporter'),
			{
				displayName: 'Severity',
				name: 'severity',
				type: 'options',
				options: SEVERITY_OPTIONS,
				default: 'normal',
			},
			text('Tester', 'te'),
			text('Version Found', 'version_report'),
		];
	}
	const shared: INodeProperties[] = [
		text('Begin', 'begin', 'Date as YYYY-MM-DD'),
		text('CC', 'cc', 'Nicknames separated by ;'),
		text('Creator', 'creator'),
		description,
		text('Due', 'due', 'Date as YYYY-MM-DD'),
		text('Effort', 'effort'),
		iteration,
		text('Owner', 'owner', 'Nicknames separated by ;'),
		text('Priority Label', 'priority_label', 'E.g. High, Middle, Low, Nice To Have'),
	];
	const own =
		resource === 'story'
			? [
					text('Category ID', 'category_id'),
					text('Label', 'label', 'Labels separated by |'),
					text('Parent Story ID', 'parent_id'),
					text('Size', 'size'),
				]
			: [text('Story ID', 'story_id')];
	return [...shared, ...own].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Filters for get many and count; multi-value choices are sent as TAPD's `a|b` enum syntax. */
function filterFields(resource: WorkItemResource): INodeProperties[] {
	const kind = WORK_ITEMS[resource];
	const statusField: INodeProperties =
		resource === 'task'
			? {
					displayName: 'Status',
					name: 'status',
					type: 'multiOptions',
					options: TASK_STATUS_OPTIONS,
					default: [],
				}
			: {
					displayName: 'Status Names or IDs',
					name: 'status',
					type: 'multiOptions',
					typeOptions: { loadOptionsMethod: 'getStatuses', loadOptionsDependsOn: ['workspaceId'] },
					default: [],
					description:
						'The statuses of this workspace\'s workflow. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				};
	const fields: INodeProperties[] = [
		text('Created', 'created', 'E.g. 2024-01-01~2024-01-31, or >2024-01-01'),
		text(kind.creatorField === 'reporter' ? 'Reporter' : 'Creator', kind.creatorField),
		text('IDs', 'id', 'One ID, or several separated by commas'),
		{ ...iteration, description: 'Only items of this iteration' },
		text('Modified', 'modified', 'E.g. 2024-01-01~2024-01-31, or >2024-01-01'),
		text('Owner', kind.ownerField, 'Nickname; TAPD matches it loosely'),
		statusField,
		text(
			kind.titleField === 'title' ? 'Title' : 'Name',
			kind.titleField,
			'TAPD matches it loosely',
		),
	];
	if (resource === 'bug') {
		fields.push(
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'multiOptions',
				options: BUG_PRIORITY_OPTIONS,
				default: [],
			},
			{
				displayName: 'Severity',
				name: 'severity',
				type: 'multiOptions',
				options: SEVERITY_OPTIONS,
				default: [],
			},
			text('Module', 'module'),
			text('Version Found', 'version_report'),
		);
	}
	return fields.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** The filters that get many and count share: the listed ones and any other by its API name. */
export function filterProperties(resource: WorkItemResource): INodeProperties[] {
	return [
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: filterFields(resource),
		},
		nameValueProperty(
			'Other Filters',
			'otherFilters',
			'Any other TAPD filter by its API name; use | between values of an enum (status=new|in_progress)',
		),
	];
}

/** "Custom Fields" of create and update. */
export const customFieldsProperty: INodeProperties = nameValueProperty(
	'Custom Fields',
	'customFields',
	'Other TAPD fields by their API name, e.g. custom_field_one',
);

/** The ID of the work item get and update act on. */
export function idProperty(resource: WorkItemResource): INodeProperties {
	return {
		displayName: `${WORK_ITEMS[resource].label} ID`,
		name: 'id',
		type: 'string',
		default: '',
		required: true,
		placeholder: '1010158231500623503',
	};
}
