import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha256';

import { E2E_SECRETS } from '../dev/credentials';
import { TEST_MANAGER_FAKE } from '../dev/fakes/testManager';
import { e2eContext } from './harness/context';

/**
 * One Test Manager WebHook connection served by Azure Boards (examples/azure-devops-test-manager-bridge.json):
 * Create Defect files a Bug and answers with its link; Defect KPIs are counted from the Bugs and answered.
 */
const { n8n, fakeUrl } = e2eContext();
const { PROJECT_ID, EXECUTION_ID, FAILED_TEST_CASE_ID } = TEST_MANAGER_FAKE;
const WEBHOOK_ID = 'e4a7c2d9-1b3f-4e5a-8c6d-9f0b1a2c3d71';
const base = n8n.webhookUrl(WEBHOOK_ID, 'testmanager');
const kpiUrl = `${base}/api/kpis/project/${PROJECT_ID}/defectstatus`;
const ado = fakeUrl('azureDevOps');

interface WorkItem {
	id: number;
	fields: Record<string, unknown>;
	relations: Array<{ rel: string; url: string }>;
}

const workItems = async (): Promise<WorkItem[]> =>
	((await (await fetch(`${ado}/__fake/state`)).json()) as { workItems: WorkItem[] }).workItems;

/** Signed by an HMAC implementation independent of the code under test; a GET signs the empty body. */
const signature = (body: string) =>
	Buffer.from(hmac(sha256, E2E_SECRETS.testManagerHmacSecret, body)).toString('hex');

async function call(url: string, method: string, body = '', signed = signature(body)) {
	const response = await fetch(url, {
		method,
		headers: { 'X-UiPath-Signature': signed, ...(body ? { 'content-type': 'application/json' } : {}) },
		body: body || undefined,
	});
	return { status: response.status, body: (await response.json()) as Record<string, any> };
}

describe('Test Manager ⇄ Azure Boards bridge in a real n8n', () => {
	let workflowId: string;

	beforeAll(async () => {
		workflowId = (await n8n.workflowByName("Azure DevOps: Test Manager defects as bugs, with the dashboard's KPIs")).id;
		await n8n.publish(workflowId, [base]);
	});

	afterAll(async () => {
		await n8n.unpublish(workflowId, [base]);
	});

	it("files a Bug for Create Defect, linked to the test case log, and answers with the Bug's page", async () => {
		const link = 'https://cloud.uipath.com/acme/DefaultTenant/testmanager_/CHK/testcaselogs/bridge';
		const request = JSON.stringify({ testExecutionId: EXECUTION_ID, testCaseId: FAILED_TEST_CASE_ID, variationId: null, linkToTestCaseLog: link });
		const before = await workItems();
		const executions = (await n8n.executions(workflowId)).length;

		const response = await call(base, 'POST', request);

		expect(response.status).toBe(200);
		await n8n.waitForExecutionCount(workflowId, executions + 1);
		const created = (await workItems()).filter((item) => !before.some((old) => old.id === item.id));
		expect(created).toHaveLength(1);
		const [bug] = created;
		expect(bug.fields).toMatchObject({
			'System.WorkItemType': 'Bug',
			'System.Title': `[Nightly regression] test case ${FAILED_TEST_CASE_ID} failed`,
			'System.Tags': 'test-manager',
		});
		expect(bug.relations).toContainEqual(expect.objectContaining({ rel: 'Hyperlink', url: link }));
		expect(response.body).toEqual({
			id: String(bug.id),
			key: `Bug ${bug.id}`,
			title: bug.fields['System.Title'],
			url: `${ado}/fabrikam/Fabrikam%20Web/_workitems/edit/${bug.id}`,
		});
	});

	it("answers the dashboard's Defect KPIs with the Bugs' counts", async () => {
		const executions = (await n8n.executions(workflowId)).length;
		const response = await call(kpiUrl, 'GET');
		await n8n.waitForExecutionCount(workflowId, executions + 1);

		// Counted here from the fake's Bugs, as the node's defaults say: closed by state, critical by severity,
		// critical and moderate among the open ones.
		const bugs = (await workItems()).filter(
			(item) => item.fields['System.WorkItemType'] === 'Bug' && String(item.fields['System.AreaPath']).startsWith('Fabrikam Web'),
		);
		const closed = bugs.filter((bug) => ['Closed', 'Resolved', 'Done', 'Removed'].includes(String(bug.fields['System.State'])));
		const open = bugs.filter((bug) => !closed.includes(bug));
		const critical = open.filter((bug) => ['1 - Critical', '2 - High'].includes(String(bug.fields['Microsoft.VSTS.Common.Severity'])));
		expect(bugs.length).toBeGreaterThan(0);
		expect(response.status).toBe(200);
		expect(response.body).toMatchObject({
			totalDefects: bugs.length,
			openDefects: open.length,
			closedDefects: closed.length,
			criticalDefects: critical.length,
			moderateDefects: open.length - critical.length,
			status: 'Success',
		});
	});

	it('refuses an unsigned request with 401: no execution, no Bug', async () => {
		const executions = (await n8n.executions(workflowId)).length;
		const items = (await workItems()).length;
		const body = JSON.stringify({ testExecutionId: EXECUTION_ID, testCaseId: FAILED_TEST_CASE_ID, variationId: null, linkToTestCaseLog: null });

		const response = await call(base, 'POST', body, signature(`${body} `));

		expect(response).toEqual({ status: 401, body: { message: 'Unauthorized' } });
		expect(await n8n.executions(workflowId)).toHaveLength(executions);
		expect(await workItems()).toHaveLength(items);
	});
});
