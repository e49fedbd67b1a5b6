import type { INodeProperties } from 'n8n-workflow';

import { resourceLocator } from '../shared/resourceLocator';

/**
 * The workspace in a TAPD address: the first path segment of digits, as in `tapd.cn/10158231/bugtrace/…` or
 * `tapd.cn/tapd_fe/10158231/story/list`.
 */
export const WORKSPACE_URL_REGEX = '^https?://[^/?#]+(?:/[^/?#]*)*?/(\\d+)(?:[/?#]|$)';

const workspace = {
	displayName: 'Workspace',
	name: 'workspaceId',
	noun: 'workspace',
	url: {
		placeholder: 'https://www.tapd.cn/10158231/bugtrace/bugreports/my_view',
		regex: WORKSPACE_URL_REGEX,
	},
	id: { placeholder: '10158231', regex: '\\d+' },
};

/** The workspace (project) both TAPD nodes work in; the trigger shows it with its own words. */
export const workspaceIdProperty: INodeProperties = resourceLocator({
	...workspace,
	searchListMethod: 'searchWorkspaces',
	required: true,
	description: 'The TAPD project: the number after tapd.cn/ in its address',
});

/**
 * The manual trigger's optional workspace filter: no list, since that trigger has no credential to list with.
 * Its own name, not the automatic mode's required `workspaceId`: a saved value is read by every property of
 * its name. Optional, it may stay empty in any mode (docs/n8n.md, "Parameters checked at publish").
 */
export const workspaceFilterProperty: INodeProperties = resourceLocator({
	...workspace,
	name: 'onlyFromWorkspace',
	displayName: 'Only From Workspace',
	description:
		'Ignore deliveries from other workspaces, e.g. when the webhook is company-wide. Empty accepts any workspace.',
});
