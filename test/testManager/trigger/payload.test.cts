import {
	BASE_PATH,
	KPI_PATH,
	createDefectRequestSchema,
	eventOf,
	kpiProjectParameter,
	pathAfterBase,
	toItem,
} from '../../../nodes/TestManager/trigger/payload';

const EXECUTION_ID = '0e8b2f4d-1c3a-4b5e-8f7d-9a6c2e1b3d40';
const TEST_CASE_ID = '7a2c4e6f-8b1d-4f3a-9c5e-1d2b3a4c5e6f';
const WEBHOOK = '/webhook/c0f1e2d3-4b5a-4c6d-9e8f-7a6b5c4d3e21';

describe('createDefectRequestSchema', () => {
	it('accepts the request with optional fields absent or null, and passes unknown fields through', () => {
		expect(createDefectRequestSchema.parse({ testExecutionId: EXECUTION_ID, testCaseId: TEST_CASE_ID })).toEqual({
			testExecutionId: EXECUTION_ID,
			testCaseId: TEST_CASE_ID,
		});
		const full = { testExecutionId: EXECUTION_ID, testCaseId: TEST_CASE_ID, variationId: null, linkToTestCaseLog: 'https://x', extra: 1 };
		expect(createDefectRequestSchema.parse(full)).toEqual(full);
	});

	it.each([
		[{ testExecutionId: EXECUTION_ID, testCaseId: 'TC-1' }, ['testCaseId']],
		[{ testCaseId: TEST_CASE_ID }, ['testExecutionId']],
		[{ testExecutionId: EXECUTION_ID, testCaseId: TEST_CASE_ID, variationId: 5 }, ['variationId']],
	])('refuses %j', (body, paths) => {
		const result = createDefectRequestSchema.safeParse(body);
		expect(result.success).toBe(false);
		expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(paths);
	});
});

describe('eventOf', () => {
	const webhookId = 'c0f1e2d3-4b5a-4c6d-9e8f-7a6b5c4d3e21';

	it("tells Defect KPIs by the project id path parameter named for the trigger's webhook id, Create Defect otherwise", () => {
		expect(kpiProjectParameter(webhookId)).toBe(`projectId-${webhookId}`);
		expect(eventOf({ [`projectId-${webhookId}`]: 'p-1' }, webhookId)).toEqual({ event: 'defectKpi', projectId: 'p-1' });
		expect(eventOf({}, webhookId)).toEqual({ event: 'createDefect' });
		expect(eventOf({ projectId: 'p-1' }, webhookId)).toEqual({ event: 'createDefect' });
	});
});

describe('pathAfterBase', () => {
	it('is empty for Create Defect and the KPI path for Defect KPIs', () => {
		expect(KPI_PATH).toBe(`=${BASE_PATH}/api/kpis/project/:projectId-{{$webhookId}}/defectstatus`);
		expect(pathAfterBase(`${WEBHOOK}/testmanager`)).toBe('');
		expect(pathAfterBase(`${WEBHOOK}/testmanager/api/kpis/project/p-1/defectstatus`)).toBe('api/kpis/project/p-1/defectstatus');
		expect(pathAfterBase('/elsewhere')).toBe('/elsewhere');
	});
});

describe('toItem', () => {
	const delivery = { body: { a: 1 }, method: 'POST', query: { q: '1' }, headers: { 'user-agent': 'TM' } };

	it('outputs the event, body, method, path after the base, query and headers', () => {
		expect(toItem({ ...delivery, event: 'createDefect', requestPath: `${WEBHOOK}/testmanager` })).toEqual({
			event: 'createDefect',
			body: { a: 1 },
			method: 'POST',
			path: '',
			query: { q: '1' },
			headers: { 'user-agent': 'TM' },
		});
	});

	it('adds the project of a Defect KPIs request', () => {
		const item = toItem({ ...delivery, event: 'defectKpi', projectId: 'p-1', requestPath: `${WEBHOOK}/testmanager/api/kpis/project/p-1/defectstatus` });
		expect(item).toMatchObject({ event: 'defectKpi', projectId: 'p-1', path: 'api/kpis/project/p-1/defectstatus' });
	});
});
