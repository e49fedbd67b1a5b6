import { readFileSync } from 'node:fs';

import { E2E_SECRETS } from '../dev/credentials';
import { post } from '../dev/http';
import { azureDevOpsDelivery, azureDevOpsHeaders } from '../dev/samples';
import { e2eContext } from './harness/context';

jest.setTimeout(120_000);

const { n8n, fakeUrl, state } = e2eContext();
const fake = fakeUrl('azureDevOps');
const ORG = `${fake}/fabrikam`;
const PROJECT = 'f1e0c2a4-6b8d-4e3f-9a1b-2c3d4e5f6a7b';

/** The trigger of examples/azure-devops-events.json and its four events, by short name. */
const TRIGGER = { node: 'Azure DevOps events', webhookId: '7e272511-cea0-4a6b-aba2-00335cbe015b' };
const EVENTS = {
	workItem: 'workitem.updated',
	pullRequest: 'git.pullrequest.created',
	build: 'build.complete',
	run: 'ms.vss-pipelines.run-state-changed-event',
} as const;
type EventName = keyof typeof EVENTS;
const EVENT_NAMES = Object.keys(EVENTS) as EventName[];
const triggerUrl = n8n.webhookUrl(TRIGGER.webhookId, 'azure-devops');

interface Subscription {
	id: string;
	status: string;
	publisherId: string;
	eventType: string;
	resourceVersion: string;
	publisherInputs: Record<string, string>;
	consumerInputs: Record<string, string>;
}
interface FakeState {
	requestLog: string[];
	subscriptions: Subscription[];
	workItems: Array<{ id: number; rev: number; fields: Record<string, unknown>; relations: Array<Record<string, unknown>> }>;
	patchContentTypes: string[];
}

