import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha256';
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { TestManagerTrigger } from '../../nodes/TestManager/TestManagerTrigger.node';

/** A hand-written IWebhookFunctions for the Test Manager Trigger: only what webhook() touches. */
export function webhookContext(options: {
	body?: string;
	headers?: Record<string, string>;
	method?: string;
	path?: string;
	query?: IDataObject;
	params?: IDataObject;
	credentials: IDataObject;
	parameters?: IDataObject;
}) {
	const raw = Buffer.from(options.body ?? '', 'utf8');
	const request = {
		headers: Object.fromEntries(
			Object.entries(options.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
		),
		method: options.method ?? 'POST',
		path: options.path ?? '/webhook/c0f1e2d3-4b5a-4c6d-9e8f-7a6b5c4d3e21/testmanager',
		query: options.query ?? {},
		rawBody: undefined as Buffer | undefined,
		readRawBody: jest.fn(async () => {
			request.rawBody = raw;
		}),
	};
	const response = { status: jest.fn(), json: jest.fn() };
	response.status.mockReturnValue(response);
	const parameters: IDataObject = {
		events: ['createDefect', 'defectKpi'],
		responseMode: 'responseNode',
		...options.parameters,
	};
	const context = {
		getRequestObject: () => request,
		getResponseObject: () => response,
		getCredentials: jest.fn(async () => options.credentials),
		getParamsData: () => options.params ?? {},
		getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback,
		getNode: () => ({ name: 'UiPath Test Manager Trigger', type: 'testManagerTrigger' }),
		getWorkflow: () => ({ id: 'wf-1' }),
		logger: { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() },
	};
	return { context, request, response };
}


const SECRET = 'tm-webhook-secret-0123456789abcdef';
const HMAC = { authenticationHeaderType: 'hmacSha256', secret: SECRET, headerName: 'X-UiPath-Signature' };
const CLIENT_SECRET = { authenticationHeaderType: 'clientSecret', secret: SECRET, headerName: 'X-TM-Secret' };
const EXECUTION_ID = '0e8b2f4d-1c3a-4b5e-8f7d-9a6c2e1b3d40';
const TEST_CASE_ID = '7a2c4e6f-8b1d-4f3a-9c5e-1d2b3a4c5e6f';
const KPI_PATH = '/webhook/c0f1e2d3-4b5a-4c6d-9e8f-7a6b5c4d3e21/testmanager/api/kpis/project/p-1/defectstatus';

const sign = (body: string, encoding: 'hex' | 'base64' = 'hex', key = SECRET) =>
	Buffer.from(hmac(sha256, key, body)).toString(encoding);

const defectBody = (fields: IDataObject = {}) =>
	JSON.stringify({
		testExecutionId: EXECUTION_ID,
		testCaseId: TEST_CASE_ID,
		variationId: null,
		linkToTestCaseLog: null,
		...fields,
	});

async function deliver(options: Parameters<typeof webhookContext>[0]) {
	const mock = webhookContext(options);
	const result = await new TestManagerTrigger().webhook.call(mock.context as never);
	return { ...mock, result };
}

function answered(mock: { response: { status: jest.Mock; json: jest.Mock } }) {
	return { status: mock.response.status.mock.calls[0]?.[0], body: mock.response.json.mock.calls[0]?.[0] };
}

describe('TestManagerTrigger description', () => {
	const { description } = new TestManagerTrigger();

	it('receives Create Defect on the base path and Defect KPIs under it, by GET and POST', () => {
		const webhooks = description.webhooks ?? [];
		expect(webhooks.map((w) => [w.httpMethod, w.path, w.isFullPath ?? false])).toEqual([
			['POST', 'testmanager', false],
			['GET', 'testmanager/api/kpis/project/:projectId/defectstatus', true],
			['POST', 'testmanager/api/kpis/project/:projectId/defectstatus', true],
		]);
		for (const webhook of webhooks) {
			expect(webhook.name).toBe('default');
			expect(webhook.responseMode).toBe('={{$parameter["responseMode"]}}');
		}
	});

	it('reads raw bodies itself and answers through a Test Manager node by default', () => {
		const names = description.properties.map((p) => p.name);
		expect(names).toContain('options');
		expect(description.properties.find((p) => p.name === 'options')?.default).toEqual({ binaryData: true });
		expect(description.properties.find((p) => p.name === 'responseMode')?.default).toBe('responseNode');
	});
});

describe('TestManagerTrigger webhook(): HMACSHA256', () => {
	it('accepts a hex signature and outputs the event, body, method, path and safe headers', async () => {
		const body = defectBody({ extra: 'kept' });
		const mock = await deliver({
			body,
			credentials: HMAC,
			query: JSON.parse('{"a":"1","__proto__":"x"}') as IDataObject,
			headers: {
				'content-type': 'application/json',
				'x-uipath-signature': sign(body),
				authorization: 'Bearer abc',
				cookie: 'session=1',
				'user-agent': 'TestManager',
			},
		});
		expect(mock.response.status).not.toHaveBeenCalled();
		const json = mock.result.workflowData?.[0][0].json;
		expect(json).toEqual({
			event: 'createDefect',
			body: JSON.parse(body),
			method: 'POST',
			path: '',
			query: { a: '1' },
			headers: { 'content-type': 'application/json', 'user-agent': 'TestManager' },
		});
	});

	it('accepts base64 and sha256= prefixed signatures', async () => {
		const body = defectBody();
		for (const signature of [sign(body, 'base64'), `sha256=${sign(body)}`, `sha256=${sign(body, 'base64')}`]) {
			const mock = await deliver({ body, credentials: HMAC, headers: { 'X-UiPath-Signature': signature } });
			expect(mock.result.workflowData).toHaveLength(1);
		}
	});

	it.each([
		['a wrong key', (body: string) => sign(body, 'hex', 'some-other-secret-of-enough-length')],
		['a signature of another body', () => sign(defectBody({ variationId: 'v' }))],
		['garbage', () => 'not-a-signature'],
	])('refuses %s with 401 and no execution', async (_what, signatureOf) => {
		const body = defectBody();
		const mock = await deliver({ body, credentials: HMAC, headers: { 'X-UiPath-Signature': signatureOf(body) } });
		expect(mock.result).toEqual({ noWebhookResponse: true });
		expect(answered(mock)).toEqual({ status: 401, body: { message: 'Unauthorized' } });
	});

	it('refuses a missing header and logs the header names received, never their values', async () => {
		const mock = await deliver({ body: defectBody(), credentials: HMAC, headers: { 'x-other': 'value-123' } });
		expect(answered(mock).status).toBe(401);
		const logged = mock.context.logger.debug.mock.calls.map((call: unknown[]) => String(call[0])).join('\n');
		expect(logged).toContain('no X-UiPath-Signature header');
		expect(logged).toContain('x-other');
		expect(logged).not.toContain('value-123');
	});

	it('verifies the signature before parsing: a malformed body with a bad signature is a 401', async () => {
		const mock = await deliver({ body: '{"broken', credentials: HMAC, headers: { 'X-UiPath-Signature': sign('other') } });
		expect(answered(mock).status).toBe(401);
	});

	it('refuses a correctly signed delivery when the stored secret is too short', async () => {
		const weak = { ...HMAC, secret: 'short' };
		const body = defectBody();
		const mock = await deliver({ body, credentials: weak, headers: { 'X-UiPath-Signature': sign(body, 'hex', 'short') } });
		expect(answered(mock).status).toBe(401);
	});
});

describe('TestManagerTrigger webhook(): Client Secret', () => {
	it('accepts the secret in the configured header', async () => {
		const mock = await deliver({ body: defectBody(), credentials: CLIENT_SECRET, headers: { 'X-TM-Secret': SECRET } });
		const json = mock.result.workflowData?.[0][0].json as IDataObject;
		expect(json.event).toBe('createDefect');
		expect(json.headers).toEqual({});
	});

	it('refuses a wrong secret before reading the body', async () => {
		const mock = await deliver({ body: defectBody(), credentials: CLIENT_SECRET, headers: { 'X-TM-Secret': `${SECRET}x` } });
		expect(answered(mock)).toEqual({ status: 401, body: { message: 'Unauthorized' } });
		expect(mock.request.readRawBody).not.toHaveBeenCalled();
	});

	it('refuses the secret in another header than the configured one', async () => {
		const mock = await deliver({ body: defectBody(), credentials: CLIENT_SECRET, headers: { 'X-UiPath-Signature': SECRET } });
		expect(answered(mock).status).toBe(401);
	});
});

describe('TestManagerTrigger webhook(): events and bodies', () => {
	const withSecret = { credentials: CLIENT_SECRET, headers: { 'X-TM-Secret': SECRET, 'content-type': 'application/json' } };

	it('recognises a Defect KPIs request by its project id path parameter, without a body', async () => {
		const mock = await deliver({ ...withSecret, method: 'GET', path: KPI_PATH, params: { projectId: 'p-1' } });
		expect(mock.result.workflowData?.[0][0].json).toMatchObject({
			event: 'defectKpi',
			projectId: 'p-1',
			method: 'GET',
			path: 'api/kpis/project/p-1/defectstatus',
			body: {},
		});
	});

	it('passes a KPI request body on as received', async () => {
		const mock = await deliver({ ...withSecret, body: '{"from":"tm"}', path: KPI_PATH, params: { projectId: 'p-1' } });
		expect((mock.result.workflowData?.[0][0].json as IDataObject).body).toEqual({ from: 'tm' });
	});

	it('answers 404 without an execution for an event the trigger does not handle', async () => {
		const kpiOnly = await deliver({ ...withSecret, body: defectBody(), parameters: { events: ['defectKpi'] } });
		expect(answered(kpiOnly)).toEqual({
			status: 404,
			body: { message: 'This workflow does not handle Create Defect requests' },
		});
		const defectOnly = await deliver({
			...withSecret,
			method: 'GET',
			path: KPI_PATH,
			params: { projectId: 'p-1' },
			parameters: { events: ['createDefect'] },
		});
		expect(answered(defectOnly).status).toBe(404);
	});

	it.each([
		['a non-uuid test case id', defectBody({ testCaseId: 'TC-1' }), 'Invalid payload: testCaseId: Invalid uuid'],
		['a missing test execution id', JSON.stringify({ testCaseId: TEST_CASE_ID }), 'Invalid payload: testExecutionId: Required'],
		['a numeric variation id', defectBody({ variationId: 5 }), 'Invalid payload: variationId: Expected string, received number'],
		['an array', '[]', 'Request body must be a JSON object'],
		['an empty body', '', 'Request body is empty'],
	])('refuses %s with 400', async (_what, body, message) => {
		const mock = await deliver({ ...withSecret, body });
		expect(answered(mock)).toEqual({ status: 400, body: { message } });
	});

	it('accepts absent optional fields and drops prototype keys', async () => {
		const body = `{"testExecutionId":"${EXECUTION_ID}","testCaseId":"${TEST_CASE_ID}","__proto__":{"polluted":true}}`;
		const mock = await deliver({ ...withSecret, body });
		const json = mock.result.workflowData?.[0][0].json as IDataObject;
		expect(json.body).toEqual({ testExecutionId: EXECUTION_ID, testCaseId: TEST_CASE_ID });
		expect(({} as IDataObject).polluted).toBeUndefined();
	});
});

describe('TestManagerTrigger lifecycle and credential test', () => {
	const node = new TestManagerTrigger();
	const hook = (secret: string) => ({
		getCredentials: async () => ({ secret }),
		getNode: () => ({ name: 'UiPath Test Manager Trigger' }),
	});

	it('publishes only with a long enough secret', async () => {
		await expect(node.webhookMethods.default.create.call(hook(SECRET) as never)).resolves.toBe(true);
		await expect(node.webhookMethods.default.create.call(hook('short') as never)).rejects.toThrow(NodeOperationError);
		await expect(node.webhookMethods.default.checkExists.call(hook(SECRET) as never)).resolves.toBe(false);
		await expect(node.webhookMethods.default.delete.call(hook(SECRET) as never)).resolves.toBe(true);
	});

	it('tests the credential by the strength of its secret', async () => {
		const test = node.methods.credentialTest.testManagerSecretStrength;
		await expect(test.call({} as never, { data: { secret: SECRET } } as never)).resolves.toMatchObject({ status: 'OK' });
		await expect(test.call({} as never, { data: { secret: 'x' } } as never)).resolves.toMatchObject({ status: 'Error' });
	});
});
