import { NodeApiError, NodeOperationError, type IDataObject } from 'n8n-workflow';

import { TestManager } from '../../nodes/TestManager/TestManager.node';
import { getKpiStatuses, getProjects } from '../../nodes/TestManager/methods/loadOptions';
import { apiError, serverMessage } from '../../nodes/TestManager/transport';

/** A hand-written IExecuteFunctions for the UiPath Test Manager node. */
export function executeContext(options: {
	parameters: IDataObject;
	items?: IDataObject[];
	continueOnFail?: boolean;
	http?: jest.Mock;
	credentials?: IDataObject;
}) {
	const sendResponse = jest.fn(async () => {});
	const http = options.http ?? jest.fn();
	const context = {
		getInputData: () => (options.items ?? [{}]).map((json) => ({ json })),
		getNodeParameter: (name: string, _index: number, fallback?: unknown) => {
			const [head, ...rest] = name.split('.');
			let value: unknown = options.parameters[head];
			for (const key of rest) value = (value as IDataObject | undefined)?.[key];
			return value === undefined ? fallback : value;
		},
		getCurrentNodeParameter: (name: string) => options.parameters[name],
		getNode: () => ({ name: 'UiPath Test Manager', type: 'testManager', typeVersion: 1 }),
		continueOnFail: () => options.continueOnFail ?? false,
		sendResponse,
		getCredentials: jest.fn(async () => ({
			baseUrl: 'https://cloud.uipath.com/',
			organization: 'acme',
			tenant: 'DefaultTenant',
			clientId: 'id',
			clientSecret: 'client-secret-value',
			accessToken: 'token-value',
			...options.credentials,
		})),
		helpers: { httpRequestWithAuthentication: http },
	};
	return { context, sendResponse, http };
}

const run = async (mock: ReturnType<typeof executeContext>) =>
	await new TestManager().execute.call(mock.context as never);

const KPIS = {
	totalDefects: 12,
	criticalDefects: 2,
	moderateDefects: 5,
	openDefects: 7,
	closedDefects: 5,
	criticalDefectsLink: 'https://tracker.example.com/critical',
};
/** What n8n resolves the default expressions of the KPI fields to, from an incoming item. */
const kpiParameters = (item: IDataObject, extra: IDataObject = {}) => ({
	resource: 'webhookResponse',
	operation: 'respondWithDefectKpis',
	totalDefects: item.totalDefects,
	criticalDefects: item.criticalDefects,
	moderateDefects: item.moderateDefects,
	openDefects: item.openDefects,
	closedDefects: item.closedDefects,
	criticalDefectsLink: item.criticalDefectsLink,
	status: 'Success',
	responseOptions: {},
	...extra,
});

