import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { E2E_SECRETS } from '../../dev/credentials';
import { AZURE_DEVOPS_FAKE } from '../../dev/fakes/azureDevOps';
import { post } from '../../dev/http';
import type { Execution } from '../../dev/n8nClient';
import { azureDevOpsDelivery, azureDevOpsHeaders, testanyNotification } from '../../dev/samples';
import { queueStack, waitUntil } from './helpers';

/**
 * What a crash loses in queue mode (docs/operations.md, "When things fail"), measured on the queue suite's stack with
 * n8n's default queue settings: the worker is killed with SIGKILL while it runs accepted deliveries, and a
 * webhook process right after it answered 200 or while it holds a delivery acknowledged after the run; each is
 * started again. For the Azure DevOps and Testany triggers, answered on receipt and after the run (whose
 * sender retries). Every workflow is its trigger, then a Wait of RUN_SECONDS, which the crash cuts off.
 */
jest.setTimeout(360_000);

const { n8n, fakeUrl, viaProcess, crash, restart, queue } = queueStack();
const ADO = fakeUrl('azureDevOps');
const RUN_SECONDS = 10;
const STARTED = { status: 200, body: { message: 'Workflow was started' } };
const CUT_OFF = /ECONNRESET|UND_ERR_SOCKET|other side closed|fetch failed/;
/** Wide: the machine running the suite may be busy. */
const WAIT_MS = 120_000;

type Kind = 'adoOnReceipt' | 'adoAfterRun' | 'testanyOnReceipt' | 'testanyAfterRun';
const KINDS: Kind[] = ['adoOnReceipt', 'adoAfterRun', 'testanyOnReceipt', 'testanyAfterRun'];
const webhookIds = Object.fromEntries(KINDS.map((kind) => [kind, randomUUID()])) as Record<Kind, string>;
const workflowIds = {} as Record<Kind, string>;
const isAdo = (kind: Kind) => kind.startsWith('ado');
const afterRun = (kind: Kind) => kind.endsWith('AfterRun');

/** Where a sender delivers: through the balancer, or straight to webhook process `index`. */
function target(kind: Kind, index?: number): string {
	const path = isAdo(kind) ? 'azure-devops' : 'testany';
	const url = index === undefined ? n8n.webhookUrl(webhookIds[kind], path) : viaProcess(index, webhookIds[kind], path);
	return isAdo(kind) ? url : `${url}?token=${E2E_SECRETS.testanyToken}`;
}

interface Subscription {
	id: string;
	consumerInputs: Record<string, string>;
}
const subscriptionOf = async (kind: Kind): Promise<Subscription | undefined> =>
	((await (await fetch(`${ADO}/__fake/state`)).json()) as { subscriptions: Subscription[] }).subscriptions.find(
		(s) => s.consumerInputs.url === target(kind),
	);

/** One event as its sender sends it, marked so that its executions can be found. */
interface Delivery {
	kind: Kind;
	marker: string;
	body: unknown;
	headers: Record<string, string>;
}
let notificationId = 7000;
async function delivery(kind: Kind): Promise<Delivery> {
	const marker = `fault-${randomUUID()}`;
	if (!isAdo(kind)) return { kind, marker, body: testanyNotification(marker), headers: {} };
	const subscription = (await subscriptionOf(kind))!;
	const body = azureDevOpsDelivery('workitem.updated', { organizationUrl: `${ADO}/fabrikam`, subscriptionId: subscription.id, notificationId: notificationId++, text: marker });
	return { kind, marker, body, headers: azureDevOpsHeaders(subscription.consumerInputs) };
}

/** What the sender sees of one attempt: the status and how long it waited, or the error of a cut connection. */
type Seen = { status: number; body: string; seconds: number } | { error: string; seconds: number };
async function send(one: Delivery, index?: number): Promise<Seen> {
	const started = Date.now();
	const seconds = () => (Date.now() - started) / 1000;
	const headers = { 'content-type': 'application/json', ...one.headers };
	return await fetch(target(one.kind, index), { method: 'POST', headers, body: JSON.stringify(one.body) }).then(
		async (reply) => ({ status: reply.status, body: await reply.text(), seconds: seconds() }),
		(error: Error) => ({ error: String((error.cause as { code?: string } | undefined)?.code ?? error.message), seconds: seconds() }),
	);
}

