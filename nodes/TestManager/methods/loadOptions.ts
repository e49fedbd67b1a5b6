import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { statusValuesOf } from '../actions/helpers';

export async function getKpiStatuses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const options = (this.getCurrentNodeParameter('responseOptions') ?? {}) as IDataObject;
	return (statusValuesOf(options) ?? []).map((value) => ({ name: value, value }));
}
