import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { currentLocatorValue } from '../../shared/resourceLocator';
import { azureDevOpsApiRequest, projectName, projectSegment } from '../transport';

interface ListResponse {
	value?: IDataObject[];
}

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

/** The project the lists below belong to: the `project` locator's value. */
function currentProject(context: ILoadOptionsFunctions): string {
	return projectName(currentLocatorValue(context, 'project'));
}

async function listInProject(
	context: ILoadOptionsFunctions,
	path: string,
	scope: 'code' | 'workItems' | 'build',
	qs: IDataObject = {},
): Promise<IDataObject[]> {
	const project = currentProject(context);
	if (!project) return [];
	const response = await azureDevOpsApiRequest<ListResponse>(context, {
		method: 'GET',
		path: `${projectSegment(project)}/${path}`,
		qs,
		scope,
	});
	return response?.value ?? [];
}

export async function getRepositories(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const repositories = await listInProject(this, '_apis/git/repositories', 'code');
	return repositories
		.map((repository) => ({ name: String(repository.name), value: String(repository.id) }))
		.sort(byName);
}

export async function getWorkItemTypes(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const types = await listInProject(this, '_apis/wit/workitemtypes', 'workItems');
	return types
		.filter((type) => type.isDisabled !== true)
		.map((type) => ({ name: String(type.name), value: String(type.name) }))
		.sort(byName);
}

/** Classic and YAML build pipelines; the service hook filters builds by definition name. */
export async function getBuildDefinitions(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const definitions = await listInProject(this, '_apis/build/definitions', 'build', {
		$top: 1000,
	});
	return definitions
		.map((definition) => ({ name: String(definition.name), value: String(definition.name) }))
		.sort(byName);
}

export async function getPipelines(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const pipelines = await listInProject(this, '_apis/pipelines', 'build', { $top: 1000 });
	return pipelines
		.map((pipeline) => ({
			name:
				pipeline.folder && pipeline.folder !== '\\'
					? `${String(pipeline.folder)}\\${String(pipeline.name)}`
					: String(pipeline.name),
			value: String(pipeline.id),
		}))
		.sort(byName);
}