async function fakeState(): Promise<FakeState> {
	return (await (await fetch(`${fake}/__fake/state`)).json()) as FakeState;
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** The subscription ids the workflow's static data holds, whatever else it holds. */
async function heldIds(workflowId: string): Promise<string[]> {
	const workflow = await n8n.api('GET', `/workflows/${workflowId}`);
	const nodes = Object.values((workflow.staticData ?? {}) as Record<string, { subscriptions?: Record<string, { subscriptionId?: string }> }>);
	return nodes.flatMap((node) => Object.values(node.subscriptions ?? {}).map((record) => String(record.subscriptionId)));
}

/**
 * n8n answers the publish call and registers the webhook path before the trigger's `create` has finished
 * (and saves static data at the end): wait until Azure DevOps holds one enabled subscription per event and
 * n8n holds the same subscription ids.
 */
async function waitForSubscriptions(workflowId: string): Promise<Subscription[]> {
	for (const deadline = Date.now() + 30_000; ; await sleep(200)) {
		const ours = (await fakeState()).subscriptions.filter((s) => s.consumerInputs.url === triggerUrl);
		const stored = await heldIds(workflowId);
		// A trigger replacing a disabled subscription is done when its replacement is enabled and held by n8n.
		if (ours.length === EVENT_NAMES.length && stored.length === ours.length && ours.every((s) => s.status === 'enabled' && stored.includes(s.id))) return ours;
		if (Date.now() > deadline) throw new Error(`Subscriptions not in place: ${ours.length} at the fake, ${JSON.stringify(stored)} in n8n`);
	}
}

async function control(path: string, body: unknown) {
	const response = await fetch(`${fake}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	expect(response.status).toBe(200);
}

async function subscriptionOf(name: EventName): Promise<Subscription | undefined> {
	return (await fakeState()).subscriptions.find((s) => s.consumerInputs.url === triggerUrl && s.eventType === EVENTS[name]);
}

const headersOf = (subscription: Subscription) => azureDevOpsHeaders(subscription.consumerInputs);

let notificationId = 1;
const envelope = (name: EventName, subscriptionId: string, text: string) =>
	azureDevOpsDelivery(EVENTS[name], { organizationUrl: ORG, subscriptionId, notificationId: notificationId++, text });

describe('Azure DevOps Trigger in a real n8n', () => {
	let workflowId: string;

	beforeAll(async () => {
		workflowId = (await n8n.workflowByName('Azure DevOps: summarize work item, code and pipeline events')).id;
		await n8n.publish(workflowId, [triggerUrl]);
		await waitForSubscriptions(workflowId);
	});

	afterAll(async () => {
		await n8n.unpublish(workflowId, [triggerUrl]).catch(() => undefined);
	});

	it("creates one subscription per selected event, all to the node's URL, each with its own filters and credentials", async () => {
		const expected: Record<EventName, [string, string, Record<string, string>]> = {
			workItem: ['tfs', '1.0', { projectId: PROJECT, areaPath: 'Fabrikam Web', workItemType: 'Bug', changedFields: 'System.State' }],
			pullRequest: ['tfs', '1.0', { projectId: PROJECT, repository: '3411ebc1-d5aa-464f-9615-0b527bc66719', branch: 'main' }],
			build: ['tfs', '1.0', { projectId: PROJECT, definitionName: 'web-shop-ci', buildStatus: 'Failed' }],
			run: ['pipelines', '5.1-preview.1', { projectId: PROJECT, pipelineId: '7', runStateId: 'Completed' }],
		};
		const { subscriptions } = await fakeState();
		expect(subscriptions).toHaveLength(4);
		for (const name of EVENT_NAMES) {
			const subscription = subscriptions.find((s) => s.eventType === EVENTS[name]);
			const [publisherId, resourceVersion, inputs] = expected[name];
			expect(subscription).toMatchObject({ status: 'enabled', publisherId, resourceVersion, consumerId: 'webHooks', consumerActionId: 'httpRequest' });
			expect(subscription!.consumerInputs.url).toBe(triggerUrl);
			const { tfsSubscriptionId: _ignored, ...publisherInputs } = subscription!.publisherInputs;
			expect(publisherInputs).toEqual(inputs);
			expect(subscription!.consumerInputs.basicAuthUsername).toMatch(/^n8n-[0-9a-f]{16}$/);
			expect(subscription!.consumerInputs.basicAuthPassword.length).toBeGreaterThanOrEqual(43);
			expect(subscription!.consumerInputs.httpHeaders).toMatch(/^X-N8n-Webhook-Secret:[0-9a-f]{64}$/);
		}
		// Each subscription holds its own secrets.
		expect(new Set(subscriptions.map((s) => s.consumerInputs.basicAuthPassword)).size).toBe(4);
		expect(JSON.stringify(subscriptions)).not.toContain(E2E_SECRETS.azureDevOpsPat);
	});

	it.each([
		['workItem', { resourceId: '42', projectName: 'Fabrikam Web', webUrl: `${ORG}/web/wi.aspx?id=42` }, 'Bug #42 (Checkout fails) updated by Jamal Hartnett'],
		['pullRequest', { resourceId: '1', projectName: 'Fabrikam Web' }, 'Jamal Hartnett created a new pull request'],
		['build', { resourceId: '2727068', webUrl: `${ORG}/${PROJECT}/_build/results?buildId=2727068` }, 'Build 20261122.1 failed'],
		['run', { resourceId: '310', resourceUrl: `${ORG}/${PROJECT}/_apis/pipelines/7/runs/310` }, 'Run 20261122.3 succeeded'],
	] as const)('runs the workflow once for a %s delivery, the item saying which event', async (name, fields, text) => {
		const subscription = (await subscriptionOf(name))!;
		const before = (await n8n.executions(workflowId)).length;
		const response = await post(triggerUrl, envelope(name, subscription.id, text), headersOf(subscription));
		expect(response).toEqual({ status: 200, body: { message: 'Workflow was started' } });
		const [execution] = await n8n.waitForExecutionCount(workflowId, before + 1);
		expect(execution.status).toBe('success');
		const [item] = n8n.nodeOutput(execution, TRIGGER.node);
		expect(item).toMatchObject({ eventType: EVENTS[name], projectId: PROJECT, messageText: text, subscriptionId: subscription.id, ...fields });
		expect(n8n.nodeOutput(execution, 'Event summary')[0].text).toBe(`${EVENTS[name]} #${fields.resourceId}: ${text}`);
		const data = JSON.stringify(execution.data);
		expect(data).not.toContain(subscription.consumerInputs.basicAuthPassword);
		expect(data).not.toContain(headersOf(subscription)['X-N8n-Webhook-Secret']);
		expect(data).not.toContain(E2E_SECRETS.azureDevOpsPat);
	});

	it('answers 401 and starts nothing for wrong, missing or mixed credentials', async () => {
		const subscription = (await subscriptionOf('build'))!;
		const other = headersOf((await subscriptionOf('run'))!);
		const good = headersOf(subscription);
		const body = envelope('build', subscription.id, 'Build 20261122.1 failed');
		const before = (await n8n.executions(workflowId)).length;
		const attempts = [
			{ ...good, authorization: `Basic ${Buffer.from(`${subscription.consumerInputs.basicAuthUsername}:wrong`).toString('base64')}` },
			{ ...good, 'X-N8n-Webhook-Secret': '0'.repeat(64) },
			{ authorization: good.authorization },
			{ 'X-N8n-Webhook-Secret': good['X-N8n-Webhook-Secret'] },
			{},
			{ ...good, 'X-N8n-Webhook-Secret': other['X-N8n-Webhook-Secret'] }, // halves of two subscriptions
		];
		for (const headers of attempts) {
			expect(await post(triggerUrl, body, headers)).toEqual({ status: 401, body: { message: 'Unauthorized' } });
		}
		expect(await n8n.executions(workflowId)).toHaveLength(before);
	});

	it("acknowledges an event delivered with another event's subscription credentials without an execution", async () => {
		const run = (await subscriptionOf('run'))!;
		const before = (await n8n.executions(workflowId)).length;
		const response = await post(triggerUrl, envelope('build', run.id, 'Build 20261122.1 failed'), headersOf(run));
		expect(response).toEqual({ status: 200, body: { message: 'Accepted; not the event this trigger listens to' } });
		expect(await n8n.executions(workflowId)).toHaveLength(before);
	});

	it("suppresses Azure DevOps' retries of the same notification", async () => {
		const subscription = (await subscriptionOf('workItem'))!;
		const body = JSON.stringify(envelope('workItem', subscription.id, 'Bug #42 (Checkout fails) updated'));
		const before = (await n8n.executions(workflowId)).length;
		const first = await post(triggerUrl, body, headersOf(subscription));
		expect(first.status).toBe(200);
		for (let retry = 0; retry < 3; retry++) {
			expect(await post(triggerUrl, body, headersOf(subscription))).toEqual({
				status: 200,
				body: { message: 'Accepted; a repeat of a delivery already received' },
			});
		}
		await n8n.waitForExecutionCount(workflowId, before + 1);
	});

	it('answers 400 to a malformed body from Azure DevOps and starts nothing', async () => {
		const subscription = (await subscriptionOf('workItem'))!;
		const before = (await n8n.executions(workflowId)).length;
		const response = await post(triggerUrl, '{"eventType": "workitem.updated", ', headersOf(subscription));
		expect(response.status).toBe(400);
		expect(await n8n.executions(workflowId)).toHaveLength(before);
	});

	it('replaces leftover subscriptions, including one Azure DevOps disabled, when the workflow is published again', async () => {
		// Unpublishing during an Azure DevOps outage leaves the subscriptions behind, as a crash would;
		// meanwhile Azure DevOps disables one of them.
		await control('/__fake/mode', { failSubscriptionDeletes: true });
		await n8n.api('POST', `/workflows/${workflowId}/deactivate`);
		// n8n tears triggers down in the background: wait until it has stopped trying to delete.
		let attempts = -1;
		for (let quietSince = Date.now(), deadline = Date.now() + 30_000; ; await sleep(250)) {
			const count = (await fakeState()).requestLog.filter((line) => /^DELETE .* -> 503$/.test(line)).length;
			if (count !== attempts) [attempts, quietSince] = [count, Date.now()];
			const inactive = (await n8n.api('GET', `/workflows/${workflowId}`)).active === false;
			if (attempts > 0 && inactive && Date.now() - quietSince > 2000) break;
			if (Date.now() > deadline) throw new Error('n8n did not try to delete the subscriptions');
		}
		await control('/__fake/mode', { failSubscriptionDeletes: false });
		const leftovers = (await fakeState()).subscriptions;
		expect(leftovers.length).toBeGreaterThan(0);
		const disabled = leftovers[0];
		const name = EVENT_NAMES.find((event) => EVENTS[event] === disabled.eventType)!;
		await control(`/__fake/subscriptions/${disabled.id}/status`, { status: 'disabledBySystem' });

		await n8n.publish(workflowId, [triggerUrl]);
		const after = await waitForSubscriptions(workflowId);

		// One enabled subscription per event, the one n8n holds: the disabled one is gone, none is doubled.
		// Healthy leftovers are kept when n8n still holds their record and replaced when it lost it.
		const { subscriptions } = await fakeState();
		expect(subscriptions).toHaveLength(4);
		expect(after.every((s) => s.status === 'enabled')).toBe(true);
		expect(subscriptions.find((s) => s.id === disabled.id)).toBeUndefined();
		expect(new Set(after.map((s) => s.eventType)).size).toBe(4);
		const replacement = (await subscriptionOf(name))!;
		expect(replacement).toMatchObject({ status: 'enabled', eventType: EVENTS[name] });

		// The old credentials no longer open the door; the new ones do.
		const body = envelope(name, replacement.id, 'Delivered after the replacement');
		expect((await post(triggerUrl, body, headersOf(disabled))).status).toBe(401);
		const count = (await n8n.executions(workflowId)).length;
		expect((await post(triggerUrl, body, headersOf(replacement))).status).toBe(200);
		await n8n.waitForExecutionCount(workflowId, count + 1);
	});

	it('deletes every subscription when the workflow is unpublished', async () => {
		await n8n.unpublish(workflowId, [triggerUrl]);
		for (let waited = 0; (await fakeState()).subscriptions.length > 0 && waited < 10_000; waited += 200) await sleep(200);
		expect((await fakeState()).subscriptions).toEqual([]);
		expect(await heldIds(workflowId)).toEqual([]);
	});
});

