import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha256';
import {
	NodeOperationError,
	Workflow,
	resolveWebhookDescriptionField,
	type IDataObject,
	type INode,
	type INodeParameters,
	type INodeTypes,
} from 'n8n-workflow';

import { TestManagerTrigger } from '../../nodes/TestManager/TestManagerTrigger.node';
import { hookContext, webhookContext } from '../helpers/contexts';

const SECRET = 'tm-webhook-secret-0123456789abcdef';
/** The trigger's Authentication Header Type and Header Name parameters; the credential holds only the secret. */
const HMAC = { authenticationHeaderType: 'hmacSha256', headerName: 'X-UiPath-Signature' };
const CLIENT_SECRET = { authenticationHeaderType: 'clientSecret', headerName: 'X-TM-Secret' };
const EXECUTION_ID = '0e8b2f4d-1c3a-4b5e-8f7d-9a6c2e1b3d40';
const TEST_CASE_ID = '7a2c4e6f-8b1d-4f3a-9c5e-1d2b3a4c5e6f';
const WEBHOOK_ID = 'c0f1e2d3-4b5a-4c6d-9e8f-7a6b5c4d3e21';
const WEBHOOK = `/webhook/${WEBHOOK_ID}`;
const DEFECT_PATH = `${WEBHOOK}/testmanager`;
const KPI_PATH = `${WEBHOOK}/testmanager/api/kpis/project/p-1/defectstatus`;

const trigger = new TestManagerTrigger();

/** The path parameters n8n matches for a Defect KPIs request to this trigger: the project under its own name. */
const kpiParams = (projectId: string) => ({ [`projectId-${WEBHOOK_ID}`]: projectId });

/** The expected signature comes from an independent HMAC implementation, not from the code under test. */
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

async function deliver(
	request: Parameters<typeof webhookContext>[0],
	options: { auth: IDataObject; secret?: string; parameters?: IDataObject },
) {
	const delivery = webhookContext(
		{ path: DEFECT_PATH, ...request },
		{
			webhookId: WEBHOOK_ID,
			credentials: { secret: options.secret ?? SECRET },
			parameters: { events: ['createDefect', 'defectKpi'], responseMode: 'responseNode', ...options.auth, ...options.parameters },
		},
	);
	const result = await trigger.webhook.call(delivery.context);
	return { ...delivery, result };
}