/** Every execution of the delivery's workflow that carries the delivery, whatever its state. */
async function executionsOf(one: Delivery): Promise<Execution[]> {
	return (await n8n.executions(workflowIds[one.kind])).filter((execution) => JSON.stringify(execution.data ?? {}).includes(one.marker));
}
const statuses = async (one: Delivery) => (await executionsOf(one)).map((execution) => execution.status).sort();
const workerStarted = (id: string) => readFileSync(queue.workerLogFile, 'utf8').includes(`Worker started execution ${id} `);

/** Waits until each delivery has an execution that the worker started; returns their ids. */
async function runningOnWorker(deliveries: Delivery[]): Promise<string[]> {
	return await waitUntil(
		async () => await Promise.all(deliveries.map(async (one) => (await executionsOf(one)).at(0)?.id ?? '')),
		(ids) => ids.every((id) => id !== '' && workerStarted(id)),
		'the runs on the worker',
		WAIT_MS,
	);
}

async function createWorkflow(kind: Kind) {
	const credential = (type: string, name: string) => ({ [type]: { id: credentialIds.get(name), name } });
	const additionalOptions = afterRun(kind) ? { acknowledge: 'lastNode' } : {};
	const trigger = isAdo(kind)
		? {
				name: 'Trigger',
				type: 'n8n-nodes-testops.azureDevOpsTrigger',
				parameters: { events: ['workitem.updated'], project: AZURE_DEVOPS_FAKE.project.id, filters: {}, additionalOptions },
				credentials: credential('azureDevOpsApi', 'Azure DevOps account'),
			}
		: {
				name: 'Trigger',
				type: 'n8n-nodes-testops.testanyTrigger',
				parameters: { triggerMethods: ['plan'], output: 'notification', result: 'any', additionalOptions },
				credentials: credential('testanyWebhookApi', 'Testany webhook token'),
			};
	const nodes = [
		{ ...trigger, id: randomUUID(), typeVersion: 1, position: [0, 0], webhookId: webhookIds[kind] },
		{ id: randomUUID(), name: 'Wait', type: 'n8n-nodes-base.wait', typeVersion: 1.1, position: [200, 0], webhookId: randomUUID(), parameters: { amount: RUN_SECONDS, unit: 'seconds' } },
	];
	const connections = { Trigger: { main: [[{ node: 'Wait', type: 'main', index: 0 }]] } };
	const created: { id: string } = await n8n.api('POST', '/workflows', { name: `Queue fault: ${kind}`, nodes, connections, settings: { executionOrder: 'v1' } });
	workflowIds[kind] = created.id;
}

let credentialIds: Map<string, string>;

/** What happened, recorded by beforeAll and checked by the tests. */
const worker = {} as {
	runs: Record<Kind, Delivery>;
	/** The executions the crash cut off, by kind. */
	cutOff: Record<Kind, string>;
	/** A delivery that arrived while no worker ran, and the state of its execution then. */
	whileDown: Delivery;
	statusWhileDown: string[];
	/** What the senders acknowledged after the run saw: a retry while n8n still held the first, the answer, the retry after it. */
	retriesWhileHeld: Partial<Record<Kind, Seen>>;
	answers: Partial<Record<Kind, Seen>>;
	retries: Partial<Record<Kind, Seen>>;
	crashedAt: number;
	/** When the restarted worker was ready again. */
	backAt: number;
};
const webhook = {} as {
	runs: Record<Kind, Delivery>;
	answers: Partial<Record<Kind, Seen>>;
	retries: Partial<Record<Kind, Seen>>;
};