describe('Azure DevOps node in a real n8n', () => {
	// n8n's own Webhook node listens on its path alone.
	const url = `${n8n.url}/webhook/azure-devops-bug`;
	let workflowId: string;
	const report = {
		title: 'Checkout fails with a saved card',
		steps: '<ol><li>Open the cart</li><li>Pay with the saved card</li></ol>',
		severity: '1 - Critical',
		testCaseLogUrl: 'https://cloud.uipath.com/acme/DefaultTenant/testmanager_/WEB/testcaselogs/7f1c',
	};

	beforeAll(async () => {
		// Other files (the Test Manager bridge) file Bugs in the same fake project: this one counts from zero.
		await control('/__fake/workItems/reset', {});
		workflowId = (await n8n.workflowByName('Azure DevOps: file a bug and report defect KPIs')).id;
		await n8n.publish(workflowId, [url]);
	});

	afterAll(async () => {
		await n8n.unpublish(workflowId, [url]);
	});

	it('creates, reads, triages and queries a bug, then answers with the defect KPIs', async () => {
		const before = (await n8n.executions(workflowId)).length;
		const response = await post(url, report, { 'X-Api-Key': E2E_SECRETS.azureDevOpsExampleKey });
		expect(response.status).toBe(200);
		expect(response.body).toMatchObject({ totalDefects: 1, criticalDefects: 1, moderateDefects: 0, openDefects: 1, closedDefects: 0 });
		expect(new URL(String(response.body?.criticalDefectsLink)).pathname).toBe(`/fabrikam/${PROJECT}/_queries/query/`);

		const [execution] = await n8n.waitForExecutionCount(workflowId, before + 1);
		expect(execution.status).toBe('success');
		const [created] = n8n.nodeOutput(execution, 'Create bug');
		expect(created).toMatchObject({
			id: 1,
			url: `${ORG}/_apis/wit/workItems/1`,
			htmlUrl: `${ORG}/Fabrikam%20Web/_workitems/edit/1`,
			fields: { 'System.Title': report.title, 'Microsoft.VSTS.Common.Severity': '1 - Critical', 'System.WorkItemType': 'Bug' },
		});
		expect(n8n.nodeOutput(execution, 'Get bug')[0].relations).toEqual([
			{ rel: 'Hyperlink', url: report.testCaseLogUrl, attributes: { comment: 'Test case log' } },
		]);
		expect(n8n.nodeOutput(execution, 'Triage bug')[0]).toMatchObject({ rev: 2, fields: { 'System.State': 'Active', 'System.Tags': 'from-n8n; triaged' } });
		expect(n8n.nodeOutput(execution, 'Open bugs').map((bug) => bug.id)).toEqual([1]);

		const state = await fakeState();
		expect(state.workItems[0].fields['Microsoft.VSTS.TCM.ReproSteps']).toBe(report.steps);
		expect(state.patchContentTypes.every((type) => type.startsWith('application/json-patch+json'))).toBe(true);
		expect(JSON.stringify(execution.data)).not.toContain(E2E_SECRETS.azureDevOpsPat);
	});

	it('counts a second, moderate bug on the next call', async () => {
		const second = await post(url, { ...report, title: 'Typo on the receipt', severity: '3 - Medium' }, { 'X-Api-Key': E2E_SECRETS.azureDevOpsExampleKey });
		expect(second.body).toMatchObject({ totalDefects: 2, criticalDefects: 1, moderateDefects: 1, openDefects: 2 });
	});

	it('refuses callers without the example key', async () => {
		const response = await post(url, report, { 'X-Api-Key': 'wrong' });
		expect(response.status).toBe(403);
	});

	it("fills the project and work item locators' lists: projects 100 per page, work items newest first by title or id", async () => {
		const list = async (parameter: string, method: string, more: { filter?: string; paginationToken?: string } = {}) =>
			await n8n.listSearch({ node: 'n8n-nodes-testops.azureDevOps', parameter, method, credential: ['azureDevOpsApi', 'Azure DevOps account'], ...more });
		const projects = await list('project', 'searchProjects');
		expect(projects.results).toHaveLength(100);
		expect(projects.results[0]).toEqual({ name: 'Fabrikam Web', value: PROJECT, url: `${ORG}/Fabrikam%20Web` });
		const rest = await list('project', 'searchProjects', { paginationToken: projects.paginationToken });
		expect(rest.results).toHaveLength(21);
		expect(rest.paginationToken).toBeUndefined();
		expect((await list('project', 'searchProjects', { filter: 'fabrikam' })).results.map((r) => r.value)).toEqual([PROJECT]);

		const items = await list('workItemId', 'searchWorkItems');
		expect(items.results.map((r) => r.value)).toEqual(['2', '1']);
		expect(items.results[1]).toEqual({ name: `Bug 1: ${report.title}`, value: '1', url: `${ORG}/Fabrikam%20Web/_workitems/edit/1` });
		expect((await list('workItemId', 'searchWorkItems', { filter: 'RECEIPT' })).results.map((r) => r.value)).toEqual(['2']);
		expect((await list('workItemId', 'searchWorkItems', { filter: '1' })).results.map((r) => r.value)).toEqual(['1']);
	});
});

