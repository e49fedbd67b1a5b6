import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

/** One operation of an action node: runs for one input item and returns its output items. */
export interface Operation {
	execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]>;
}

/** Operations by resource, then by operation name, as the node's parameters name them. */
export type OperationTable = Record<string, Record<string, Operation>>;

/**
 * An error that names the item it failed on. n8n's error constructors hand back an error that is already of
 * their kind unchanged, so an index is added to such an error directly, and only when it has none.
 */
function withItemIndex(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

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
			throw withItemIndex(this, error, itemIndex);
		}
	}
	return [output];
}
