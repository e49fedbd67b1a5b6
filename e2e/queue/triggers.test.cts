import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha256';

import { E2E_SECRETS } from '../../dev/credentials';
import { TAPD_FAKE } from '../../dev/fakes/tapd';
import { TEST_MANAGER_FAKE } from '../../dev/fakes/testManager';
import { post, request } from '../../dev/http';
import { azureDevOpsDelivery, azureDevOpsHeaders } from '../../dev/samples';
import { TEST_MANAGER_ANSWERS } from '../exampleAnswers';
import { queueStack, waitUntil } from './helpers';

/**
 * Every trigger in n8n's queue mode: publishing (on the main) registers once, each webhook process verifies
 * deliveries and hands them to the worker, Test Manager is answered from the worker, refusals start nothing,
 * unpublishing removes the registrations.
 */
jest.setTimeout(120_000);

const { n8n, fakeUrl, viaProcess, ranOnWorker, webhookIdOf, executionCount } = queueStack();
const PROCESSES = [0, 1];

describe('the queue-mode stack', () => {
	it('serves production webhooks only on the webhook processes, behind the balancer', async () => {
		const { id } = await n8n.workflowByName('Testany: report failed test cases');
		const webhookId = await webhookIdOf(id, 'Testany Trigger');
		await n8n.publish(id, [n8n.webhookUrl(webhookId, 'testany')]);
		try {
			// An unauthenticated request: 401 from each webhook process, 404 from the main.
			for (const index of PROCESSES) expect((await post(viaProcess(index, webhookId, 'testany'), '{}')).status).toBe(401);
			expect((await post(`${n8n.url}/webhook/${webhookId}/testany`, '{}')).status).toBe(404);
		} finally {
			await n8n.unpublish(id, [n8n.webhookUrl(webhookId, 'testany')]);
		}
	});
});

describe('Testany Trigger in queue mode', () => {
	let workflowId: string;
	let webhookId: string;
	const withToken = (url: string) => `${url}?token=${E2E_SECRETS.testanyToken}`;
	const notification = (executionKey: string) => ({
		name: 'nightly',
		status: 2,
		trigger_key: 'P-QUEUE-1',
		trigger_method: 'plan',
		pipelines: [{ name: 'checkout', status: 2, key: 'K-1', execution_key: executionKey, cases: [{ name: 'pay', status: 2, key: '1' }] }],
	});

	beforeAll(async () => {
		workflowId = (await n8n.workflowByName('Testany: report failed test cases')).id;
		webhookId = await webhookIdOf(workflowId, 'Testany Trigger');
		await n8n.publish(workflowId, [n8n.webhookUrl(webhookId, 'testany')]);
	});

	afterAll(async () => {
		await n8n.unpublish(workflowId, [n8n.webhookUrl(webhookId, 'testany')]);
	});

	it.each(PROCESSES)('turns a delivery through webhook process %i into exactly one execution, run by the worker', async (index) => {
		const before = await executionCount(workflowId);
		const response = await post(withToken(viaProcess(index, webhookId, 'testany')), notification(`E-QUEUE-${index}`));
		expect(response).toEqual({ status: 200, body: { message: 'Workflow was started' } });
		const [execution] = await n8n.waitForExecutionCount(workflowId, before + 1);
		expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
		expect(ranOnWorker(execution)).toBe(true);
		const [item] = n8n.nodeOutput(execution, 'Testany Trigger');
		expect(item).toMatchObject({ name: 'pay', pipeline: { execution_key: `E-QUEUE-${index}` } });
		expect(item.dedupe_key).toMatch(/^[0-9a-f]{64}$/);
	});

	it('refuses wrong tokens and malformed bodies on both processes, starting nothing', async () => {
		const before = await executionCount(workflowId);
		for (const index of PROCESSES) {
			const url = viaProcess(index, webhookId, 'testany');
			expect(await post(`${url}?token=${E2E_SECRETS.testanyToken}x`, notification('E-QUEUE-X'))).toEqual({ status: 401, body: { message: 'Unauthorized' } });
			expect((await post(withToken(url), '{"name": "half')).status).toBe(400);
		}
		expect(await executionCount(workflowId)).toBe(before);
	});

	it('suppresses a retry that reaches the process which accepted the delivery', async () => {
		const before = await executionCount(workflowId);
		const url = withToken(viaProcess(1, webhookId, 'testany'));
		expect((await post(url, notification('E-QUEUE-R'))).status).toBe(200);
		expect(await post(url, notification('E-QUEUE-R'))).toEqual({ status: 200, body: { message: 'Accepted; a repeat of a delivery already received' } });
		await n8n.waitForExecutionCount(workflowId, before + 1);
	});
});

