import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runOperations, type OperationTable } from '../../shared/actions/operations';
import * as defectKpi from './defectKpi';
import * as webhookSetting from './webhookSetting';
import * as workItem from './workItem';

const OPERATIONS: OperationTable = {
	webhookSetting: webhookSetting.operations,
	bug: workItem.operations,
	story: workItem.operations,
	task: workItem.operations,
	defectKpi: defectKpi.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperations.call(this, OPERATIONS);
}
