import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import * as project from './project';
import * as testCaseLog from './testCaseLog';
import * as testExecution from './testExecution';
import * as webhookResponse from './webhookResponse';

type Operation = (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;

const operations: Record<string, Record<string, { execute: Operation }>> = {
	project: { getAll: project.getAll },
	testCaseLog: { getAll: testCaseLog.getAll },
	testExecution: { getWithStats: testExecution.getWithStats },
	webhookResponse: {
		respondWithCreatedDefect: webhookResponse.respondWithCreatedDefect,
		respondWithDefectKpis: webhookResponse.respondWithDefectKpis,
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = operations[resource]?.[operation]?.execute;
	if (!run) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}

	// A request gets one answer: the respond operations answer with the first item only.
	const items = this.getInputData();
	const indexes = resource === 'webhookResponse' ? [0] : items.map((_, index) => index);
	const returnData: INodeExecutionData[] = [];
	for (const itemIndex of indexes) {
		try {
			returnData.push(...(await run.call(this, itemIndex)));
		} catch (error) {
			if (!this.continueOnFail()) {
				throw error instanceof NodeApiError
					? new NodeApiError(this.getNode(), error as unknown as JsonObject, { itemIndex })
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			}
			returnData.push({
				json: { error: (error as Error).message },
				pairedItem: { item: itemIndex },
			});
		}
	}
	return [returnData];
}
