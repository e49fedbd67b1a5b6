import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

/** One operation of an action node: runs for one input item and returns its output items. */
export interface Operation {
	execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]>;
}

/** Operations by resource, then by operation name, as the node's parameters name them. */
export type OperationTable = Record<string, Record<string, Operation>>;

/**
 * Runs the chosen operation for each input item (or the given ones), pairing every output with its item.
 * With Continue On Fail an item's error becomes an `{ error }` item; otherwise it stops the node, naming
 * the item.
 */
export async function runOperations(
	this: IExecuteFunctions,
	table: OperationTable,
	itemIndexes: number[] = this.getInputData().map((_, index) => index),
): Promise<INodeExecutionData[][]> {
	const output: INodeExecutionData[] = [];
	for (const itemIndex of itemIndexes) {
		const resource = this.getNodeParameter('resource', itemIndex) as string;
		const operation = this.getNodeParameter('operation', itemIndex) as string;
		try {
			const handler = table[resource]?.[operation];
			if (!handler) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" of "${resource}" is not supported`,
					{ itemIndex },
				);
			}
			const results = await handler.execute.call(this, itemIndex);
			for (const result of results) output.push({ ...result, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (this.continueOnFail()) {
				output.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
				continue;
			}
			// Both constructors hand back an error that is already of their kind, adding the item.
			if (error instanceof NodeApiError) {
				error.context.itemIndex = itemIndex;
				throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
			}
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	}
	return [output];
}