describe('TestManager node: Respond with Defect KPIs', () => {
	it('defaults each field to the same name of the incoming item', () => {
		const properties = new TestManager().description.properties;
		for (const name of Object.keys(KPIS)) {
			expect(properties.find((p) => p.name === name)?.default).toBe(`={{ $json.${name} }}`);
		}
		expect(properties.find((p) => p.name === 'status')?.default).toBe('Success');
	});

	it('answers with KPIConnectorDefectsDto and outputs what it sent', async () => {
		const mock = executeContext({ parameters: kpiParameters(KPIS), items: [KPIS] });
		const output = await run(mock);
		const body = { ...KPIS, status: 'Success' };
		expect(mock.sendResponse).toHaveBeenCalledWith({
			body,
			headers: { 'content-type': 'application/json; charset=utf-8' },
			statusCode: 200,
		});
		expect(output).toEqual([[{ json: body, pairedItem: { item: 0 } }]]);
	});

	it('accepts counts mapped as text, sends an empty link as null, and sets the status code', async () => {
		const item = { ...KPIS, totalDefects: '12', openDefects: ' 7 ', criticalDefectsLink: '' };
		const mock = executeContext({
			parameters: kpiParameters(item, { status: 'Error', responseOptions: { statusCode: 203 } }),
		});
		await run(mock);
		expect(mock.sendResponse).toHaveBeenCalledWith(
			expect.objectContaining({
				statusCode: 203,
				body: { ...KPIS, totalDefects: 12, openDefects: 7, criticalDefectsLink: null, status: 'Error' },
			}),
		);
	});

	it.each([
		['a negative count', { closedDefects: -1 }, 'closedDefects must not be negative'],
		['a fraction', { moderateDefects: 1.5 }, 'moderateDefects must be a whole number'],
		['a count beyond int32', { totalDefects: 2 ** 31 }, 'totalDefects must fit a 32-bit integer'],
		['text that is no number', { totalDefects: 'many' }, 'totalDefects must be a number'],
		['a missing count', { totalDefects: undefined }, 'totalDefects is missing'],
		['more critical defects than defects', { criticalDefects: 13 }, 'criticalDefects (13) exceeds totalDefects (12)'],
		['more moderate defects than defects', { moderateDefects: 13 }, 'moderateDefects (13) exceeds totalDefects (12)'],
		['open + closed beyond the total', { openDefects: 8 }, 'openDefects + closedDefects (13) exceeds totalDefects (12)'],
		['a link that is no URL', { criticalDefectsLink: 'tracker/critical' }, 'criticalDefectsLink must be a URL'],
		['a javascript: link', { criticalDefectsLink: 'javascript:alert(1)' }, 'criticalDefectsLink must be an http(s) URL'],
	])('refuses %s with a clear node error and sends nothing', async (_what, change, message) => {
		const mock = executeContext({ parameters: kpiParameters({ ...KPIS, ...change }) });
		const failure = run(mock);
		await expect(failure).rejects.toThrow(NodeOperationError);
		await expect(failure).rejects.toThrow(message);
		expect(mock.sendResponse).not.toHaveBeenCalled();
	});

	it('accepts only the configured status values', async () => {
		const unknown = executeContext({ parameters: kpiParameters(KPIS, { status: 'Green' }) });
		await expect(run(unknown)).rejects.toThrow('status must be one of Success, Warning, Error');

		const custom = { responseOptions: { statusValues: 'Ok, Degraded, Failed' } };
		const accepted = executeContext({ parameters: kpiParameters(KPIS, { status: 'Degraded', ...custom }) });
		await run(accepted);
		expect(accepted.sendResponse).toHaveBeenCalledWith(
			expect.objectContaining({ body: expect.objectContaining({ status: 'Degraded' }) }),
		);

		const twoValues = executeContext({
			parameters: kpiParameters(KPIS, { responseOptions: { statusValues: 'Ok, Failed' } }),
		});
		await expect(run(twoValues)).rejects.toThrow('Status Values must list three different values');
	});

	it('answers once, with the first item, when several arrive', async () => {
		const mock = executeContext({ parameters: kpiParameters(KPIS), items: [KPIS, KPIS, KPIS] });
		const [output] = await run(mock);
		expect(mock.sendResponse).toHaveBeenCalledTimes(1);
		expect(output).toHaveLength(1);
	});

	it('outputs the error instead of failing when Continue On Fail is set', async () => {
		const mock = executeContext({
			parameters: kpiParameters({ ...KPIS, criticalDefects: 20 }),
			continueOnFail: true,
		});
		const [[item]] = await run(mock);
		expect(item.json.error).toContain('criticalDefects (20) exceeds totalDefects (12)');
		expect(mock.sendResponse).not.toHaveBeenCalled();
	});

	it('lists the configured status values for the Status field', async () => {
		const context = { getCurrentNodeParameter: () => ({ statusValues: 'A, B, C' }) };
		await expect(getKpiStatuses.call(context as never)).resolves.toEqual([
			{ name: 'A', value: 'A' },
			{ name: 'B', value: 'B' },
			{ name: 'C', value: 'C' },
		]);
		const defaults = { getCurrentNodeParameter: () => undefined };
		expect((await getKpiStatuses.call(defaults as never)).map((o) => o.value)).toEqual([
			'Success',
			'Warning',
			'Error',
		]);
	});
});

