import type { IDataObject } from 'n8n-workflow';

import { TestManager } from '../../nodes/TestManager/TestManager.node';
import { executeContext } from '../helpers/contexts';
import { KPIS, kpiParameters, testManagerContext } from '../helpers/testManager';
import { resolvedParameters, shownChoices, toolVariant } from '../helpers/tools';

const node = new TestManager();
const run = async (context: ReturnType<typeof executeContext>['context']) => await node.execute.call(context);

const KPI_ANSWER = kpiParameters(KPIS);

describe('TestManager node as an AI tool', () => {
	const tool = toolVariant(node.description);

	it('offers the REST resources only: an agent holds no Test Manager request to answer', () => {
		expect(shownChoices(node.description, {}, 'resource')).toEqual(['project', 'testCaseLog', 'testExecution', 'webhookResponse']);
		expect(shownChoices(tool, {}, 'resource')).toEqual(['project', 'testCaseLog', 'testExecution']);
		expect(resolvedParameters(tool, {})).toMatchObject({ resource: 'testCaseLog', operation: 'getAll', simplify: true, returnAll: false });
		expect(resolvedParameters(node.description, { resource: 'testCaseLog' })).toMatchObject({ simplify: false, returnAll: false });
	});
});

describe('TestManager node', () => {
	it('needs the API credential only for the REST resources', () => {
		expect(node.description.credentials).toEqual([
			{
				name: 'testManagerApi',
				required: true,
				displayOptions: { show: { resource: ['project', 'testExecution', 'testCaseLog'] } },
			},
		]);
	});

	it('answers once, with the first item, when several arrive', async () => {
		const { context, mock } = executeContext({ parameters: KPI_ANSWER, items: 3 });
		const [output] = await run(context);
		expect(mock.sendResponse).toHaveBeenCalledTimes(1);
		expect(output).toEqual([{ json: expect.objectContaining({ totalDefects: 12 }), pairedItem: { item: 0 } }]);
	});

	it('outputs the error instead of failing when Continue On Fail is set', async () => {
		const { context, mock } = executeContext({
			parameters: { ...KPI_ANSWER, criticalDefects: 20 },
			continueOnFail: true,
		});
		const [[item]] = await run(context);
		expect(item.json.error).toContain('criticalDefects (20) exceeds totalDefects (12)');
		expect(mock.sendResponse).not.toHaveBeenCalled();
	});

	it('runs a REST operation for every item, pairing each output with its item', async () => {
		const parameters: IDataObject = { resource: 'testExecution', operation: 'getWithStats', projectId: '3d1f9c2a-5b7e-4c10-9a8d-6e2f4b1c0a91' };
		const { context, http } = testManagerContext({
			handler: (call) => [200, { id: call.path.split('/')[5] }],
			parameters: [
				{ ...parameters, testExecutionId: 'e-0' },
				{ ...parameters, testExecutionId: 'e-1' },
			],
		});
		const [output] = await run(context);
		expect(output).toEqual([
			{ json: { id: 'e-0' }, pairedItem: { item: 0 } },
			{ json: { id: 'e-1' }, pairedItem: { item: 1 } },
		]);
		expect(http.calls).toHaveLength(2);
	});

	it('names the item an API failure happened on', async () => {
		const { context } = testManagerContext({
			handler: () => [404, { message: 'Test execution x was not found' }],
			parameters: { resource: 'testExecution', operation: 'getWithStats', projectId: '3d1f9c2a-5b7e-4c10-9a8d-6e2f4b1c0a91', testExecutionId: 'x' },
		});
		await expect(run(context)).rejects.toMatchObject({
			message: 'UiPath Test Manager found nothing (HTTP 404) during GET /api/v2/3d1f9c2a-5b7e-4c10-9a8d-6e2f4b1c0a91/testexecutions/x/withStats: Test execution x was not found',
			context: { itemIndex: 0 },
		});
	});
});