beforeAll(async () => {
	credentialIds = await n8n.credentialIds();
	for (const kind of KINDS) await createWorkflow(kind);
	for (const kind of KINDS) await n8n.publish(workflowIds[kind], [target(kind)]);
	for (const kind of KINDS.filter(isAdo)) {
		// Registered once Azure DevOps holds the subscription and n8n has saved its record.
		await waitUntil(
			async () => {
				const subscription = await subscriptionOf(kind);
				const stored = JSON.stringify((await n8n.api('GET', `/workflows/${workflowIds[kind]}`)).staticData ?? {});
				return Boolean(subscription && stored.includes(subscription.id));
			},
			Boolean,
			`the ${kind} subscription`,
		);
	}

	// 1. The worker dies while it runs one delivery of each kind, received by webhook process 2 (process 1
	// dies later: the process that received a delivery is the one that learns how its job ended).
	worker.runs = Object.fromEntries(await Promise.all(KINDS.map(async (kind) => [kind, await delivery(kind)]))) as Record<Kind, Delivery>;
	const pending: Partial<Record<Kind, Promise<Seen>>> = {};
	for (const kind of KINDS) {
		if (afterRun(kind)) pending[kind] = send(worker.runs[kind], 1);
		else expect(await post(target(kind, 1), worker.runs[kind].body, worker.runs[kind].headers)).toEqual(STARTED);
	}
	const ids = await runningOnWorker(KINDS.map((kind) => worker.runs[kind]));
	worker.cutOff = Object.fromEntries(KINDS.map((kind, index) => [kind, ids[index]])) as Record<Kind, string>;
	await crash('worker');
	worker.crashedAt = Date.now();

	// While no worker runs, a delivery is answered and its job waits in Redis.
	worker.whileDown = await delivery('adoOnReceipt');
	expect(await post(target('adoOnReceipt', 1), worker.whileDown.body, worker.whileDown.headers)).toEqual(STARTED);
	worker.statusWhileDown = await statuses(worker.whileDown);
	// A sender that gives up waiting retries before n8n gives the first attempt up (no worker runs to do it
	// yet), to the process holding it.
	const [adoHeld, testanyHeld] = await Promise.all([send(worker.runs.adoAfterRun, 1), send(worker.runs.testanyAfterRun, 1)]);
	worker.retriesWhileHeld = { adoAfterRun: adoHeld, testanyAfterRun: testanyHeld };
	await restart('worker');
	worker.backAt = Date.now();

	// 2. With the worker back: webhook process 1 dies right after answering 200, and while it holds deliveries
	// acknowledged after the run. The senders go to it directly, so that the crash hits what it holds.
	webhook.runs = Object.fromEntries(await Promise.all(KINDS.map(async (kind) => [kind, await delivery(kind)]))) as Record<Kind, Delivery>;
	const held: Partial<Record<Kind, Promise<Seen>>> = {};
	for (const kind of KINDS) {
		if (afterRun(kind)) held[kind] = send(webhook.runs[kind], 0);
		else expect(await post(target(kind, 0), webhook.runs[kind].body, webhook.runs[kind].headers)).toEqual(STARTED);
	}
	await runningOnWorker(KINDS.filter(afterRun).map((kind) => webhook.runs[kind]));
	await crash('webhook-1');
	const webhookBack = restart('webhook-1');
	webhook.answers = { adoAfterRun: await held.adoAfterRun, testanyAfterRun: await held.testanyAfterRun };
	// The senders retry; the balancer would send the retry to the other process, as here.
	const [adoRetry, testanyRetry] = await Promise.all([send(webhook.runs.adoAfterRun, 1), send(webhook.runs.testanyAfterRun, 1)]);
	webhook.retries = { adoAfterRun: adoRetry, testanyAfterRun: testanyRetry };

	// Back to the worker's crash: n8n gives its jobs up once their lock has expired, and answers the senders.
	worker.answers = { adoAfterRun: await pending.adoAfterRun, testanyAfterRun: await pending.testanyAfterRun };
	const after = (since: number) => Math.round((Date.now() - since) / 1000);
	process.stdout.write(
		`\nqueue faults: the senders held across the worker's crash were answered ${after(worker.crashedAt)} s after it, ` +
			`${after(worker.backAt)} s after the worker was ready again: ${JSON.stringify(worker.answers)}\n`,
	);
	const [adoAgain, testanyAgain] = await Promise.all([send(worker.runs.adoAfterRun, 1), send(worker.runs.testanyAfterRun, 1)]);
	worker.retries = { adoAfterRun: adoAgain, testanyAfterRun: testanyAgain };
	await webhookBack;
}, 360_000);

