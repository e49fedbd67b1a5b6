import { execute } from '../../../../nodes/TestManager/actions/testExecution/getWithStats.operation';
import { testManagerContext } from '../../../helpers/testManager';

const PROJECT = '3d1f9c2a-5b7e-4c10-9a8d-6e2f4b1c0a91';
const EXECUTION = '0e8b2f4d-1c3a-4b5e-8f7d-9a6c2e1b3d40';

describe('Test Execution: Get With Stats', () => {
	it('gets the execution with stats, the ID trimmed, as one item paired with its input', async () => {
		const { context, http } = testManagerContext({
			handler: () => [200, { id: EXECUTION, stats: { failed: 1 } }],
			parameters: { projectId: PROJECT, testExecutionId: ` ${EXECUTION} ` },
		});
		await expect(execute.call(context, 0)).resolves.toEqual([
			{ json: { id: EXECUTION, stats: { failed: 1 } }, pairedItem: { item: 0 } },
		]);
		expect(http.calls).toEqual([
			expect.objectContaining({ method: 'GET', path: `/api/v2/${PROJECT}/testexecutions/${EXECUTION}/withStats` }),
		]);
	});

	it('encodes the IDs it puts in the path', async () => {
		const { context, http } = testManagerContext({ parameters: { projectId: 'a/b', testExecutionId: '../x?y' } });
		await execute.call(context, 0);
		expect(http.calls[0].path).toBe('/api/v2/a%2Fb/testexecutions/..%2Fx%3Fy/withStats');
	});
});
