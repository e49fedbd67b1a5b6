import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runOperations } from '../../shared/actions/operations';
import * as defectKpi from './defectKpi';
import * as serviceHook from './serviceHook';
import * as workItem from './workItem';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperations.call(this, {
		workItem: workItem.operations,
		defectKpi: defectKpi.operations,
		serviceHook: serviceHook.operations,
	});
}