describe('TestManagerTrigger description', () => {
	const { description } = trigger;
	const webhooks = description.webhooks ?? [];

	it('sets the Authentication Header Type and Header Name on the node, HMACSHA256 in X-UiPath-Signature by default', () => {
		const property = (name: string) => description.properties.find((p) => p.name === name);
		expect(property('authenticationHeaderType')?.default).toBe('hmacSha256');
		expect(property('authenticationHeaderType')?.options?.map((o) => ('value' in o ? o.value : undefined))).toEqual(['hmacSha256', 'clientSecret']);
		expect(property('headerName')?.default).toBe('X-UiPath-Signature');
	});

	it('receives Create Defect on the base path and Defect KPIs under it, by GET and POST', () => {
		expect(webhooks.map((w) => [w.httpMethod, w.path, w.isFullPath ?? false])).toEqual([
			['POST', 'testmanager', false],
			['GET,POST', '=testmanager/api/kpis/project/:projectId-{{$webhookId}}/defectstatus', true],
		]);
		for (const webhook of webhooks) {
			expect(webhook.name).toBe('default');
			expect(webhook.responseMode).toBe('={{$parameter["responseMode"]}}');
		}
	});

	/** The trigger in a workflow as n8n builds it, with the description fields n8n evaluates for each request. */
	function asN8nSees(webhookId: string, parameters: INodeParameters = { events: ['defectKpi'] }) {
		const nodeTypes = { getByName: () => trigger, getByNameAndVersion: () => trigger } as unknown as INodeTypes;
		const node: INode = { id: `node-${webhookId}`, name: 'Test Manager Trigger', type: 'n8n-nodes-testops.testManagerTrigger', typeVersion: 1, position: [0, 0], webhookId, parameters };
		const workflow = new Workflow({ id: 'w-1', nodes: [node], connections: {}, active: true, nodeTypes });
		const inWorkflow = workflow.getNode(node.name) as INode;
		const field = (index: number, name: 'path' | 'responseMode') => {
			const native = resolveWebhookDescriptionField(inWorkflow, webhooks[index], name);
			const value = native.resolved ? native.value : workflow.expression.getSimpleParameterValue(inWorkflow, webhooks[index][name] as string, 'internal', {});
			return { native: native.resolved, value };
		};
		return { field };
	}

	it("gives each trigger its own Defect KPIs template: the project parameter's name carries the webhook id", () => {
		// n8n keeps one row per template and method (docs/n8n.md): two triggers must not share a template.
		const first = asN8nSees('11111111-1111-4111-8111-111111111111').field(1, 'path');
		const second = asN8nSees('22222222-2222-4222-8222-222222222222').field(1, 'path');
		expect(first).toEqual({ native: false, value: 'testmanager/api/kpis/project/:projectId-11111111-1111-4111-8111-111111111111/defectstatus' });
		expect(second.value).toBe('testmanager/api/kpis/project/:projectId-22222222-2222-4222-8222-222222222222/defectstatus');
		// Only the name differs: the segments Test Manager's URL must match are the same for every trigger.
		const fixedSegments = (path: unknown) => String(path).split('/').filter((segment) => !segment.startsWith(':'));
		expect(fixedSegments(first.value)).toEqual(['testmanager', 'api', 'kpis', 'project', 'defectstatus']);
		expect(fixedSegments(second.value)).toEqual(fixedSegments(first.value));
	});

	it('lets n8n resolve the response mode from the parameters, without an expression per request', () => {
		const { field } = asN8nSees(WEBHOOK_ID, { events: ['defectKpi'], responseMode: 'lastNode' });
		expect(field(0, 'responseMode')).toEqual({ native: true, value: 'lastNode' });
		expect(field(1, 'responseMode')).toEqual({ native: true, value: 'lastNode' });
		expect(field(0, 'path')).toEqual({ native: false, value: 'testmanager' });
		// With an expression among the parameters n8n evaluates the same template instead.
		const withExpression = asN8nSees(WEBHOOK_ID, { events: ['defectKpi'], responseMode: 'lastNode', additionalOptions: { allowedProjectIds: '={{"p-1"}}' } });
		expect(withExpression.field(1, 'responseMode')).toEqual({ native: false, value: 'lastNode' });
	});

	it('reads raw bodies itself and answers through a Test Manager node by default', () => {
		const names = description.properties.map((p) => p.name);
		expect(names).toContain('options');
		expect(description.properties.find((p) => p.name === 'options')?.default).toEqual({ binaryData: true });
		expect(description.properties.find((p) => p.name === 'responseMode')?.default).toBe('responseNode');
	});
});

