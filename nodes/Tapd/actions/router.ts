import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import * as defectKpi from './defectKpi';
import * as webhookSetting from './webhookSetting';
import * as workItem from './workItem';

type Operation = {
	execute: (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;
};

const OPERATIONS: Record<string, Record<string, Operation>> = {
	webhookSetting: webhookSetting.operations,
	bug: workItem.operations,
	story: workItem.operations,
	task: workItem.operations,
	defectKpi: defectKpi.operations,
};

/** Runs the chosen operation once per input item, pairing outputs with their item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const resource = this.getNodeParameter('resource', itemIndex) as string;
		const operation = this.getNodeParameter('operation', itemIndex) as string;
		const handler = OPERATIONS[resource]?.[operation];
		if (!handler) {
			throw new NodeOperationError(
				this.getNode(),
				`The operation "${operation}" is not supported for "${resource}"`,
				{ itemIndex },
			);
		}
		if (!this.continueOnFail()) {
			const results = await handler.execute.call(this, itemIndex);
			returnData.push(...results.map((result) => ({ ...result, pairedItem: { item: itemIndex } })));
			continue;
		}
		try {
			const results = await handler.execute.call(this, itemIndex);
			returnData.push(...results.map((result) => ({ ...result, pairedItem: { item: itemIndex } })));
		} catch (error) {
			returnData.push({
				json: { error: (error as Error).message },
				pairedItem: { item: itemIndex },
			});
		}
	}
	return [returnData];
}