describe('TestManager node: Respond with Created Defect', () => {
	const defect = (extra: IDataObject = {}) => ({
		resource: 'webhookResponse',
		operation: 'respondWithCreatedDefect',
		defectId: '4711',
		defectKey: 'BUG-4711',
		defectTitle: 'Pay with expired card failed',
		defectUrl: 'https://tracker.example.com/bugs/4711',
		responseOptions: {},
		...extra,
	});

	it('answers with id, key, title and URL', async () => {
		const mock = executeContext({ parameters: defect() });
		const [[item]] = await run(mock);
		const body = {
			id: '4711',
			key: 'BUG-4711',
			title: 'Pay with expired card failed',
			url: 'https://tracker.example.com/bugs/4711',
		};
		expect(mock.sendResponse).toHaveBeenCalledWith(expect.objectContaining({ body, statusCode: 200 }));
		expect(item).toEqual({ json: body, pairedItem: { item: 0 } });
	});

	it('leaves out an empty key and title, adds extra fields last and sets the status code', async () => {
		const mock = executeContext({
			parameters: defect({
				defectKey: '',
				defectTitle: '  ',
				responseOptions: {
					statusCode: 201,
					extraFields: '{"externalLink":"https://tracker.example.com/bugs/4711","id":4711,"__proto__":{"x":1}}',
				},
			}),
		});
		await run(mock);
		const [[answer]] = mock.sendResponse.mock.calls as unknown as [[{ body: IDataObject; statusCode: number }]];
		expect(answer.statusCode).toBe(201);
		expect(answer.body).toEqual({
			id: 4711,
			url: 'https://tracker.example.com/bugs/4711',
			externalLink: 'https://tracker.example.com/bugs/4711',
		});
		expect(Object.getPrototypeOf(answer.body)).toBe(Object.prototype);
	});

	it.each([
		['an empty ID', { defectId: '' }, 'Defect ID is empty'],
		['a URL that is no URL', { defectUrl: 'bugs/4711' }, 'Defect URL must be a URL'],
		['extra fields that are no JSON', { responseOptions: { extraFields: '{id:' } }, 'Extra Fields (JSON) is not valid JSON'],
		['extra fields that are an array', { responseOptions: { extraFields: '[1]' } }, 'Extra Fields (JSON) must be a JSON object'],
		['a status code out of range', { responseOptions: { statusCode: 99 } }, 'Response Code must be between 200 and 599'],
	])('refuses %s', async (_what, change, message) => {
		const mock = executeContext({ parameters: defect(change) });
		await expect(run(mock)).rejects.toThrow(message);
		expect(mock.sendResponse).not.toHaveBeenCalled();
	});
});

