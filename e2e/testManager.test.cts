import { randomUUID } from 'node:crypto';

import { E2E_SECRETS } from '../dev/credentials';
import { TEST_MANAGER_FAKE } from '../dev/fakes/testManager';
import { hmacSha256, testManagerCreateDefect, testManagerKpiUrl } from '../dev/samples';
import { TEST_MANAGER_ANSWERS } from './exampleAnswers';
import { e2eContext } from './harness/context';

const { n8n, fakeUrl, n8nMajor, failedBeforeAnswer } = e2eContext();
jest.setTimeout(60_000);
const { PROJECT_ID, EXECUTION_ID, FAILED_TEST_CASE_ID, CLIENT } = TEST_MANAGER_FAKE;

const DEFECT_WEBHOOK_ID = 'c0f1e2d3-4b5a-4c6d-9e8f-7a6b5c4d3e21';
const KPI_WEBHOOK_ID = 'd1e2f3a4-5b6c-4d7e-8f9a-0b1c2d3e4f52';
const defectUrl = n8n.webhookUrl(DEFECT_WEBHOOK_ID, 'testmanager');
const kpiBase = n8n.webhookUrl(KPI_WEBHOOK_ID, 'testmanager');

/** The expected signature comes from an independent HMAC implementation (dev/samples.js), not from the code under test. */
const signature = (body: string, encoding: 'hex' | 'base64' = 'hex') => hmacSha256(body, E2E_SECRETS.testManagerHmacSecret, encoding);

async function call(url: string, init: { method?: string; body?: string; headers?: Record<string, string> }) {
	const response = await fetch(url, {
		method: init.method ?? 'POST',
		headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
		body: init.body,
	});
	const text = await response.text();
	let body: any = text;
	try {
		body = JSON.parse(text);
	} catch {}
	return { status: response.status, body };
}

const signed = (body: string, encoding: 'hex' | 'base64' = 'hex', prefix = '') => ({
	body,
	headers: { 'X-UiPath-Signature': `${prefix}${signature(body, encoding)}` },
});

async function fake(path: string, method = 'GET') {
	const response = await fetch(`${fakeUrl('testManager')}${path}`, { method });
	return (await response.json()) as any;
}

