import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { statusValuesOf } from '../actions/helpers';
import { testManagerApiRequestAllItems } from '../transport';

export async function getProjects(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const projects = await testManagerApiRequestAllItems(this, { path: '/api/v2/projects' });
	return projects
		.filter((project) => typeof project.id === 'string' || typeof project.id === 'number')
		.map((project) => {
			const prefix = typeof project.projectPrefix === 'string' ? ` (${project.projectPrefix})` : '';
			return {
				name: `${String(project.name ?? project.id)}${prefix}`,
				value: String(project.id),
				description: typeof project.description === 'string' ? project.description : undefined,
			};
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}

export async function getKpiStatuses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const options = (this.getCurrentNodeParameter('responseOptions') ?? {}) as IDataObject;
	return (statusValuesOf(options) ?? []).map((value) => ({ name: value, value }));
}