afterAll(async () => {
	for (const kind of KINDS) if (workflowIds[kind]) await n8n.unpublish(workflowIds[kind], [target(kind)]).catch(() => undefined);
});

/** The final state of an execution: n8n may mark it crashed first and failed later. */
async function finalStatus(id: string): Promise<Execution> {
	return await waitUntil(
		async () => (await n8n.api('GET', `/executions/${id}?includeData=true`)) as Execution,
		(execution) => execution.status === 'error',
		`execution ${id} to be failed`,
		WAIT_MS,
	);
}

describe('a worker killed while it runs accepted deliveries', () => {
	it('answered on receipt: the event is lost; its execution is marked failed without the delivery, and nothing runs it again', async () => {
		for (const kind of ['adoOnReceipt', 'testanyOnReceipt'] as const) {
			const execution = await finalStatus(worker.cutOff[kind]);
			expect(execution.finished).toBe(false);
			const data = execution.data as { resultData: { error?: { message?: string }; runData: object } };
			expect(data.resultData.error?.message).toMatch(/failed to be processed too many times/);
			expect(data.resultData.runData).toEqual({});
			// n8n replaced the execution's data with the error: the delivery is no longer in n8n at all.
			expect(JSON.stringify(execution)).not.toContain(worker.runs[kind].marker);
			expect(await statuses(worker.runs[kind])).toEqual([]);
		}
	});

	it('a delivery that arrives while no worker runs waits in Redis and runs once a worker is back', async () => {
		expect(worker.statusWhileDown).toEqual(['new']);
		await waitUntil(async () => await statuses(worker.whileDown), (found) => found.join() === 'success', 'the waiting job to run', WAIT_MS);
	});

	it.each(['adoAfterRun', 'testanyAfterRun'] as const)('%s: a retry meanwhile is answered 503; the sender is answered 500 once n8n gives the job up, and its retry runs the event', async (kind) => {
		expect(worker.retriesWhileHeld[kind]).toMatchObject({ status: 503, body: expect.stringContaining('still running') });
		expect(worker.answers[kind]).toMatchObject({ status: 500, body: '{"message":"Error in workflow"}' });
		// n8n gives a job up when its lock (60 s) has expired and a stalled check (every 30 s) finds it.
		expect(worker.answers[kind]!.seconds).toBeGreaterThan(55);
		expect(worker.retries[kind]).toMatchObject({ status: 200, body: '' });
		expect(worker.retries[kind]!.seconds).toBeGreaterThanOrEqual(RUN_SECONDS - 1); // answered after the run
		await finalStatus(worker.cutOff[kind]);
		expect(await statuses(worker.runs[kind])).toEqual(['success']);
	});
});

describe('a webhook process killed', () => {
	it('right after answering 200: nothing is lost, the worker runs the execution', async () => {
		for (const kind of ['adoOnReceipt', 'testanyOnReceipt'] as const) {
			await waitUntil(async () => await statuses(webhook.runs[kind]), (found) => found.join() === 'success', `the ${kind} run`, WAIT_MS);
		}
	});

	it.each(['adoAfterRun', 'testanyAfterRun'] as const)(
		'%s, while holding the delivery: the sender sees the connection cut, the worker still runs it, and the retry through the other process runs it again',
		async (kind) => {
			expect(webhook.answers[kind]).toEqual({ error: expect.stringMatching(CUT_OFF), seconds: expect.any(Number) });
			expect(webhook.retries[kind]).toMatchObject({ status: 200, body: '' });
			const found = await waitUntil(
				async () => await statuses(webhook.runs[kind]),
				(list) => list.length === 2 && list.every((s) => s !== 'running' && s !== 'new'),
				`both ${kind} runs`,
				WAIT_MS,
			);
			expect(found).toEqual(['success', 'success']);
		},
	);

	it('is back behind the balancer after its restart', async () => {
		expect((await post(viaProcess(0, webhookIds.testanyOnReceipt, 'testany'), '{}')).status).toBe(401);
	});
});