describe('UiPath Test Manager in a real n8n: Create Defect (HMACSHA256)', () => {
	let workflowId: string;

	beforeAll(async () => {
		workflowId = (await n8n.workflowByName('UiPath Test Manager: create a defect for a failed test')).id;
		await fake('/__fake/reset', 'POST');
		await n8n.publish(workflowId, [defectUrl]);
	});

	afterAll(async () => {
		await n8n.unpublish(workflowId, [defectUrl]);
	});

	it('answers a signed Create Defect request with the defect, built from the REST API (all pages)', async () => {
		const before = (await n8n.executions(workflowId)).length;
		const response = await call(defectUrl, signed(testManagerCreateDefect()));
		expect(response.status).toBe(200);
		expect(response.body).toEqual(TEST_MANAGER_ANSWERS.createdDefect);

		const [execution] = await n8n.waitForExecutionCount(workflowId, before + 1);
		expect(execution.status).toBe('success');
		const [item] = n8n.nodeOutput(execution, 'Test Manager Trigger');
		expect(item).toMatchObject({
			event: 'createDefect',
			method: 'POST',
			path: '',
			body: { testExecutionId: EXECUTION_ID, testCaseId: FAILED_TEST_CASE_ID, variationId: null },
		});
		expect(item.projectId).toBeUndefined();
		expect(item.headers['content-type']).toBe('application/json');
		expect(item.headers['x-uipath-signature']).toBeUndefined();
		expect(n8n.nodeOutput(execution, 'Defect')[0].description).toContain('1 of 250 test cases failed');

		const state = await fake('/__fake/state');
		expect(state.tokenRequests).toBe(1);
		const pages = state.apiRequests.filter((r: any) => r.path.endsWith('/paged'));
		expect(pages.map((r: any) => [r.query.top, r.query.skip])).toEqual([
			['100', '0'],
			['100', '100'],
			['100', '200'],
		]);
		expect(state.apiRequests).toContainEqual(
			expect.objectContaining({ path: `/api/v2/${PROJECT_ID}/testexecutions/${EXECUTION_ID}/withStats`, status: 200 }),
		);
		const stored = JSON.stringify(execution.data);
		expect(stored).not.toContain(E2E_SECRETS.testManagerHmacSecret);
		expect(stored).not.toContain(CLIENT.secret);
	});

	it('accepts base64 signatures with a sha256= prefix, and reuses the cached token', async () => {
		const before = (await n8n.executions(workflowId)).length;
		const response = await call(defectUrl, signed(testManagerCreateDefect({ variationId: 'v-2' }), 'base64', 'sha256='));
		expect(response.status).toBe(200);
		expect(response.body.key).toBe('DEF-7a2c4e6f');
		await n8n.waitForExecutionCount(workflowId, before + 1);
		expect((await fake('/__fake/state')).tokenRequests).toBe(1);
	});

	it('renews the token when Test Manager answers 401', async () => {
		await fake('/__fake/revoke-tokens', 'POST');
		const before = (await n8n.executions(workflowId)).length;
		const response = await call(defectUrl, signed(testManagerCreateDefect()));
		expect(response.status).toBe(200);
		await n8n.waitForExecutionCount(workflowId, before + 1);
		const state = await fake('/__fake/state');
		expect(state.tokenRequests).toBe(2);
		expect(state.apiRequests.some((r: any) => r.status === 401)).toBe(true);
	});

	it('answers a bad or missing signature with 401 and starts nothing', async () => {
		const before = (await n8n.executions(workflowId)).length;
		const body = testManagerCreateDefect();
		const wrongSecret = hmacSha256(body, 'another-secret-of-sufficient-length');
		const bad = await call(defectUrl, { body, headers: { 'X-UiPath-Signature': wrongSecret } });
		const tampered = await call(defectUrl, { body: testManagerCreateDefect({ variationId: 'x' }), headers: signed(body).headers });
		const missing = await call(defectUrl, { body });
		for (const response of [bad, tampered, missing]) {
			expect(response).toEqual({ status: 401, body: { message: 'Unauthorized' } });
		}
		expect(await n8n.executions(workflowId)).toHaveLength(before);
	});

	it('answers malformed bodies with 400 and starts nothing', async () => {
		const before = (await n8n.executions(workflowId)).length;
		const notUuid = await call(defectUrl, signed(testManagerCreateDefect({ testCaseId: 'TC-1' })));
		const missing = await call(defectUrl, signed(JSON.stringify({ testCaseId: FAILED_TEST_CASE_ID })));
		const broken = await call(defectUrl, signed('{"testExecutionId": "'));
		expect(notUuid).toEqual({ status: 400, body: { message: 'Invalid payload: testCaseId: Invalid uuid' } });
		expect(missing).toEqual({ status: 400, body: { message: 'Invalid payload: testExecutionId: Required' } });
		expect(broken.status).toBe(400);
		expect(broken.body.message).toMatch(/^Malformed JSON body/);
		expect(await n8n.executions(workflowId)).toHaveLength(before);
	});

	it('answers a Defect KPIs request 404 when the trigger handles only Create Defect', async () => {
		const before = (await n8n.executions(workflowId)).length;
		const response = await call(testManagerKpiUrl(defectUrl), { method: 'GET', headers: { 'X-UiPath-Signature': signature('') } });
		expect(response).toEqual({ status: 404, body: { message: 'This workflow does not handle Defect KPIs requests' } });
		expect(await n8n.executions(workflowId)).toHaveLength(before);
	});

	it("fails with Test Manager's message, without secrets, when the API refuses a request", async () => {
		const before = (await n8n.executions(workflowId)).length;
		const unknown = '11111111-2222-4333-8444-555555555555';
		const response = await call(defectUrl, signed(testManagerCreateDefect({ testExecutionId: unknown })));
		expect(response).toEqual(failedBeforeAnswer);
		const [execution] = await n8n.waitForExecutionCount(workflowId, before + 1);
		expect(execution.status).toBe('error');
		expect(execution.data?.resultData.error?.message).toBe(
			`UiPath Test Manager found nothing (HTTP 404) during GET /api/v2/${PROJECT_ID}/testexecutions/${unknown}/withStats: Test execution ${unknown} was not found in project ${PROJECT_ID}`,
		);
		const stored = JSON.stringify(execution.data);
		expect(stored).not.toContain(CLIENT.secret);
		expect(stored).not.toMatch(/Bearer [0-9a-f]{48}/);
	});
});

