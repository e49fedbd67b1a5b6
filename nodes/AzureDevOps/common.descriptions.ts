import type { INodeProperties } from 'n8n-workflow';

import { resourceLocator } from '../shared/resourceLocator';

/**
 * A project's name in its web address: after the organization of Azure DevOps Services
 * (`dev.azure.com/{organization}/{project}`, `{organization}.visualstudio.com[/DefaultCollection]/{project}`) or
 * the collection of Azure DevOps Server (`server[/tfs]/{collection}/{project}`). Project names never start with
 * `_`, which keeps `_apis`, `_git` and the like out.
 */
export const PROJECT_URL_REGEX =
	'^https?://(?:dev\\.azure\\.com/[^/?#]+|[^/?#]+\\.visualstudio\\.com(?:/DefaultCollection)?|[^/?#]+(?:/tfs)?/[^/?#]+)/([^/?#_][^/?#]*)';

/** The project: chosen in the action node's operations and in the trigger (with its own description). */
export const projectProperty: INodeProperties = resourceLocator({
	displayName: 'Project',
	name: 'project',
	noun: 'project',
	searchListMethod: 'searchProjects',
	required: true,
	url: { placeholder: 'https://dev.azure.com/fabrikam/Fabrikam%20Web', regex: PROJECT_URL_REGEX },
	id: {
		placeholder: 'f1e0c2a4-6b8d-4e3f-9a1b-2c3d4e5f6a7b',
		hint: "The project's ID, or its name",
	},
});
