import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { azureDevOpsApiRequest, projectSegment } from '../transport';

interface ListResponse {
	value?: IDataObject[];
}

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

function currentProject(context: ILoadOptionsFunctions): string {
	const project = context.getCurrentNodeParameter('project');
	return typeof project === 'string' ? project : '';
}

/** Projects of the organization, value = project id (stable across renames). */
export async function getProjects(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const options: INodePropertyOptions[] = [];
	const pageSize = 500;
	for (let skip = 0; ; skip += pageSize) {
		const page = await azureDevOpsApiRequest<ListResponse>(this, {
			method: 'GET',
			path: '_apis/projects',
			qs: { $top: pageSize, $skip: skip },
			scope: 'projects',
		});
		const projects = page?.value ?? [];
		for (const project of projects) {
			options.push({
				name: String(project.name),
				value: String(project.id),
				description: typeof project.description === 'string' ? project.description : undefined,
			});
		}
		if (projects.length < pageSize) break;
	}
	return options.sort(byName);
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