describe('UiPath Test Manager in a real n8n: Defect KPIs (Client Secret)', () => {
	let workflowId: string;
	const secret = { 'X-TM-Secret': E2E_SECRETS.testManagerClientSecret };
	const expected = TEST_MANAGER_ANSWERS.defectKpis(PROJECT_ID);

	beforeAll(async () => {
		workflowId = (await n8n.workflowByName("UiPath Test Manager: answer the dashboard's defect KPIs")).id;
		await n8n.publish(workflowId, [kpiBase]);
	});

	afterAll(async () => {
		await n8n.unpublish(workflowId, [kpiBase]);
	});

	it('answers GET <Payload URL>/api/kpis/project/<id>/defectstatus with KPIConnectorDefectsDto', async () => {
		const before = (await n8n.executions(workflowId)).length;
		const response = await call(`${testManagerKpiUrl(kpiBase)}?refresh=1`, { method: 'GET', headers: secret });
		expect(response).toEqual({ status: 200, body: expected });

		const [execution] = await n8n.waitForExecutionCount(workflowId, before + 1);
		expect(execution.status).toBe('success');
		const [item] = n8n.nodeOutput(execution, 'Test Manager Trigger');
		expect(item).toMatchObject({
			event: 'defectKpi',
			projectId: PROJECT_ID,
			method: 'GET',
			path: `api/kpis/project/${PROJECT_ID}/defectstatus`,
			query: { refresh: '1' },
			body: {},
		});
		expect(item.headers['x-tm-secret']).toBeUndefined();
		expect(JSON.stringify(execution.data)).not.toContain(E2E_SECRETS.testManagerClientSecret);
	});

	it('answers the same request sent as POST', async () => {
		const before = (await n8n.executions(workflowId)).length;
		const response = await call(testManagerKpiUrl(kpiBase, 'another-project'), { method: 'POST', headers: secret, body: '{}' });
		expect(response.status).toBe(200);
		expect(response.body.criticalDefectsLink).toContain('/projects/another-project/');
		const [execution] = await n8n.waitForExecutionCount(workflowId, before + 1);
		expect(n8n.nodeOutput(execution, 'Test Manager Trigger')[0].method).toBe('POST');
	});

	it('answers a wrong or missing secret with 401 and starts nothing', async () => {
		const before = (await n8n.executions(workflowId)).length;
		const wrong = await call(testManagerKpiUrl(kpiBase), {
			method: 'GET',
			headers: { 'X-TM-Secret': `${E2E_SECRETS.testManagerClientSecret}x` },
		});
		const otherHeader = await call(testManagerKpiUrl(kpiBase), {
			method: 'GET',
			headers: { 'X-UiPath-Signature': E2E_SECRETS.testManagerClientSecret },
		});
		for (const response of [wrong, otherHeader]) {
			expect(response).toEqual({ status: 401, body: { message: 'Unauthorized' } });
		}
		expect(await n8n.executions(workflowId)).toHaveLength(before);
	});

	it('answers Create Defect 404 when the trigger handles only Defect KPIs', async () => {
		const before = (await n8n.executions(workflowId)).length;
		const response = await call(kpiBase, { body: testManagerCreateDefect(), headers: secret });
		expect(response).toEqual({ status: 404, body: { message: 'This workflow does not handle Create Defect requests' } });
		expect(await n8n.executions(workflowId)).toHaveLength(before);
	});

	/** Runs `check` with the example changed (trigger's Respond mode, respond node kept or not), then restores it. */
	async function withVariant(responseMode: string, keepRespondNode: boolean, check: () => Promise<void>) {
		const workflow = await n8n.api('GET', `/workflows/${workflowId}`);
		const variant = (mode: string, keep: boolean) => ({
			name: workflow.name,
			settings: { executionOrder: 'v1' },
			connections: keep
				? workflow.connections
				: { 'Test Manager Trigger': workflow.connections['Test Manager Trigger'] },
			nodes: workflow.nodes
				.filter((node: any) => keep || node.name !== 'Respond with defect KPIs')
				.map((node: any) =>
					node.name === 'Test Manager Trigger'
						? { ...node, parameters: { ...node.parameters, responseMode: mode } }
						: node,
				),
		});
		await n8n.unpublish(workflowId, [kpiBase]);
		await n8n.api('PUT', `/workflows/${workflowId}`, variant(responseMode, keepRespondNode));
		await n8n.publish(workflowId, [kpiBase]);
		try {
			await check();
		} finally {
			await n8n.unpublish(workflowId, [kpiBase]);
			await n8n.api('PUT', `/workflows/${workflowId}`, variant('responseNode', true));
			await n8n.publish(workflowId, [kpiBase]);
		}
	}

	it('answers with the last node when Respond is "When Last Node Finishes"', async () => {
		await withVariant('lastNode', true, async () => {
			const before = (await n8n.executions(workflowId)).length;
			const response = await call(testManagerKpiUrl(kpiBase), { method: 'GET', headers: secret });
			expect(response).toEqual({ status: 200, body: expected });
			await n8n.waitForExecutionCount(workflowId, before + 1);
		});
	});

	it('answers 200 with an empty body when no Test Manager node responds', async () => {
		await withVariant('responseNode', false, async () => {
			const before = (await n8n.executions(workflowId)).length;
			const response = await call(testManagerKpiUrl(kpiBase), { method: 'GET', headers: secret });
			expect(response).toEqual({ status: 200, body: '' });
			await n8n.waitForExecutionCount(workflowId, before + 1);
		});
	});
});

