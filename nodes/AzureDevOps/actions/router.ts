import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import type { OperationHandler } from './common';
import * as defectKpi from './defectKpi';
import * as workItem from './workItem';

const HANDLERS: Record<string, Record<string, OperationHandler>> = {
	workItem: {
		create: workItem.create.execute,
		get: workItem.get.execute,
		query: workItem.query.execute,
		update: workItem.update.execute,
	},
	defectKpi: { get: defectKpi.get.execute },
};

/** Runs the chosen operation once per input item, pairing every output with its input. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const resource = this.getNodeParameter('resource', i) as string;
		const operation = this.getNodeParameter('operation', i) as string;
		const handler = HANDLERS[resource]?.[operation];
		try {
			if (!handler) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" of "${resource}" is not supported`,
					{ itemIndex: i },
				);
			}
			const results = await handler.call(this, i);
			for (const result of results) output.push({ ...result, pairedItem: { item: i } });
		} catch (error) {
			if (this.continueOnFail()) {
				output.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
				continue;
			}
			// Both constructors hand back an error that is already of their kind, unchanged.
			if (error instanceof NodeApiError) {
				error.context.itemIndex = i;
				throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
			}
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
		}
	}
	return [output];
}
