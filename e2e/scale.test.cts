import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha256';

import { E2E_SECRETS } from '../dev/credentials';
import { SEVERITIES, STATES } from '../dev/fakes/azureDevOpsScale';
import { TEST_MANAGER_FAKE } from '../dev/fakes/testManager';
import { e2eContext } from './harness/context';

/**
 * The Test Manager ⇄ Azure Boards bridge (examples/azure-devops-test-manager-bridge.json) in a real n8n, its
 * Defect KPIs answered from a fake Azure DevOps holding 100,000 bugs: with Analytics (one request), with WIQL
 * queries when Analytics refuses the token (at most 10), and from the KPI cache within a minute (none).
 */
const { n8n, fakeUrl } = e2eContext();
const { PROJECT_ID, EXECUTION_ID, FAILED_TEST_CASE_ID } = TEST_MANAGER_FAKE;
const WEBHOOK_ID = 'e4a7c2d9-1b3f-4e5a-8c6d-9f0b1a2c3d71';
const base = n8n.webhookUrl(WEBHOOK_ID, 'testmanager');
const kpiUrl = `${base}/api/kpis/project/${PROJECT_ID}/defectstatus`;
const ado = fakeUrl('azureDevOps');
const SYNTHETIC = 100_000;

interface WorkItem {
	id: number;
	fields: Record<string, unknown>;
}
interface ScaleState {
	calls: { wiql: number; analytics: number };
}

const scale = async (path: string, body?: unknown) =>
	(await (await fetch(`${ado}/__fake/scale/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as ScaleState;

/** Signed by an HMAC implementation independent of the code under test; a GET signs the empty body. */
const signature = (body: string) => Buffer.from(hmac(sha256, E2E_SECRETS.testManagerHmacSecret, body)).toString('hex');

async function call(url: string, method: string, body = '') {
	const response = await fetch(url, { method, headers: { 'X-UiPath-Signature': signature(body), ...(body ? { 'content-type': 'application/json' } : {}) }, body: body || undefined });
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Files a Bug through Create Defect: a write through the credential, which also ends its cached counts. */
async function createDefect(workflowId: string) {
	const executions = (await n8n.executions(workflowId)).length;
	const body = JSON.stringify({ testExecutionId: EXECUTION_ID, testCaseId: FAILED_TEST_CASE_ID, variationId: null, linkToTestCaseLog: null });
	expect((await call(base, 'POST', body)).status).toBe(200);
	await n8n.waitForExecutionCount(workflowId, executions + 1);
}

/** The counts the example's defaults give: the fake's own Bugs and the synthetic ones, recounted here. */
async function expectedKpis() {
	const { workItems } = (await (await fetch(`${ado}/__fake/state`)).json()) as { workItems: WorkItem[] };
	const states: string[] = [];
	const severities: unknown[] = [];
	for (const bug of workItems.filter((item) => item.fields['System.WorkItemType'] === 'Bug' && String(item.fields['System.AreaPath']).startsWith('Fabrikam Web'))) {
		states.push(String(bug.fields['System.State']));
		severities.push(bug.fields['Microsoft.VSTS.Common.Severity']);
	}
	for (let i = 0; i < SYNTHETIC; i++) {
		states.push(STATES[i % STATES.length]);
		severities.push(SEVERITIES[i % SEVERITIES.length]);
	}
	const isClosed = (state: string) => ['Closed', 'Resolved', 'Done', 'Removed'].includes(state);
	const closed = states.filter(isClosed).length;
	const critical = states.filter((state, i) => !isClosed(state) && ['1 - Critical', '2 - High'].includes(String(severities[i]))).length;
	return { totalDefects: states.length, closedDefects: closed, openDefects: states.length - closed, criticalDefects: critical, moderateDefects: states.length - closed - critical, status: 'Success' };
}

/** The Defect KPIs node's output in the execution the request started. */
async function kpiNodeOutput(workflowId: string, executions: number) {
	const [execution] = await n8n.waitForExecutionCount(workflowId, executions + 1);
	return n8n.nodeOutput(execution, 'Defect KPIs')[0];
}

/**
 * Asks for the dashboard's Defect KPIs right after filing a defect (so that no cached counts answer): the
 * answer, how long it took, the fake's calls before and after, and the Defect KPIs node's output.
 */
async function kpisAfterNewDefect(workflowId: string) {
	await createDefect(workflowId);
	const before = await scale('state');
	const executions = (await n8n.executions(workflowId)).length;
	const started = Date.now();
	const response = await call(kpiUrl, 'GET');
	const seconds = (Date.now() - started) / 1000;
	const after = await scale('state');
	return { response, seconds, before, after, output: await kpiNodeOutput(workflowId, executions) };
}

describe('Test Manager ⇄ Azure Boards bridge over 100,000 bugs, in a real n8n', () => {
	let workflowId: string;

	beforeAll(async () => {
		await scale('seed', { count: SYNTHETIC });
		workflowId = (await n8n.workflowByName("Azure DevOps: Test Manager defects as bugs, with the dashboard's KPIs")).id;
		await n8n.publish(workflowId, [base]);
	});

	afterAll(async () => {
		await scale('mode', { analytics: 'on' });
		await scale('seed', { count: 0 });
		await n8n.unpublish(workflowId, [base]);
	});

	it('answers the dashboard with one Analytics request, exactly', async () => {
		const { response, seconds, before, after, output } = await kpisAfterNewDefect(workflowId);
		expect(response.status).toBe(200);
		expect(response.body).toMatchObject(await expectedKpis());
		expect(seconds).toBeLessThan(30); // the time budget; loopback takes well under a second (printed below)
		expect(after.calls.analytics - before.calls.analytics).toBe(1);
		expect(after.calls.wiql - before.calls.wiql).toBe(0);
		expect(output).toMatchObject({ countedWith: { method: 'analytics', requests: 1 } });
		console.log(`Defect KPIs over ${SYNTHETIC} bugs with Analytics: answered in ${seconds.toFixed(2)} s`);
	});

	it('answers within a minute from the cache, without calling Azure DevOps', async () => {
		const before = await scale('state');
		const executions = (await n8n.executions(workflowId)).length;
		const response = await call(kpiUrl, 'GET');
		expect(response.status).toBe(200);
		expect(response.body).toMatchObject(await expectedKpis());
		const after = await scale('state');
		expect(after.calls).toEqual(before.calls);
		expect(await kpiNodeOutput(workflowId, executions)).toMatchObject({ cached: { stale: false } });
	});

	it('answers with at most 10 WIQL queries when Analytics refuses the token, exactly', async () => {
		await scale('mode', { analytics: 'forbidden' });
		const { response, seconds, before, after, output } = await kpisAfterNewDefect(workflowId);
		expect(response.status).toBe(200);
		expect(response.body).toMatchObject(await expectedKpis());
		expect(after.calls.analytics - before.calls.analytics).toBe(1);
		expect(after.calls.wiql - before.calls.wiql).toBeLessThanOrEqual(10);
		expect(output).toMatchObject({ countedWith: { method: 'wiql', analyticsUnavailable: expect.stringContaining('VS403527') } });
		console.log(`Defect KPIs over ${SYNTHETIC} bugs with WIQL queries: ${after.calls.wiql - before.calls.wiql} queries, answered in ${seconds.toFixed(2)} s`);
	});
});