describe('Several UiPath Test Manager triggers published at once, in a real n8n', () => {
	// One trigger per Test Manager project (Create Defect names no project), each with its own Payload URL,
	// published together with the two examples: every one answers both events, and only its own requests.
	const secret = { 'X-TM-Secret': E2E_SECRETS.testManagerClientSecret };
	const MOBILE_PROJECT = '5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f';
	type Published = { workflowId: string; url: string };
	const perProject: Record<'checkout' | 'mobile', Published> = { checkout: { workflowId: '', url: '' }, mobile: { workflowId: '', url: '' } };
	const examples = { defect: { workflowId: '', url: defectUrl }, kpis: { workflowId: '', url: kpiBase } };
	const all = () => [...Object.values(perProject), ...Object.values(examples)];
	const probes = ({ url }: Published) => [url, testManagerKpiUrl(url)];

	/** A workflow for one project: the trigger takes both events and its Set node's answer names the trigger. */
	async function projectWorkflow(name: string, projectId: string, credentials: unknown): Promise<Published> {
		const webhookId = randomUUID();
		const value = (field: string, expression: string) => ({ id: randomUUID(), name: field, type: 'string', value: expression });
		const workflow = await n8n.api('POST', '/workflows', {
			name: `Several triggers: ${name}`,
			settings: { executionOrder: 'v1' },
			nodes: [
				{
					id: randomUUID(),
					name: 'Test Manager Trigger',
					type: 'n8n-nodes-testops.testManagerTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId,
					// The KPI example's Client Secret credential, with the header type and name its trigger sets.
					parameters: {
						authenticationHeaderType: 'clientSecret',
						headerName: 'X-TM-Secret',
						events: ['createDefect', 'defectKpi'],
						responseMode: 'lastNode',
						additionalOptions: { allowedProjectIds: projectId },
					},
					credentials,
				},
				{
					id: randomUUID(),
					name: 'Answer',
					type: 'n8n-nodes-base.set',
					typeVersion: 3.4,
					position: [240, 0],
					parameters: {
						assignments: { assignments: [value('answeredBy', name), value('event', '={{ $json.event }}'), value('projectId', '={{ $json.projectId ?? "" }}')] },
						options: {},
					},
				},
			],
			connections: { 'Test Manager Trigger': { main: [[{ node: 'Answer', type: 'main', index: 0 }]] } },
		});
		return { workflowId: workflow.id, url: n8n.webhookUrl(webhookId, 'testmanager') };
	}

	const executionCounts = async () => await Promise.all(all().map(async ({ workflowId }) => (await n8n.executions(workflowId)).length));

	beforeAll(async () => {
		examples.defect.workflowId = (await n8n.workflowByName('UiPath Test Manager: create a defect for a failed test')).id;
		examples.kpis.workflowId = (await n8n.workflowByName("UiPath Test Manager: answer the dashboard's defect KPIs")).id;
		const kpiExample = await n8n.api('GET', `/workflows/${examples.kpis.workflowId}`);
		const { credentials } = kpiExample.nodes.find((node: any) => node.name === 'Test Manager Trigger');
		perProject.checkout = await projectWorkflow('checkout', PROJECT_ID, credentials);
		perProject.mobile = await projectWorkflow('mobile', MOBILE_PROJECT, credentials);
		await fake('/__fake/reset', 'POST');
		// Each waits until n8n serves both its URLs (a trigger whose path is taken never does).
		await Promise.all(all().map(async (published) => await n8n.publish(published.workflowId, probes(published))));
	});

	afterAll(async () => {
		for (const published of all()) await n8n.unpublish(published.workflowId, probes(published));
		for (const { workflowId } of Object.values(perProject)) await n8n.api('DELETE', `/workflows/${workflowId}`);
	});

	it('publishes every trigger: none finds its Defect KPIs path taken', async () => {
		// n8n 1.x registers the triggers inside the activate call, which beforeAll saw succeed, and keeps no
		// publication status; 2.x answers first and records each trigger's outcome.
		if (n8nMajor === 1) {
			for (const { workflowId } of all()) expect((await n8n.api('GET', `/workflows/${workflowId}`)).active).toBe(true);
			return;
		}
		for (const { workflowId } of all()) {
			const status = await n8n.publicationStatus(workflowId);
			expect(status.status).toBe('published');
			expect(status.triggers).toEqual([expect.objectContaining({ status: 'activated', errorMessage: null })]);
		}
	});

	it("answers each trigger's Create Defect and Defect KPIs requests, all sent at the same time", async () => {
		const before = await executionCounts();
		const createDefect = (url: string) => call(url, { body: testManagerCreateDefect(), headers: secret });
		const kpis = (url: string, projectId: string) => call(testManagerKpiUrl(url, projectId), { method: 'GET', headers: secret });
		const signedDefect = testManagerCreateDefect();
		const answers = await Promise.all([
			createDefect(perProject.checkout.url),
			kpis(perProject.checkout.url, PROJECT_ID),
			createDefect(perProject.mobile.url),
			kpis(perProject.mobile.url, MOBILE_PROJECT),
			call(defectUrl, { body: signedDefect, headers: { 'X-UiPath-Signature': signature(signedDefect) } }),
			kpis(kpiBase, PROJECT_ID),
		]);
		expect(answers).toEqual([
			{ status: 200, body: { answeredBy: 'checkout', event: 'createDefect', projectId: '' } },
			{ status: 200, body: { answeredBy: 'checkout', event: 'defectKpi', projectId: PROJECT_ID } },
			{ status: 200, body: { answeredBy: 'mobile', event: 'createDefect', projectId: '' } },
			{ status: 200, body: { answeredBy: 'mobile', event: 'defectKpi', projectId: MOBILE_PROJECT } },
			{ status: 200, body: TEST_MANAGER_ANSWERS.createdDefect },
			{ status: 200, body: TEST_MANAGER_ANSWERS.defectKpis(PROJECT_ID) },
		]);
		// Exactly one execution per request, in the workflow it was sent to.
		const expected = [2, 2, 1, 1].map((added, index) => before[index] + added);
		for (const [index, { workflowId }] of all().entries()) await n8n.waitForExecutionCount(workflowId, expected[index]);
		const mobileItems = (await n8n.executions(perProject.mobile.workflowId)).slice(0, 2).map((execution) => n8n.nodeOutput(execution, 'Test Manager Trigger')[0]);
		expect(mobileItems).toContainEqual(
			expect.objectContaining({ event: 'defectKpi', projectId: MOBILE_PROJECT, path: `api/kpis/project/${MOBILE_PROJECT}/defectstatus` }),
		);
		expect(mobileItems).toContainEqual(expect.objectContaining({ event: 'createDefect', path: '' }));
	});

	it("never hands a trigger's request to another: each URL is answered by its own trigger's settings", async () => {
		const before = await executionCounts();
		// The checkout trigger allows only its project; the mobile trigger, which would answer, never sees it.
		const otherProject = await call(testManagerKpiUrl(perProject.checkout.url, MOBILE_PROJECT), { method: 'GET', headers: secret });
		expect(otherProject).toEqual({ status: 404, body: { message: 'This workflow does not handle Defect KPIs requests for this project' } });
		// The Create Defect example takes no Defect KPIs request, though three published triggers would.
		const defectExample = await call(testManagerKpiUrl(defectUrl), { method: 'GET', headers: { 'X-UiPath-Signature': signature('') } });
		expect(defectExample).toEqual({ status: 404, body: { message: 'This workflow does not handle Defect KPIs requests' } });
		expect(await executionCounts()).toEqual(before);
	});

	it("refuses to publish a trigger that carries another's webhook id (its URLs are the other's)", async () => {
		const original = await n8n.api('GET', `/workflows/${perProject.mobile.workflowId}`);
		const copy = await n8n.api('POST', '/workflows', { name: 'Several triggers: a copy with the same webhook id', settings: { executionOrder: 'v1' }, nodes: original.nodes, connections: original.connections });
		try {
			// Each line words it its own way.
			const refusal =
				n8nMajor === 1
					? 'answered 400: {"message":"The URL path that the \\"Test Manager Trigger\\" node uses is already taken. Please change it to something else."}'
					: 'answered 409: {"message":"There is a conflict with one of the webhooks."}';
			await expect(n8n.api('POST', `/workflows/${copy.id}/activate`)).rejects.toThrow(refusal);
			const mobile = await call(testManagerKpiUrl(perProject.mobile.url, MOBILE_PROJECT), { method: 'GET', headers: secret });
			expect(mobile.body).toEqual({ answeredBy: 'mobile', event: 'defectKpi', projectId: MOBILE_PROJECT });
		} finally {
			await n8n.api('DELETE', `/workflows/${copy.id}`);
		}
	});

	it('keeps serving the others when one trigger is unpublished', async () => {
		await n8n.unpublish(perProject.checkout.workflowId, probes(perProject.checkout));
		try {
			const gone = await call(testManagerKpiUrl(perProject.checkout.url, PROJECT_ID), { method: 'GET', headers: secret });
			expect(gone.status).toBe(404);
			const before = (await n8n.executions(perProject.mobile.workflowId)).length;
			const mobile = await call(testManagerKpiUrl(perProject.mobile.url, MOBILE_PROJECT), { method: 'GET', headers: secret });
			expect(mobile).toEqual({ status: 200, body: { answeredBy: 'mobile', event: 'defectKpi', projectId: MOBILE_PROJECT } });
			await n8n.waitForExecutionCount(perProject.mobile.workflowId, before + 1);
			expect((await call(testManagerKpiUrl(kpiBase), { method: 'GET', headers: secret })).status).toBe(200);
		} finally {
			await n8n.publish(perProject.checkout.workflowId, probes(perProject.checkout));
		}
	});
});