describe('TestManagerTrigger webhook(): authentication', () => {
	it('accepts a signed delivery and outputs the event, body, method, path and safe headers', async () => {
		const body = defectBody({ extra: 'kept' });
		const { result, answer } = await deliver(
			{
				body,
				query: JSON.parse('{"a":"1","__proto__":"x"}') as IDataObject,
				headers: {
					'content-type': 'application/json',
					'x-uipath-signature': sign(body),
					authorization: 'Bearer abc',
					cookie: 'session=1',
					'user-agent': 'TestManager',
				},
			},
			{ auth: HMAC },
		);
		expect(answer).toEqual({});
		expect(result.workflowData?.[0][0].json).toEqual({
			event: 'createDefect',
			body: JSON.parse(body),
			method: 'POST',
			path: '',
			query: { a: '1' },
			headers: { 'content-type': 'application/json', 'user-agent': 'TestManager' },
			dedupe_key: expect.stringMatching(/^[0-9a-f]{64}$/),
		});
	});

	it('never takes a request for a repeat: the same Create Defect twice gives two items with their own dedupe_key', async () => {
		const body = defectBody();
		const request = { body, headers: { 'content-type': 'application/json', 'x-uipath-signature': sign(body) } };
		const first = await deliver(request, { auth: HMAC });
		const second = await deliver(request, { auth: HMAC });
		expect(first.result.workflowData?.[0][0].json.dedupe_key).not.toBe(second.result.workflowData?.[0][0].json.dedupe_key);
	});

	it('accepts base64 and sha256= prefixed signatures', async () => {
		const body = defectBody();
		for (const signature of [sign(body, 'base64'), `sha256=${sign(body)}`, `sha256=${sign(body, 'base64')}`]) {
			const { result } = await deliver({ body, headers: { 'X-UiPath-Signature': signature } }, { auth: HMAC });
			expect(result.workflowData).toHaveLength(1);
		}
	});

	it.each([
		['a wrong key', (body: string) => sign(body, 'hex', 'some-other-secret-of-enough-length')],
		['a signature of another body', () => sign(defectBody({ variationId: 'v' }))],
		['garbage', () => 'not-a-signature'],
	])('refuses %s with 401 and no execution', async (_what, signatureOf) => {
		const body = defectBody();
		const { result, answer } = await deliver({ body, headers: { 'X-UiPath-Signature': signatureOf(body) } }, { auth: HMAC });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(answer).toEqual({ statusCode: 401, body: { message: 'Unauthorized' } });
	});

	it('refuses a missing header and logs the header names received, never their values', async () => {
		const { answer, logger } = await deliver({ body: defectBody(), headers: { 'x-other': 'value-123' } }, { auth: HMAC });
		expect(answer.statusCode).toBe(401);
		const logged = logger.debug.mock.calls.map((call: unknown[]) => String(call[0])).join('\n');
		expect(logged).toContain('no X-UiPath-Signature header');
		expect(logged).toContain('x-other');
		expect(logged).not.toContain('value-123');
	});

	it('verifies the signature before parsing: a malformed body with a bad signature is a 401', async () => {
		const { answer } = await deliver({ body: '{"broken', headers: { 'X-UiPath-Signature': sign('other') } }, { auth: HMAC });
		expect(answer.statusCode).toBe(401);
	});

	it('refuses a correctly signed delivery when the stored secret is too short', async () => {
		const body = defectBody();
		const { answer } = await deliver(
			{ body, headers: { 'X-UiPath-Signature': sign(body, 'hex', 'short') } },
			{ auth: HMAC, secret: 'short' },
		);
		expect(answer.statusCode).toBe(401);
	});

	it('accepts a Client Secret in the configured header, and hides that header', async () => {
		const { result } = await deliver({ body: defectBody(), headers: { 'X-TM-Secret': SECRET } }, { auth: CLIENT_SECRET });
		const json = result.workflowData?.[0][0].json as IDataObject;
		expect(json.event).toBe('createDefect');
		expect(json.headers).toEqual({});
	});

	it('refuses a wrong Client Secret before reading the body, and one in another header', async () => {
		const wrong = await deliver({ body: defectBody(), headers: { 'X-TM-Secret': `${SECRET}x` } }, { auth: CLIENT_SECRET });
		expect(wrong.answer).toEqual({ statusCode: 401, body: { message: 'Unauthorized' } });
		expect(wrong.req.readRawBody).not.toHaveBeenCalled();
		const elsewhere = await deliver({ body: defectBody(), headers: { 'X-UiPath-Signature': SECRET } }, { auth: CLIENT_SECRET });
		expect(elsewhere.answer.statusCode).toBe(401);
	});
});

describe('TestManagerTrigger webhook(): refusals before the credential', () => {
	const json = { 'content-type': 'application/json' };

	it.each([
		['no signature header', HMAC, json],
		['a malformed HMAC signature', HMAC, { ...json, 'X-UiPath-Signature': 'sha256=not-hex' }],
		['no client secret header', CLIENT_SECRET, json],
		['a client secret shorter than any credential allows', CLIENT_SECRET, { ...json, 'X-TM-Secret': 'Bearer short' }],
	] as const)('refuses %s with 401 and no execution, without reading the credential', async (_what, auth, headers) => {
		const { result, answer, mock } = await deliver({ body: defectBody(), headers }, { auth });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(answer).toEqual({ statusCode: 401, body: { message: 'Unauthorized' } });
		expect(mock.getCredentials).not.toHaveBeenCalled();
	});

	it('reads the credential for a well-formed signature: accepts the right one, refuses a wrong one with 401', async () => {
		const body = defectBody();
		const right = await deliver({ body, headers: { ...json, 'X-UiPath-Signature': sign(body) } }, { auth: HMAC });
		expect(right.result.workflowData).toHaveLength(1);
		expect(right.mock.getCredentials).toHaveBeenCalledTimes(1);
		const wrong = await deliver({ body, headers: { ...json, 'X-UiPath-Signature': sign(body, 'hex', 'x'.repeat(40)) } }, { auth: HMAC });
		expect(wrong.answer).toEqual({ statusCode: 401, body: { message: 'Unauthorized' } });
		expect(wrong.mock.getCredentials).toHaveBeenCalledTimes(1);
	});

	it('reads each node parameter at most once per delivery', async () => {
		const body = defectBody();
		const { mock } = await deliver({ body, headers: { ...json, 'X-UiPath-Signature': sign(body) } }, { auth: HMAC });
		const names = mock.getNodeParameter.mock.calls.map((call: unknown[]) => call[0]);
		expect(names).toEqual(expect.arrayContaining(['authenticationHeaderType', 'headerName']));
		expect(new Set(names).size).toBe(names.length);
	});
});

