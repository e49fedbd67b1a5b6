import type { INodeProperties } from 'n8n-workflow';

import { resourceLocator } from '../../../shared/resourceLocator';

/** A work item's number in its page (`…/_workitems/edit/42`) or in a board's link (`…?workitem=42`). */
export const WORK_ITEM_URL_REGEX = '^https?://\\S+?(?:/_workitems/edit/|[?&]workitem=)(\\d+)';

/** The work item that Get and Update act on. */
export const workItemIdProperty: INodeProperties = resourceLocator({
	displayName: 'Work Item',
	name: 'workItemId',
	noun: 'work item',
	searchListMethod: 'searchWorkItems',
	required: true,
	url: {
		placeholder: 'https://dev.azure.com/fabrikam/Fabrikam%20Web/_workitems/edit/42',
		regex: WORK_ITEM_URL_REGEX,
	},
	id: { placeholder: '42', regex: '\\d+' },
});
