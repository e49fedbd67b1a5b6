import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { WORK_ITEMS, type WorkItemResource } from '../../workItems';
import { SEVERITY_OPTIONS, nameValueProperty } from '../common.descriptions';

// Properties that several bug, story and task operations show.

const BUG_PRIORITY_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Urgent (紧急)', value: 'urgent' },
	{ name: 'High (高)', value: 'high' },
	{ name: 'Medium (中)', value: 'medium' },
	{ name: 'Low (低)', value: 'low' },
	{ name: 'Insignificant (无关紧要)', value: 'insignificant' },
];

/** Task statuses are fixed in TAPD, unlike the per-project workflows of bugs and stories. */
export const TASK_STATUS_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Open (未开始)', value: 'open' },
	{ name: 'Progressing (进行中)', value: 'progressing' },
	{ name: 'Done (已完成)', value: 'done' },
];

const text = (displayName: string, name: string, description?: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	...(description ? { description } : {}),
});

const iteration: INodeProperties = {
	displayName: 'Iteration (迭代) Name or ID',
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
			text('CC (抄送人)', 'cc', 'Nicknames separated by ;'),
			text('Current Owner (处理人)', 'current_owner', 'Nicknames separated by ;'),
			description,
			text('Developer (开发人员)', 'de'),
			iteration,
			text('Module (模块)', 'module'),
			{
				displayName: 'Priority (优先级)',
				name: 'priority',
				type: 'options',
				options: BUG_PRIORITY_OPTIONS,
				default: 'medium',
			},
			text('Reporter (创建人)', 'reporter'),
			{
				displayName: 'Severity (严重程度)',
				name: 'severity',
				type: 'options',
				options: SEVERITY_OPTIONS,
				default: 'normal',
			},
			text('Tester (测试人员)', 'te'),
			text('Version Found (发现版本)', 'version_report'),
		];
	}
	const shared: INodeProperties[] = [
		text('Begin (预计开始)', 'begin', 'Date as YYYY-MM-DD'),
		text('CC (抄送人)', 'cc', 'Nicknames separated by ;'),
		text('Creator (创建人)', 'creator'),
		description,
		text('Due (预计结束)', 'due', 'Date as YYYY-MM-DD'),
		text('Effort (预估工时)', 'effort'),
		iteration,
		text('Owner (处理人)', 'owner', 'Nicknames separated by ;'),
		text('Priority Label (优先级)', 'priority_label', 'E.g. High, Middle, Low, Nice To Have'),
	];
	if (resource === 'story') {
		return [
			...shared,
			text('Category ID (需求分类)', 'category_id'),
			text('Label (标签)', 'label', 'Labels separated by |'),
			text('Parent Story ID (父需求)', 'parent_id'),
			text('Size (规模)', 'size'),
		];
	}
	return [...shared, text('Story ID (关联需求)', 'story_id')];
}

/** Filters for get many and count; multi-value choices are sent as TAPD's `a|b` enum syntax. */
function filterFields(resource: WorkItemResource): INodeProperties[] {
	const kind = WORK_ITEMS[resource];
	const statusField: INodeProperties =
		resource === 'task'
			? {
					displayName: 'Status (状态)',
					name: 'status',
					type: 'multiOptions',
					options: TASK_STATUS_OPTIONS,
					default: [],
				}
			: {
					displayName: 'Status (状态) Names or IDs',
					name: 'status',
					type: 'multiOptions',
					typeOptions: { loadOptionsMethod: 'getStatuses', loadOptionsDependsOn: ['workspaceId'] },
					default: [],
					description:
						'The statuses of this workspace\'s workflow. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				};
	const fields: INodeProperties[] = [
		text('Created (创建时间)', 'created', 'E.g. 2024-01-01~2024-01-31, or >2024-01-01'),
		text(
			kind.creatorField === 'reporter' ? 'Reporter (创建人)' : 'Creator (创建人)',
			kind.creatorField,
		),
		text('IDs', 'id', 'One ID, or several separated by commas'),
		{ ...iteration, description: 'Only items of this iteration' },
		text('Modified (最后修改时间)', 'modified', 'E.g. 2024-01-01~2024-01-31, or >2024-01-01'),
		text('Owner (处理人)', kind.ownerField, 'Nickname; TAPD matches it loosely'),
		statusField,
		text(
			kind.titleField === 'title' ? 'Title (标题)' : 'Name (标题)',
			kind.titleField,
			'TAPD matches it loosely',
		),
	];
	if (resource === 'bug') {
		fields.push(
			{
				displayName: 'Priority (优先级)',
				name: 'priority',
				type: 'multiOptions',
				options: BUG_PRIORITY_OPTIONS,
				default: [],
			},
			{
				displayName: 'Severity (严重程度)',
				name: 'severity',
				type: 'multiOptions',
				options: SEVERITY_OPTIONS,
				default: [],
			},
			text('Module (模块)', 'module'),
			text('Version Found (发现版本)', 'version_report'),
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