describe('TestManagerTrigger webhook(): events and bodies', () => {
	const headers = { 'X-TM-Secret': SECRET, 'content-type': 'application/json' };
	const withSecret = { auth: CLIENT_SECRET };

	it('recognises a Defect KPIs request by its project id path parameter, without a body', async () => {
		const { result } = await deliver({ headers, method: 'GET', path: KPI_PATH, params: kpiParams('p-1') }, withSecret);
		expect(result.workflowData?.[0][0].json).toMatchObject({
			event: 'defectKpi',
			projectId: 'p-1',
			method: 'GET',
			path: 'api/kpis/project/p-1/defectstatus',
			body: {},
		});
	});

	it("takes only its own project parameter: a request matched for another trigger's template is not a Defect KPIs request", async () => {
		const foreign = await deliver({ headers, method: 'GET', path: KPI_PATH, params: { 'projectId-22222222-2222-4222-8222-222222222222': 'p-1' } }, withSecret);
		expect((foreign.result.workflowData?.[0][0].json as IDataObject | undefined)?.event).not.toBe('defectKpi');
	});

	it('passes a KPI request body on as received, JSON or form', async () => {
		const json = await deliver({ headers, body: '{"from":"tm"}', path: KPI_PATH, params: kpiParams('p-1') }, withSecret);
		expect((json.result.workflowData?.[0][0].json as IDataObject).body).toEqual({ from: 'tm' });
		const form = await deliver(
			{ headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: 'from=tm', path: KPI_PATH, params: kpiParams('p-1') },
			withSecret,
		);
		expect((form.result.workflowData?.[0][0].json as IDataObject).body).toEqual({ from: 'tm' });
	});

	it('answers 404 without an execution for an event the trigger does not handle', async () => {
		const kpiOnly = await deliver({ headers, body: defectBody() }, { ...withSecret, parameters: { events: ['defectKpi'] } });
		expect(kpiOnly.result).toEqual({ noWebhookResponse: true });
		expect(kpiOnly.answer).toEqual({
			statusCode: 404,
			body: { message: 'This workflow does not handle Create Defect requests' },
		});
		const defectOnly = await deliver(
			{ headers, method: 'GET', path: KPI_PATH, params: kpiParams('p-1') },
			{ ...withSecret, parameters: { events: ['createDefect'] } },
		);
		expect(defectOnly.answer).toEqual({
			statusCode: 404,
			body: { message: 'This workflow does not handle Defect KPIs requests' },
		});
	});

	it.each([
		['a non-uuid test case id', defectBody({ testCaseId: 'TC-1' }), 'Invalid payload: testCaseId: Invalid uuid'],
		['a missing test execution id', JSON.stringify({ testCaseId: TEST_CASE_ID }), 'Invalid payload: testExecutionId: Required'],
		['a numeric variation id', defectBody({ variationId: 5 }), 'Invalid payload: variationId: Expected string, received number'],
		['an array', '[]', 'Request body must be a JSON object'],
		['an empty body', '', 'Request body is empty'],
	])('refuses %s with 400', async (_what, body, message) => {
		const { answer } = await deliver({ headers, body }, withSecret);
		expect(answer).toEqual({ statusCode: 400, body: { message } });
	});

	it('answers 415 before reading the credential for a content type the event does not take', async () => {
		for (const [contentType, request] of [
			['application/x-www-form-urlencoded', { body: 'testCaseId=x' }],
			['text/plain', { body: defectBody() }],
			['application/xml', { body: '<a/>' }],
			['image/png', { method: 'GET', path: KPI_PATH, params: kpiParams('p-1') }],
		] as const) {
			const { answer, mock, result } = await deliver({ ...request, headers: { ...headers, 'content-type': contentType } }, withSecret);
			expect(answer.statusCode).toBe(415);
			expect(result.workflowData).toBeUndefined();
			expect(mock.getCredentials).not.toHaveBeenCalled();
		}
	});

	it('reads the credential once per delivery', async () => {
		const { mock, result } = await deliver({ headers, body: defectBody() }, withSecret);
		expect(result.workflowData).toBeDefined();
		expect(mock.getCredentials).toHaveBeenCalledTimes(1);
	});

	it('answers Defect KPIs only for the Allowed Project IDs, when set (404 otherwise)', async () => {
		const kpi = (projectId: string, allowedProjectIds: string) =>
			deliver(
				{ headers, method: 'GET', path: KPI_PATH.replace('p-1', projectId), params: kpiParams(projectId) },
				{ ...withSecret, parameters: { additionalOptions: { allowedProjectIds } } },
			);
		expect((await kpi('p-1', '')).result.workflowData).toBeDefined();
		expect((await kpi('P-1', ' p-9, p-1 ')).result.workflowData).toBeDefined();
		const other = await kpi('p-2', 'p-9, p-1');
		expect(other.result).toEqual({ noWebhookResponse: true });
		expect(other.answer).toEqual({ statusCode: 404, body: { message: 'This workflow does not handle Defect KPIs requests for this project' } });
		// Create Defect names no project: the list does not apply to it.
		const defect = await deliver({ headers, body: defectBody() }, { ...withSecret, parameters: { additionalOptions: { allowedProjectIds: 'p-9' } } });
		expect(defect.result.workflowData).toBeDefined();
	});

	it('shows all headers only with Include All Headers, never the secret header', async () => {
		const gateway = { ...headers, 'x-api-key': 'gateway-key', 'x-uipath-tenant': 't' };
		const byDefault = await deliver({ headers: gateway, body: defectBody() }, withSecret);
		expect((byDefault.result.workflowData?.[0][0].json as IDataObject).headers).toEqual({ 'content-type': 'application/json', 'x-uipath-tenant': 't' });
		const all = await deliver({ headers: gateway, body: defectBody() }, { ...withSecret, parameters: { additionalOptions: { includeAllHeaders: true } } });
		const shown = (all.result.workflowData?.[0][0].json as IDataObject).headers as IDataObject;
		expect(shown).toMatchObject({ 'x-api-key': 'gateway-key' });
		expect(JSON.stringify(shown)).not.toContain(SECRET);
	});

	it('keeps form fields named like Object methods as data in a KPI body', async () => {
		const { result } = await deliver(
			{ headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: 'toString=a&hasOwnProperty=b&valueOf=c', path: KPI_PATH, params: kpiParams('p-1') },
			withSecret,
		);
		expect((result.workflowData?.[0][0].json as IDataObject).body).toEqual({ toString: 'a', hasOwnProperty: 'b', valueOf: 'c' });
	});

	it('refuses a Create Defect request sent as a form with 415', async () => {
		const { answer } = await deliver(
			{ headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: 'testCaseId=x' },
			withSecret,
		);
		expect(answer.statusCode).toBe(415);
	});

	it('accepts absent optional fields and drops prototype keys', async () => {
		const body = `{"testExecutionId":"${EXECUTION_ID}","testCaseId":"${TEST_CASE_ID}","__proto__":{"polluted":true}}`;
		const { result } = await deliver({ headers, body }, withSecret);
		const json = result.workflowData?.[0][0].json as IDataObject;
		expect(json.body).toEqual({ testExecutionId: EXECUTION_ID, testCaseId: TEST_CASE_ID });
		expect(({} as IDataObject).polluted).toBeUndefined();
	});
});

