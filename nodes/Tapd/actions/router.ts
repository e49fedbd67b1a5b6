import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runOperations } from '../../shared/actions/operations';
import * as defectKpi from './defectKpi';
import * as webhookSetting from './webhookSetting';
import * as workItem from './workItem';

/** Bugs, stories and tasks share their operations: the kind is read from the resource. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperations.call(this, {
		webhookSetting: webhookSetting.operations,
		bug: workItem.operations,
		story: workItem.operations,
		task: workItem.operations,
		defectKpi: defectKpi.operations,
	});
}