describe('TestManager node: REST API', () => {
	const PROJECT = '3d1f9c2a-5b7e-4c10-9a8d-6e2f4b1c0a91';
	const EXECUTION = '0e8b2f4d-1c3a-4b5e-8f7d-9a6c2e1b3d40';
	const BASE = 'https://cloud.uipath.com/acme/DefaultTenant/testmanager_';
	const logs = Array.from({ length: 230 }, (_, i) => ({ id: `log-${i}`, testCaseId: i === 150 ? 'TC-X' : `tc-${i}` }));
	/** Pages of the logs; `withTotal` announces the count, `cap` serves fewer items than asked per page. */
	const pagedHttp = (options: { withTotal?: boolean; cap?: number } = {}) =>
		jest.fn(async (_type: string, request: { qs: { Top: number; Skip: number } }) => ({
			data: logs.slice(request.qs.Skip, request.qs.Skip + Math.min(request.qs.Top, options.cap ?? Infinity)),
			...(options.withTotal ? { paging: { total: logs.length } } : {}),
		}));

	it('gets a test execution with stats under {base}/{org}/{tenant}/testmanager_', async () => {
		const http = jest.fn(async () => ({ id: EXECUTION, stats: { failed: 1 } }));
		const mock = executeContext({
			http,
			parameters: { resource: 'testExecution', operation: 'getWithStats', projectId: PROJECT, testExecutionId: ` ${EXECUTION} ` },
			items: [{}, {}],
		});
		const [output] = await run(mock);
		expect(http).toHaveBeenCalledWith(
			'testManagerApi',
			expect.objectContaining({ method: 'GET', url: `${BASE}/api/v2/${PROJECT}/testexecutions/${EXECUTION}/withStats` }),
		);
		expect(output).toEqual([
			{ json: { id: EXECUTION, stats: { failed: 1 } }, pairedItem: { item: 0 } },
			{ json: { id: EXECUTION, stats: { failed: 1 } }, pairedItem: { item: 1 } },
		]);
	});

	it('reads every page of the test case logs of an execution, up to the announced total', async () => {
		const http = pagedHttp({ withTotal: true });
		const mock = executeContext({
			http,
			parameters: { resource: 'testCaseLog', operation: 'getAll', projectId: PROJECT, testExecutionId: EXECUTION, returnAll: true, filters: {} },
		});
		const [output] = await run(mock);
		expect(output).toHaveLength(230);
		expect(http.mock.calls.map(([, request]) => [request.qs.Top, request.qs.Skip])).toEqual([
			[100, 0],
			[100, 100],
			[100, 200],
		]);
		expect(http.mock.calls[0][1]).toMatchObject({
			url: `${BASE}/api/v2/${PROJECT}/testcaselogs/testexecution/${EXECUTION}/paged`,
		});
	});

	it('reads on after short pages until an empty one when no total is announced', async () => {
		const http = pagedHttp({ cap: 40 });
		const mock = executeContext({
			http,
			parameters: { resource: 'testCaseLog', operation: 'getAll', projectId: PROJECT, testExecutionId: EXECUTION, returnAll: true, filters: {} },
		});
		const [output] = await run(mock);
		expect(output.map((item) => item.json.id)).toEqual(logs.map((log) => log.id));
		expect(http.mock.calls.map(([, request]) => request.qs.Skip)).toEqual([0, 40, 80, 120, 160, 200, 230]);
	});

	it('stops at the limit, and filters by test case after reading all pages', async () => {
		const limited = executeContext({
			http: pagedHttp(),
			parameters: { resource: 'testCaseLog', operation: 'getAll', projectId: PROJECT, testExecutionId: EXECUTION, returnAll: false, limit: 120, filters: {} },
		});
		const [firstOutput] = await run(limited);
		expect(firstOutput).toHaveLength(120);
		expect(limited.http.mock.calls.map(([, r]) => [r.qs.Top, r.qs.Skip])).toEqual([
			[100, 0],
			[20, 100],
		]);

		const filtered = executeContext({
			http: pagedHttp(),
			parameters: { resource: 'testCaseLog', operation: 'getAll', projectId: PROJECT, testExecutionId: EXECUTION, returnAll: true, filters: { testCaseId: 'tc-x' } },
		});
		const [secondOutput] = await run(filtered);
		expect(secondOutput.map((item) => item.json.id)).toEqual(['log-150']);
	});

	it('lists projects, and offers them sorted by name for the Project field', async () => {
		const projects = [
			{ id: 'p2', name: 'Mobile App', projectPrefix: 'MOB' },
			{ id: 'p1', name: 'Checkout', projectPrefix: 'CHK' },
		];
		// This server ignores Top and Skip and announces no total: the repeated page ends the list.
		const http = jest.fn(async () => ({ data: projects }));
		const mock = executeContext({ http, parameters: { resource: 'project', operation: 'getAll', returnAll: true } });
		const [output] = await run(mock);
		expect(output.map((item) => item.json.id)).toEqual(['p2', 'p1']);
		expect(http).toHaveBeenCalledTimes(2);
		const options = await getProjects.call(mock.context as never);
		expect(options.map((o) => [o.name, o.value])).toEqual([
			['Checkout (CHK)', 'p1'],
			['Mobile App (MOB)', 'p2'],
		]);
	});

	it("turns a refusal into a NodeApiError with the server's message and no credentials", async () => {
		const refusal = Object.assign(new Error('Request failed with status code 404'), {
			response: { status: 404, data: { message: 'Test execution x was not found' } },
			config: { headers: { Authorization: 'Bearer token-value' }, data: 'client_secret=client-secret-value' },
		});
		const http = jest.fn(async () => {
			throw new NodeApiError({ name: 'n', type: 't', typeVersion: 1 } as never, refusal as never);
		});
		const mock = executeContext({
			http,
			parameters: { resource: 'testExecution', operation: 'getWithStats', projectId: PROJECT, testExecutionId: 'x' },
		});
		const error = (await run(mock).catch((e: unknown) => e)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('UiPath Test Manager answered 404: Test execution x was not found');
		expect(error.httpCode).toBe('404');
		const everything = JSON.stringify({ ...error, message: error.message, description: error.description });
		expect(everything).not.toContain('token-value');
		expect(everything).not.toContain('client-secret-value');
	});

	it('reports a failed token request with its clean message', async () => {
		const http = jest.fn(async () => {
			throw new Error('UiPath Identity refused the token request (HTTP 400, invalid_client).');
		});
		const mock = executeContext({ http, parameters: { resource: 'project', operation: 'getAll', returnAll: true } });
		await expect(run(mock)).rejects.toThrow(
			'UiPath Test Manager request failed: UiPath Identity refused the token request (HTTP 400, invalid_client).',
		);
	});
});

describe('TestManager transport: error messages', () => {
	const context = { getNode: () => ({ name: 'UiPath Test Manager', type: 'testManager', typeVersion: 1 }) };

	it.each([
		[{ type: 'x', title: 'Not Found', detail: 'Project does not exist' }, 'Project does not exist'],
		[{ title: 'Forbidden' }, 'Forbidden'],
		[{ error: 'invalid_token', error_description: 'expired' }, 'expired'],
		['  plain text error  ', 'plain text error'],
		[{ other: 1 }, undefined],
		[undefined, undefined],
	])('reads the message of %j', (body, expected) => {
		expect(serverMessage(body)).toBe(expected);
	});

	it('adds a hint for authorization problems', () => {
		const error = apiError(context as never, { response: { status: 403, data: { message: 'Missing scope' } } });
		expect(error.message).toBe('UiPath Test Manager answered 403: Missing scope');
		expect(error.description).toContain('scope');
	});
});
