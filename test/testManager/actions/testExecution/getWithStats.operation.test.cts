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

	it('finds the project of a prefix, and encodes the IDs it puts in the path', async () => {
		const { context, http } = testManagerContext({
			parameters: { projectId: { __rl: true, mode: 'id', value: 'ab' }, testExecutionId: '../x?y' },
			handler: (call) => [200, call.path === '/api/v2/projects' ? { data: [{ id: 'a/b', projectPrefix: 'AB' }], paging: { total: 1 } } : {}],
		});
		await execute.call(context, 0);
		expect(http.calls.map((call) => call.path)).toEqual(['/api/v2/projects', '/api/v2/a%2Fb/testexecutions/..%2Fx%3Fy/withStats']);
	});
});