describe('Azure DevOps Trigger URL check in a real n8n', () => {
	it('stops publication of a workflow whose webhook URL Azure DevOps would refuse, creating nothing', async () => {
		// The same fake organization, but with the test-only switch off, as every real credential has it.
		const credential = await n8n.api('POST', '/credentials', {
			name: 'Azure DevOps account (URL check on)',
			type: 'azureDevOpsApi',
			data: { organizationUrl: ORG, personalAccessToken: E2E_SECRETS.azureDevOpsPat, allowLocalWebhookUrls: false },
		});
		const workflow = await n8n.api('POST', '/workflows', {
			name: 'Azure DevOps: trigger behind a local URL',
			nodes: [
				{
					id: '9c3f1a2b-4d5e-4f60-8a7b-1c2d3e4f5a6b',
					name: 'Work item created',
					type: 'n8n-nodes-testops.azureDevOpsTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId: 'e5d4c3b2-a190-4f8e-9d7c-6b5a4f3e2d1c',
					parameters: { events: ['workitem.created'], project: PROJECT, filters: {}, additionalOptions: {} },
					credentials: { azureDevOpsApi: { id: credential.id, name: 'Azure DevOps account (URL check on)' } },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		});
		const before = (await fakeState()).subscriptions.length;
		// n8n 2.40 may answer the publish call before its triggers are set up: the refusal then shows as the
		// activation failing (rolled back, message in n8n's log) rather than as an error answer.
		const answer = await n8n.api('POST', `/workflows/${workflow.id}/activate`).then(
			() => undefined,
			(error: Error) => error.message,
		);
		const logged = () => readFileSync(state.logFile, 'utf8').includes("Azure DevOps would refuse this workflow's webhook URL");
		for (const deadline = Date.now() + 30_000; !answer && !logged(); await sleep(250)) {
			if (Date.now() > deadline) throw new Error('The activation neither failed nor logged the refusal');
		}
		if (answer) expect(answer).toMatch(/Azure DevOps would refuse this workflow's webhook URL/);
		expect((await fakeState()).subscriptions).toHaveLength(before);
	});
});

describe('Azure DevOps node errors in a real n8n', () => {
	const url = `${n8n.url}/webhook/azure-devops-wrong-token`;
	let workflowId: string;
	const wrongPat = 'e2e-wrong-pat-0000000000000000';

	beforeAll(async () => {
		const credential = await n8n.api('POST', '/credentials', {
			name: 'Azure DevOps account (revoked token)',
			type: 'azureDevOpsApi',
			data: { organizationUrl: ORG, personalAccessToken: wrongPat, allowLocalWebhookUrls: false },
		});
		const workflow = await n8n.api('POST', '/workflows', {
			name: 'Azure DevOps: read a work item with a revoked token',
			nodes: [
				{
					id: '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9',
					name: 'Call',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: '2a3b4c5d-6e7f-4081-9a2b-3c4d5e6f7a8b',
					parameters: { httpMethod: 'POST', path: 'azure-devops-wrong-token', responseMode: 'lastNode', options: {} },
				},
				{
					id: '3b4c5d6e-7f80-4192-a3b4-c5d6e7f8091a',
					name: 'Get work item',
					type: 'n8n-nodes-testops.azureDevOps',
					typeVersion: 1,
					position: [240, 0],
					parameters: { resource: 'workItem', operation: 'get', workItemId: 1 },
					credentials: { azureDevOpsApi: { id: credential.id, name: 'Azure DevOps account (revoked token)' } },
				},
			],
			connections: { Call: { main: [[{ node: 'Get work item', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		});
		workflowId = workflow.id;
		await n8n.publish(workflowId, [url]);
	});

	afterAll(async () => {
		await n8n.unpublish(workflowId, [url]);
	});

	it('fails the execution with advice about the token, and never shows the token', async () => {
		const before = (await n8n.executions(workflowId)).length;
		const response = await post(url, {}, {});
		expect(response.status).toBe(500);
		const [execution] = await n8n.waitForExecutionCount(workflowId, before + 1);
		expect(execution.status).toBe('error');
		expect(execution.data?.resultData.error?.message).toBe('Azure DevOps did not accept the credentials (HTTP 401) during GET /_apis/wit/workitems/1');
		expect(JSON.stringify(execution.data)).toMatch(/expired or been revoked/);
		expect(JSON.stringify(execution.data)).not.toContain(wrongPat);
		expect(JSON.stringify(response.body ?? {})).not.toContain(wrongPat);
	});
});

describe('Azure DevOps Trigger with the secret header only and a test notification, in a real n8n', () => {
	const webhookId = '4b8e2f61-93a7-4c5d-8e1f-2a3b4c5d6e7f';
	const url = n8n.webhookUrl(webhookId, 'azure-devops');
	let workflowId: string;

	beforeAll(async () => {
		// As Azure DevOps does: Basic credentials to a plain-HTTP URL are refused.
		await control('/__fake/mode', { refuseBasicOverHttp: true });
		const credential = await n8n.api('POST', '/credentials', {
			name: 'Azure DevOps account (plain HTTP consumer)',
			type: 'azureDevOpsApi',
			data: { organizationUrl: ORG, personalAccessToken: E2E_SECRETS.azureDevOpsPat, allowLocalWebhookUrls: true },
		});
		const workflow = await n8n.api('POST', '/workflows', {
			name: 'Azure DevOps: work items over plain HTTP',
			nodes: [
				{
					id: '5c9f3a72-a4b8-4d6e-9f20-3b4c5d6e7f80',
					name: 'Work item created',
					type: 'n8n-nodes-testops.azureDevOpsTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId,
					parameters: { events: ['workitem.created'], project: PROJECT, filters: {}, deliveryAuthentication: 'headerOnly', additionalOptions: { sendTestNotification: true } },
					credentials: { azureDevOpsApi: { id: credential.id, name: 'Azure DevOps account (plain HTTP consumer)' } },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		});
		workflowId = workflow.id;
		await n8n.publish(workflowId, [url]);
	});

	afterAll(async () => {
		await n8n.unpublish(workflowId, [url]).catch(() => undefined);
		await control('/__fake/mode', { refuseBasicOverHttp: false });
	});

	async function subscription(): Promise<Subscription> {
		for (const deadline = Date.now() + 30_000; ; await sleep(200)) {
			const found = (await fakeState()).subscriptions.find((s) => s.consumerInputs.url === url);
			if (found && (await heldIds(workflowId)).includes(found.id)) return found;
			if (Date.now() > deadline) throw new Error('The plain-HTTP subscription is not in place');
		}
	}

	it('subscribes without Basic credentials, tests the subscription through n8n, and starts no execution for the test', async () => {
		const created = await subscription();
		expect(created.consumerInputs).not.toHaveProperty('basicAuthUsername');
		expect(created.consumerInputs).not.toHaveProperty('basicAuthPassword');
		expect(created.consumerInputs.httpHeaders).toMatch(/^X-N8n-Webhook-Secret:[0-9a-f]{64}$/);
		const { testNotifications } = (await fakeState()) as FakeState & { testNotifications: Array<{ subscriptionId: string; status: string; result: string; details: { response?: string } }> };
		const tests = testNotifications.filter((test) => test.subscriptionId === created.id);
		expect(tests).toHaveLength(1);
		expect(tests[0]).toMatchObject({ status: 'completed', result: 'succeeded' });
		expect(tests[0].details.response).toContain('Test notification received; no execution started');
		expect(await n8n.executions(workflowId)).toHaveLength(0);
	});

	it('runs the workflow for a delivery with the secret header alone, and refuses one without it', async () => {
		const created = await subscription();
		const [, secret] = created.consumerInputs.httpHeaders.split(':');
		const body = { subscriptionId: created.id, notificationId: 1, id: 'f0f0f0f0-0000-4000-8000-000000000001', eventType: 'workitem.created', publisherId: 'tfs', resource: { id: 77 }, resourceContainers: { project: { id: PROJECT } } };
		expect(await post(url, body, { 'X-N8n-Webhook-Secret': '0'.repeat(64) })).toEqual({ status: 401, body: { message: 'Unauthorized' } });
		expect(await post(url, body, {})).toEqual({ status: 401, body: { message: 'Unauthorized' } });
		expect(await n8n.executions(workflowId)).toHaveLength(0);
		expect(await post(url, body, { 'X-N8n-Webhook-Secret': secret })).toEqual({ status: 200, body: { message: 'Workflow was started' } });
		const [execution] = await n8n.waitForExecutionCount(workflowId, 1);
		expect(n8n.nodeOutput(execution, 'Work item created')[0]).toMatchObject({ eventType: 'workitem.created', resourceId: '77' });
	});
});