describe('UiPath Test Manager in queue mode: answered from the worker', () => {
	const { PROJECT_ID, EXECUTION_ID, FAILED_TEST_CASE_ID } = TEST_MANAGER_FAKE;
	const createDefect = JSON.stringify({ testExecutionId: EXECUTION_ID, testCaseId: FAILED_TEST_CASE_ID, variationId: null, linkToTestCaseLog: 'https://cloud.uipath.com/x' });
	const signature = (body: string) => Buffer.from(hmac(sha256, E2E_SECRETS.testManagerHmacSecret, body)).toString('hex');
	const kpiPath = `testmanager/api/kpis/project/${PROJECT_ID}/defectstatus`;
	const kpiUrl = (index: number, webhookId: string, secret = E2E_SECRETS.testManagerClientSecret) =>
		[viaProcess(index, webhookId, kpiPath), { headers: { 'X-TM-Secret': secret } }] as const;

	// Both examples published together: each trigger's Defect KPIs path is its own (docs/n8n.md, "A webhook request").
	const defect = { name: 'UiPath Test Manager: create a defect for a failed test', workflowId: '', webhookId: '' };
	const kpis = { name: "UiPath Test Manager: answer the dashboard's defect KPIs", workflowId: '', webhookId: '' };
	const probes = ({ webhookId }: typeof defect) => [n8n.webhookUrl(webhookId, 'testmanager'), n8n.webhookUrl(webhookId, kpiPath)];

	beforeAll(async () => {
		await fetch(`${fakeUrl('testManager')}/__fake/reset`, { method: 'POST' });
		for (const example of [defect, kpis]) {
			example.workflowId = (await n8n.workflowByName(example.name)).id;
			example.webhookId = await webhookIdOf(example.workflowId, 'Test Manager Trigger');
		}
		await Promise.all([defect, kpis].map(async (example) => await n8n.publish(example.workflowId, probes(example))));
	});

	afterAll(async () => {
		for (const example of [defect, kpis]) await n8n.unpublish(example.workflowId, probes(example));
	});

	it.each(PROCESSES)('answers Create Defect held open on webhook process %i with the body the worker responded', async (index) => {
		const before = await executionCount(defect.workflowId);
		const response = await post(viaProcess(index, defect.webhookId, 'testmanager'), createDefect, { 'X-UiPath-Signature': signature(createDefect) });
		expect(response).toEqual({ status: 200, body: TEST_MANAGER_ANSWERS.createdDefect });
		const [execution] = await n8n.waitForExecutionCount(defect.workflowId, before + 1);
		expect(execution.status).toBe('success');
		expect(ranOnWorker(execution)).toBe(true);
	});

	it.each(PROCESSES)('answers Defect KPIs on webhook process %i with the body the worker responded', async (index) => {
		const before = await executionCount(kpis.workflowId);
		expect(await request(...kpiUrl(index, kpis.webhookId))).toEqual({ status: 200, body: TEST_MANAGER_ANSWERS.defectKpis(PROJECT_ID) });
		const [execution] = await n8n.waitForExecutionCount(kpis.workflowId, before + 1);
		expect(ranOnWorker(execution)).toBe(true);
	});

	it('answers both triggers at once on both processes, each request in its own workflow', async () => {
		const before = [await executionCount(defect.workflowId), await executionCount(kpis.workflowId)];
		const answers = await Promise.all(
			PROCESSES.flatMap((index) => [
				post(viaProcess(index, defect.webhookId, 'testmanager'), createDefect, { 'X-UiPath-Signature': signature(createDefect) }),
				request(...kpiUrl(index, kpis.webhookId)),
				// The Create Defect example's own answer to a Defect KPIs request: it reached that trigger, not the other.
				request(viaProcess(index, defect.webhookId, kpiPath), { headers: { 'X-UiPath-Signature': signature('') } }),
			]),
		);
		expect(answers).toEqual(
			PROCESSES.flatMap(() => [
				{ status: 200, body: TEST_MANAGER_ANSWERS.createdDefect },
				{ status: 200, body: TEST_MANAGER_ANSWERS.defectKpis(PROJECT_ID) },
				{ status: 404, body: { message: 'This workflow does not handle Defect KPIs requests' } },
			]),
		);
		await n8n.waitForExecutionCount(defect.workflowId, before[0] + PROCESSES.length);
		await n8n.waitForExecutionCount(kpis.workflowId, before[1] + PROCESSES.length);
	});

	it('refuses a wrong signature or secret on both processes, starting nothing', async () => {
		const before = [await executionCount(defect.workflowId), await executionCount(kpis.workflowId)];
		for (const index of PROCESSES) {
			const answer = await post(viaProcess(index, defect.webhookId, 'testmanager'), createDefect, { 'X-UiPath-Signature': signature(`${createDefect} `) });
			expect(answer).toEqual({ status: 401, body: { message: 'Unauthorized' } });
			expect(await request(...kpiUrl(index, kpis.webhookId, `${E2E_SECRETS.testManagerClientSecret}x`))).toEqual({ status: 401, body: { message: 'Unauthorized' } });
		}
		expect([await executionCount(defect.workflowId), await executionCount(kpis.workflowId)]).toEqual(before);
	});
});