describe('TestManagerTrigger lifecycle and credential test', () => {
	const hook = (secret: string) => hookContext({ credentials: { secret } }).context;

	it('publishes only with a long enough secret, saying where to fix it', async () => {
		await expect(trigger.webhookMethods.default.create.call(hook(SECRET))).resolves.toBe(true);
		const weak = trigger.webhookMethods.default.create.call(hook('short'));
		await expect(weak).rejects.toThrow(NodeOperationError);
		await expect(weak).rejects.toThrow(/at least 24 .*in the credential and in the Test Manager connection/);
		await expect(trigger.webhookMethods.default.checkExists.call(hook(SECRET))).resolves.toBe(false);
		await expect(trigger.webhookMethods.default.delete.call(hook(SECRET))).resolves.toBe(true);
	});

	it('tests the credential by the strength of its secret', async () => {
		const test = trigger.methods.credentialTest.testManagerSecretStrength;
		const call = async (secret: string) =>
			await test.call({} as never, { id: '1', name: 'c', type: 'testManagerWebhookApi', data: { secret } });
		await expect(call(SECRET)).resolves.toMatchObject({ status: 'OK' });
		await expect(call('x')).resolves.toMatchObject({ status: 'Error' });
		await expect(call('uipath'.repeat(5))).resolves.toMatchObject({ status: 'Error', message: expect.stringMatching(/repeats the same 6 characters/) });
	});
});
