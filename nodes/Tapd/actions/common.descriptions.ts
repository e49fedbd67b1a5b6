import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** TAPD's bug severities (严重程度): set on bugs, filtered by, and grouped into critical and moderate KPIs. */
export const SEVERITY_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Fatal', value: 'fatal' },
	{ name: 'Serious', value: 'serious' },
	{ name: 'Normal', value: 'normal' },
	{ name: 'Prompt', value: 'prompt' },
	{ name: 'Advice', value: 'advice' },
];

/** "Other Filters"/"Custom Fields": any TAPD parameter by name, for fields this node does not list. */
export function nameValueProperty(
	displayName: string,
	name: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Field',
		default: {},
		description,
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'custom_field_one',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	};
}

/** Options of a TAPD list call: which fields come back and in what order (docs/contracts/tapd.md, "API basics"). */
export function listOptionsProperty(
	fieldsPlaceholder: string,
	fieldsDescription: string,
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'queryOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'string',
				default: '',
				placeholder: fieldsPlaceholder,
				description: fieldsDescription,
			},
			{
				displayName: 'Order',
				name: 'order',
				type: 'string',
				default: '',
				placeholder: 'created desc',
				description: 'A field name followed by asc or desc',
			},
		],
	};
}
