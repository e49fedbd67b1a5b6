import { NodeApiError, NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { runOperations, type OperationTable } from '../../../nodes/shared/actions/operations';

function executeContext(items: number, parameters: Record<string, string>, continueOnFail = false) {
	return {
		getInputData: () => Array.from({ length: items }, (_, index) => ({ json: { index } })),
		getNodeParameter: (name: string) => parameters[name],
		getNode: () => ({ id: 'n', name: 'Node', type: 't', typeVersion: 1, position: [0, 0], parameters: {} }),
		continueOnFail: () => continueOnFail,
	} as unknown as IExecuteFunctions;
}

const table: OperationTable = {
	thing: {
		echo: { execute: async (itemIndex) => [{ json: { itemIndex } }, { json: { itemIndex, second: true } }] },
		fail: {
			execute: async (itemIndex) => {
				throw new Error(`item ${itemIndex} broke`);
			},
		},
		operationFail: {
			execute: async function (this: IExecuteFunctions, itemIndex) {
				// An operation's own error, thrown without naming its item.
				throw new NodeOperationError(this.getNode(), `item ${itemIndex} is invalid`);
			},
		},
		namedFail: {
			execute: async function (this: IExecuteFunctions) {
				throw new NodeOperationError(this.getNode(), 'names its item', { itemIndex: 7 });
			},
		},
		apiFail: {
			execute: async function (this: IExecuteFunctions) {
				throw new NodeApiError(this.getNode(), { message: 'Not found' }, { httpCode: '404' });
			},
		},
	},
};

describe('runOperations', () => {
	it('runs the operation once per item and pairs every output with its item', async () => {
		const [output] = await runOperations.call(executeContext(2, { resource: 'thing', operation: 'echo' }), table);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }, { item: 1 }]);
	});

	it('runs only the given items', async () => {
		const [output] = await runOperations.call(executeContext(3, { resource: 'thing', operation: 'echo' }), table, [0]);
		expect(output).toHaveLength(2);
	});

	it('names an unknown operation', async () => {
		await expect(runOperations.call(executeContext(1, { resource: 'thing', operation: 'nope' }), table)).rejects.toThrow(
			'The operation "nope" of "thing" is not supported',
		);
	});

	it('stops on a failure as a node error naming the item, or outputs it with Continue On Fail', async () => {
		const failing = runOperations.call(executeContext(2, { resource: 'thing', operation: 'fail' }), table);
		await expect(failing).rejects.toBeInstanceOf(NodeOperationError);
		await expect(failing).rejects.toMatchObject({ context: { itemIndex: 0 } });
		const [output] = await runOperations.call(executeContext(2, { resource: 'thing', operation: 'fail' }, true), table);
		expect(output).toEqual([
			{ json: { error: 'item 0 broke' }, pairedItem: { item: 0 } },
			{ json: { error: 'item 1 broke' }, pairedItem: { item: 1 } },
		]);
	});

	it('keeps an API error an API error, with the item', async () => {
		const failing = runOperations.call(executeContext(1, { resource: 'thing', operation: 'apiFail' }), table);
		await expect(failing).rejects.toBeInstanceOf(NodeApiError);
		await expect(failing).rejects.toMatchObject({ httpCode: '404', context: { itemIndex: 0 } });
	});

	it('adds the item to a node error thrown without one, the same error instance', async () => {
		// n8n's constructors return an error of their own kind unchanged: wrapping it alone would lose the index.
		const failing = runOperations.call(executeContext(3, { resource: 'thing', operation: 'operationFail' }), table, [2]);
		await expect(failing).rejects.toBeInstanceOf(NodeOperationError);
		await expect(failing).rejects.toMatchObject({ message: 'item 2 is invalid', context: { itemIndex: 2 } });
	});

	it('keeps the item an error already names', async () => {
		const failing = runOperations.call(executeContext(1, { resource: 'thing', operation: 'namedFail' }), table);
		await expect(failing).rejects.toMatchObject({ context: { itemIndex: 7 } });
	});
});
