import type { IDataObject, INodeProperties } from 'n8n-workflow';

/**
 * The fields Create and Update write: the collection that asks for them, the JSON Patch document that
 * writes them, and the write switches both operations take.
 */

/** One JSON Patch operation of a work item create or update. */
export interface PatchOperation {
	op: 'add' | 'replace' | 'remove' | 'test';
	path: string;
	value?: unknown;
}

/** Collection options mapped to the reference names Azure Boards uses in every process template. */
const FIELD_REFERENCES: Record<string, string> = {
	title: 'System.Title',
	description: 'System.Description',
	reproSteps: 'Microsoft.VSTS.TCM.ReproSteps',
	areaPath: 'System.AreaPath',
	iterationPath: 'System.IterationPath',
	assignedTo: 'System.AssignedTo',
	state: 'System.State',
	reason: 'System.Reason',
	priority: 'Microsoft.VSTS.Common.Priority',
	severity: 'Microsoft.VSTS.Common.Severity',
	tags: 'System.Tags',
};

/** The field collection shared by Create (Additional Fields) and Update (Update Fields). */
export function workItemFieldOptions(includeTitle: boolean): INodeProperties[] {
	const options: INodeProperties[] = [
		{
			displayName: 'Area Path',
			name: 'areaPath',
			type: 'string',
			default: '',
			placeholder: 'MyProject\\Team A',
		},
		{
			displayName: 'Assigned To',
			name: 'assignedTo',
			type: 'string',
			default: '',
			placeholder: 'name@example.com',
			description: 'E-mail or display name of the person',
		},
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			description: 'HTML is allowed',
		},
		{
			displayName: 'Iteration Path',
			name: 'iterationPath',
			type: 'string',
			default: '',
			placeholder: 'MyProject\\Sprint 12',
		},
		{
			displayName: 'Link Comment',
			name: 'linkComment',
			type: 'string',
			default: '',
			description: 'Comment shown with the link added by Link URL',
		},
		{
			displayName: 'Link URL',
			name: 'linkUrl',
			type: 'string',
			default: '',
			placeholder: 'https://cloud.uipath.com/…/testcaselogs/…',
			description:
				'Adds a hyperlink to the work item, e.g. to the Test Manager test case log that revealed the defect',
		},
		{
			displayName: 'Other Fields',
			name: 'otherFields',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Field',
			options: [
				{
					displayName: 'Field',
					name: 'field',
					values: [
						{
							displayName: 'Reference Name',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: 'Custom.FoundInBuild',
							description: 'The reference name of the field (see Organization settings > Process)',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
						},
					],
				},
			],
		},
		{
			displayName: 'Priority',
			name: 'priority',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 4 },
			default: 2,
		},
		{
			displayName: 'Reason',
			name: 'reason',
			type: 'string',
			default: '',
			description: 'Reason for the state, as allowed by the process',
		},
		{
			displayName: 'Repro Steps',
			name: 'reproSteps',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			description: 'Steps to reproduce a bug; HTML is allowed',
		},
		{
			displayName: 'Severity',
			name: 'severity',
			type: 'options',
			options: [
				{ name: '1 - Critical', value: '1 - Critical' },
				{ name: '2 - High', value: '2 - High' },
				{ name: '3 - Medium', value: '3 - Medium' },
				{ name: '4 - Low', value: '4 - Low' },
			],
			default: '3 - Medium',
		},
		{
			displayName: 'State',
			name: 'state',
			type: 'string',
			default: '',
			placeholder: 'Active',
		},
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			default: '',
			placeholder: 'regression; test-manager',
			description: 'Tags separated by semicolons',
		},
	];
	if (includeTitle) {
		options.push({ displayName: 'Title', name: 'title', type: 'string', default: '' });
		options.sort((a, b) => a.displayName.localeCompare(b.displayName));
	}
	return options;
}

/** Field names must be reference names; a slash would address something other than a field. */
const REFERENCE_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

/**
 * JSON Patch operations for the chosen fields. Returns the problem instead when a custom field's
 * reference name is unusable, so the caller can raise it with its node.
 */
export function fieldPatch(fields: IDataObject): PatchOperation[] | string {
	const operations: PatchOperation[] = [];
	for (const [key, reference] of Object.entries(FIELD_REFERENCES)) {
		const value = fields[key];
		if (value === undefined || value === null || value === '') continue;
		operations.push({ op: 'add', path: `/fields/${reference}`, value });
	}
	const custom = ((fields.otherFields as IDataObject | undefined)?.field ?? []) as IDataObject[];
	for (const field of custom) {
		const name = typeof field.name === 'string' ? field.name.trim() : '';
		if (!name) continue;
		if (!REFERENCE_NAME.test(name)) {
			return `"${name}" is not a field reference name (such as Custom.FoundInBuild)`;
		}
		operations.push({ op: 'add', path: `/fields/${name}`, value: field.value ?? '' });
	}
	const linkUrl = typeof fields.linkUrl === 'string' ? fields.linkUrl.trim() : '';
	if (linkUrl) {
		const attributes: IDataObject = {};
		if (typeof fields.linkComment === 'string' && fields.linkComment) {
			attributes.comment = fields.linkComment;
		}
		operations.push({
			op: 'add',
			path: '/relations/-',
			value: { rel: 'Hyperlink', url: linkUrl, attributes },
		});
	}
	return operations;
}

/** The write switches create and update share, described for what they apply to. */
export function writeSwitches(
	subject: string,
): Record<'bypassRules' | 'suppressNotifications' | 'validateOnly', INodeProperties> {
	return {
		bypassRules: {
			displayName: 'Bypass Rules',
			name: 'bypassRules',
			type: 'boolean',
			default: false,
			description:
				'Whether to skip the process rules (needs the "Bypass rules on work item updates" permission)',
		},
		suppressNotifications: {
			displayName: 'Suppress Notifications',
			name: 'suppressNotifications',
			type: 'boolean',
			default: false,
			description: 'Whether to send no notifications for this change',
		},
		validateOnly: {
			displayName: 'Validate Only',
			name: 'validateOnly',
			type: 'boolean',
			default: false,
			description: `Whether to check ${subject} without saving it`,
		},
	};
}

/** Query-string switches common to create and update. */
export function writeQuery(options: IDataObject): IDataObject {
	const qs: IDataObject = {};
	for (const key of ['bypassRules', 'suppressNotifications', 'validateOnly']) {
		if (options[key] === true) qs[key] = true;
	}
	return qs;
}