describe("UiPath Test Manager locators' lists in a real n8n", () => {
	// The API credential belongs to the REST resources: the lists are asked for with one of them chosen.
	const list = async (parameter: string, method: string, more: { parameters?: Record<string, unknown>; filter?: string; paginationToken?: string } = {}) =>
		await n8n.listSearch({
			node: 'n8n-nodes-testops.testManager',
			parameter,
			method,
			credential: ['testManagerApi', 'Test Manager API'],
			...more,
			parameters: { resource: 'testCaseLog', operation: 'getAll', ...more.parameters },
		});

	it('lists the projects with their prefix and page', async () => {
		const web = `${fakeUrl('testManager')}/${TEST_MANAGER_FAKE.ORGANIZATION}/${TEST_MANAGER_FAKE.TENANT}/testmanager_`;
		expect(await list('projectId', 'searchProjects')).toEqual({
			results: [
				{ name: 'Checkout (CHK)', value: PROJECT_ID, url: `${web}/CHK` },
				{ name: 'Mobile App (MOB)', value: '5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f', url: `${web}/MOB` },
			],
		});
		expect((await list('projectId', 'searchProjects', { filter: 'mob' })).results.map((r) => r.name)).toEqual(['Mobile App (MOB)']);
	});

	it("lists the test executions of a project given by a pasted address, 100 per page", async () => {
		// n8n takes the prefix out of the address; the node finds the project with that prefix.
		const parameters = { projectId: { __rl: true, mode: 'url', value: 'https://cloud.uipath.com/acme/DefaultTenant/testmanager_/CHK/dashboard' } };
		const first = await list('testExecutionId', 'searchTestExecutions', { parameters });
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({ name: 'Nightly regression (CHK:131)', value: EXECUTION_ID });
		expect(first.paginationToken).toBe('100');
		const second = await list('testExecutionId', 'searchTestExecutions', { parameters, paginationToken: first.paginationToken });
		expect(second.results).toHaveLength(31);
		expect(second.paginationToken).toBeUndefined();
		expect((await list('testExecutionId', 'searchTestExecutions', { parameters, filter: 'nightly' })).results.map((r) => r.value)).toEqual([EXECUTION_ID]);
	});
});

