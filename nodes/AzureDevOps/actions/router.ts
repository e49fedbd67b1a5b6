import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runOperations, type OperationTable } from '../../shared/actions/operations';
import * as defectKpi from './defectKpi';
import * as workItem from './workItem';

const OPERATIONS: OperationTable = {
	workItem: {
		create: workItem.create,
		get: workItem.get,
		query: workItem.query,
		update: workItem.update,
	},
	defectKpi: { get: defectKpi.get },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperations.call(this, OPERATIONS);
}