describe('TAPD Trigger in queue mode', () => {
	type Setting = Record<string, string>;
	const tapd = fakeUrl('tapd');
	let workflowId: string;
	let webhookId: string;
	let url: string;
	const settings = async () =>
		((await (await fetch(`${tapd}/__fake/state`)).json()) as { webhookSettings: Setting[] }).webhookSettings.filter((s) => s.url === url);
	const storedSettingId = async () =>
		(((await n8n.api('GET', `/workflows/${workflowId}`)).staticData ?? {}) as Record<string, { settingId?: string }>);
	const delivery = (eventId: string, secret: string) =>
		JSON.stringify({ event: 'bug::create', workspace_id: TAPD_FAKE.workspaceId, event_id: eventId, id: '1110158231500000901', title: 'Queue', secret, created: '2026-01-06 08:00:00' });

	beforeAll(async () => {
		await fetch(`${tapd}/__fake/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		workflowId = (await n8n.workflowByName('TAPD: route bug and story events')).id;
		webhookId = await webhookIdOf(workflowId, 'TAPD Trigger');
		url = n8n.webhookUrl(webhookId, 'tapd');
		await n8n.publish(workflowId, [url]);
	});

	afterAll(async () => {
		await n8n.unpublish(workflowId, [url]).catch(() => undefined);
	});

	it("registers exactly one webhook setting, for the balancer's URL, on publish", async () => {
		const [setting] = await waitUntil(settings, (found) => found.length === 1, 'TAPD settings for the trigger');
		await waitUntil(storedSettingId, (stored) => Object.values(stored).some((node) => node.settingId === setting.id), 'the setting id in static data');
		expect(await settings()).toHaveLength(1);
		expect(setting).toMatchObject({ url, status: 'normal', content_type: 'json' });
	});

	it.each(PROCESSES)('turns a delivery through webhook process %i into exactly one execution, run by the worker', async (index) => {
		const [setting] = await settings();
		const before = await executionCount(workflowId);
		const response = await post(viaProcess(index, webhookId, 'tapd'), delivery(`Q-${index}`, setting.secret));
		expect(response).toEqual({ status: 200, body: { message: 'Workflow was started' } });
		const [execution] = await n8n.waitForExecutionCount(workflowId, before + 1);
		expect(execution.status).toBe('success');
		expect(ranOnWorker(execution)).toBe(true);
		const [item] = n8n.nodeOutput(execution, 'TAPD Trigger');
		expect(item).toMatchObject({ event: 'bug::create', event_id: `Q-${index}`, id: '1110158231500000901' });
		expect(item).not.toHaveProperty('secret');
	});

	it('refuses a wrong secret on both processes, starting nothing', async () => {
		const [setting] = await settings();
		const before = await executionCount(workflowId);
		for (const index of PROCESSES) {
			const wrong = `${setting.secret.slice(0, -1)}${setting.secret.endsWith('0') ? '1' : '0'}`;
			expect(await post(viaProcess(index, webhookId, 'tapd'), delivery('Q-X', wrong))).toEqual({ status: 401, body: { message: 'Unauthorized' } });
		}
		expect(await executionCount(workflowId)).toBe(before);
	});

	it('removes the setting on unpublish', async () => {
		await n8n.unpublish(workflowId, [url]);
		expect(await waitUntil(settings, (found) => found.length === 0, 'TAPD settings after unpublish')).toEqual([]);
	});
});

describe('Azure DevOps Trigger in queue mode', () => {
	interface Subscription {
		id: string;
		status: string;
		eventType: string;
		consumerInputs: Record<string, string>;
	}
	const fake = fakeUrl('azureDevOps');
	const NODE = 'Azure DevOps events';
	/** The example's trigger listens to four events: one subscription each. */
	const EVENT_COUNT = 4;
	let workflowId: string;
	const urls: string[] = [];
	let buildHook: string;
	const ours = async () =>
		((await (await fetch(`${fake}/__fake/state`)).json()) as { subscriptions: Subscription[] }).subscriptions.filter((s) => urls.includes(s.consumerInputs.url));
	const headersOf = (subscription: Subscription) => azureDevOpsHeaders(subscription.consumerInputs);
	let notificationId = 5000;
	const buildCompleted = (subscriptionId: string) =>
		azureDevOpsDelivery('build.complete', { organizationUrl: `${fake}/fabrikam`, subscriptionId, notificationId: notificationId++, text: 'Build 20261122.1 failed' });

	beforeAll(async () => {
		workflowId = (await n8n.workflowByName('Azure DevOps: summarize work item, code and pipeline events')).id;
		const workflow = (await n8n.api('GET', `/workflows/${workflowId}`)) as { nodes: Array<{ name: string; type: string; webhookId?: string }> };
		for (const node of workflow.nodes.filter((n) => n.type.endsWith('.azureDevOpsTrigger'))) urls.push(n8n.webhookUrl(node.webhookId!, 'azure-devops'));
		buildHook = await webhookIdOf(workflowId, NODE);
		await n8n.publish(workflowId, urls);
	});

	afterAll(async () => {
		await n8n.unpublish(workflowId, urls).catch(() => undefined);
	});

	it('registers exactly one subscription per event, for the balancer, on publish', async () => {
		type Records = Record<string, { subscriptions?: Record<string, { subscriptionId?: string }> }>;
		const stored = async () =>
			Object.values(((await n8n.api('GET', `/workflows/${workflowId}`)).staticData ?? {}) as Records).flatMap((node) =>
				Object.values(node.subscriptions ?? {}).map((record) => record.subscriptionId),
			);
		const subscriptions = await waitUntil(ours, (found) => found.length === EVENT_COUNT && found.every((s) => s.status === 'enabled'), 'subscriptions');
		await waitUntil(stored, (ids) => subscriptions.every((s) => ids.includes(s.id)), 'subscription ids in static data');
		expect(new Set((await ours()).map((s) => s.consumerInputs.url))).toEqual(new Set(urls));
	});

	it.each(PROCESSES)('turns a delivery through webhook process %i into exactly one execution, run by the worker', async (index) => {
		const subscription = (await ours()).find((s) => s.eventType === 'build.complete')!;
		const before = await executionCount(workflowId);
		const response = await post(viaProcess(index, buildHook, 'azure-devops'), buildCompleted(subscription.id), headersOf(subscription));
		expect(response).toEqual({ status: 200, body: { message: 'Workflow was started' } });
		const [execution] = await n8n.waitForExecutionCount(workflowId, before + 1);
		expect(execution.status).toBe('success');
		expect(ranOnWorker(execution)).toBe(true);
		expect(n8n.nodeOutput(execution, NODE)[0]).toMatchObject({ eventType: 'build.complete', resourceId: '2727068', subscriptionId: subscription.id });
	});

	it("refuses wrong or another event's credentials on both processes, starting nothing", async () => {
		const subscriptions = await ours();
		const build = subscriptions.find((s) => s.eventType === 'build.complete')!;
		const other = subscriptions.find((s) => s.eventType !== 'build.complete')!;
		const before = await executionCount(workflowId);
		for (const index of PROCESSES) {
			const target = viaProcess(index, buildHook, 'azure-devops');
			const wrong = { ...headersOf(build), 'X-N8n-Webhook-Secret': '0'.repeat(64) };
			for (const headers of [wrong, {}]) {
				expect(await post(target, buildCompleted(build.id), headers)).toEqual({ status: 401, body: { message: 'Unauthorized' } });
			}
			// Another event's subscription authenticates, but only for its own event.
			expect(await post(target, buildCompleted(build.id), headersOf(other))).toEqual({ status: 200, body: { message: 'Accepted; not the event this trigger listens to' } });
		}
		expect(await executionCount(workflowId)).toBe(before);
	});

	it('deletes every subscription on unpublish', async () => {
		await n8n.unpublish(workflowId, urls);
		expect(await waitUntil(ours, (found) => found.length === 0, 'subscriptions after unpublish')).toEqual([]);
	});
});