describe('UiPath Test Manager credentials in a real n8n', () => {
	// The credential test the editor runs: on the stored credential, with the data of the form.
	// (The webhook secret's test is the trigger's `testedBy` function, which n8n finds only for installed
	// packages, not for the custom extensions this suite loads: it is covered by unit tests.)
	const testCredential = async (type: string, data: Record<string, unknown>) =>
		await n8n.testCredential('Test Manager API', type, data);

	const apiData = () => ({
		baseUrl: fakeUrl('testManager'),
		organization: TEST_MANAGER_FAKE.ORGANIZATION,
		tenant: TEST_MANAGER_FAKE.TENANT,
		clientId: CLIENT.id,
		clientSecret: CLIENT.secret,
		scopes: CLIENT.scopes.join(' '),
	});

	it('tests the API credential: token from UiPath Identity, then one project', async () => {
		await fake('/__fake/reset', 'POST');
		expect(await testCredential('testManagerApi', apiData())).toEqual({ status: 'OK', message: 'Connection successful!' });
		const state = await fake('/__fake/state');
		expect(state.tokenRequests).toBe(1);
		expect(state.apiRequests).toEqual([expect.objectContaining({ path: '/api/v2/projects', status: 200 })]);
	});

	it("reports a wrong client secret or scope with UiPath Identity's reason, never the secret", async () => {
		const wrongSecret = await testCredential('testManagerApi', { ...apiData(), clientSecret: 'wrong-secret-value' });
		expect(wrongSecret.status).toBe('Error');
		expect(wrongSecret.message).toContain('invalid_client');
		expect(wrongSecret.message).not.toContain('wrong-secret-value');
		const wrongScope = await testCredential('testManagerApi', { ...apiData(), scopes: 'TM.Defects.Write' });
		expect(wrongScope).toMatchObject({ status: 'Error' });
		expect(wrongScope.message).toContain('invalid_scope');
	});
});
