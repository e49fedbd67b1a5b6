import type { IDataObject } from 'n8n-workflow';

import { description, execute } from '../../../../nodes/TestManager/actions/testCaseLog/getAll.operation';
import { page, testManagerContext } from '../../../helpers/testManager';

const PROJECT = '3d1f9c2a-5b7e-4c10-9a8d-6e2f4b1c0a91';
const EXECUTION = '0e8b2f4d-1c3a-4b5e-8f7d-9a6c2e1b3d40';
const logs = Array.from({ length: 230 }, (_, i) => ({ id: `log-${i}`, testCaseId: i === 150 ? 'TC-X' : `tc-${i}` }));

function getLogs(parameters: IDataObject) {
	const { context, http } = testManagerContext({
		handler: (call) => [200, page(logs, call)],
		parameters: { projectId: PROJECT, testExecutionId: EXECUTION, filters: {}, ...parameters },
	});
	return { http, result: execute.call(context, 0) };
}

describe('Test Case Log: Get Many', () => {
	it('returns up to a limit by default, and reads the test case filter from a Create Defect item', () => {
		expect(description.find((p) => p.name === 'returnAll')?.default).toBe(false);
		const filters = description.find((p) => p.name === 'filters');
		expect(filters?.options).toEqual([expect.objectContaining({ name: 'testCaseId', default: '={{ $json.body.testCaseId }}' })]);
	});

	it("reads every page of the execution's logs, each log an item paired with the input", async () => {
		const { http, result } = getLogs({ returnAll: true });
		const output = await result;
		expect(output).toHaveLength(230);
		expect(output[0]).toEqual({ json: logs[0], pairedItem: { item: 0 } });
		expect(http.calls[0].path).toBe(`/api/v2/${PROJECT}/testcaselogs/testexecution/${EXECUTION}/paged`);
	});

	it('stops at the limit', async () => {
		const { http, result } = getLogs({ returnAll: false, limit: 120 });
		expect(await result).toHaveLength(120);
		expect(http.calls.map((call) => [call.qs.Top, call.qs.Skip])).toEqual([
			[100, 0],
			[20, 100],
		]);
	});

	it('asks Test Manager to filter by test case and checks the match itself, ignoring case, reading only until the limit matches', async () => {
		const all = getLogs({ returnAll: true, filters: { testCaseId: ' tc-x ' } });
		expect((await all.result).map((item) => item.json.id)).toEqual(['log-150']);
		expect(all.http.calls[0].qs).toMatchObject({ testCaseId: 'tc-x' });
		const limited = getLogs({ returnAll: false, limit: 1, filters: { testCaseId: 'TC-X' } });
		expect((await limited.result).map((item) => item.json.id)).toEqual(['log-150']);
		expect(limited.http.calls.map((call) => call.qs.Skip)).toEqual([0, 100]);
	});

	it('reads one page when Test Manager filters by test case itself', async () => {
		const { context, http } = testManagerContext({
			handler: (call) => [200, { data: logs.filter((log) => log.testCaseId === call.qs.testCaseId), paging: { total: 1 } }],
			parameters: { projectId: PROJECT, testExecutionId: EXECUTION, filters: { testCaseId: 'TC-X' }, returnAll: true },
		});
		expect((await execute.call(context, 0)).map((item) => item.json.id)).toEqual(['log-150']);
		expect(http.calls).toHaveLength(1);
	});

	it('keeps the useful fields with Simplify, and the test case key when the log names its test case', async () => {
		const full = { id: 'l1', testExecutionId: EXECUTION, testCaseId: 'tc', testCaseName: 'Pay', result: 'Failed', resultReason: 'boom', executionStart: 's', executionEnd: 'e', robotName: 'r', hostMachineName: 'h', version: 3, testCase: { objKey: 'CHK:12', name: 'Pay' } };
		const { context } = testManagerContext({
			handler: () => [200, { data: [full], paging: { total: 1 } }],
			parameters: { projectId: PROJECT, testExecutionId: EXECUTION, filters: {}, returnAll: true, simplify: true },
		});
		const [item] = await execute.call(context, 0);
		expect(item.json).toEqual({ id: 'l1', testExecutionId: EXECUTION, testCaseId: 'tc', testCaseName: 'Pay', result: 'Failed', resultReason: 'boom', executionStart: 's', executionEnd: 'e', testCaseKey: 'CHK:12' });
		expect(Object.keys(item.json).length).toBeLessThanOrEqual(10);
		const raw = testManagerContext({ handler: () => [200, { data: [full], paging: { total: 1 } }], parameters: { projectId: PROJECT, testExecutionId: EXECUTION, filters: {}, returnAll: true } });
		expect((await execute.call(raw.context, 0))[0].json).toEqual(full);
	});
});
