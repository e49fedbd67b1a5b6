import type { INodeProperties } from 'n8n-workflow';

import { EVENTS, type FilterName } from '../events';
import { FILTER_FIELDS } from './filterFields';

/** The Filters collection's options: each filter shows only when a selected event accepts it. */
function filterOptions(): INodeProperties[] {
	return (Object.keys(FILTER_FIELDS) as FilterName[])
		.map((name) => ({
			...FILTER_FIELDS[name],
			name,
			displayOptions: {
				show: {
					'/events': EVENTS.filter((event) => event.filters.includes(name)).map(
						(event) => event.value,
					),
				},
			},
		}))
		.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** How the trigger's Filters collection names a filter, for messages. */
export const filterDisplayName = (name: FilterName): string => FILTER_FIELDS[name].displayName;

/** Every filter name any event accepts; used to compare a remote subscription with the wanted one. */
export const ALL_FILTER_NAMES = Object.keys(FILTER_FIELDS) as FilterName[];

/** The trigger's Filters collection: publisher inputs Azure DevOps applies before it sends an event. */
export const filtersProperty: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	description:
		'Azure DevOps sends only the events that pass every filter set here. Each filter applies to the selected events that accept it.',
	options: filterOptions(),
};
