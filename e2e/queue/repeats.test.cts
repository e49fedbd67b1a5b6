import { E2E_SECRETS } from '../../dev/credentials';
import type { Execution } from '../../dev/n8nClient';
import { post } from '../../dev/http';
import { queueStack } from './helpers';

/**
 * Repeats across webhook processes. Each webhook process remembers only the deliveries it accepted (n8n
 * offers a webhook no shared check-and-set: docs/n8n.md, "Queue mode"), so a sender's retry that reaches the
 * other process starts a second execution. These tests measure that and prove the downstream remedy of
 * examples/testany-dedupe-across-processes.json: Remove Duplicates keyed on the trigger's `dedupe_key`.
 */
jest.setTimeout(180_000);

const { n8n, viaProcess, webhookIdOf } = queueStack();
const WORKFLOW = 'Testany: one run per notification across webhook processes';
const REPEAT = { status: 200, body: { message: 'Accepted; a repeat of a delivery already received' } };
const STARTED = { status: 200, body: { message: 'Workflow was started' } };

let workflowId: string;
let webhookId: string;

const notification = (executionKey: string) =>
	JSON.stringify({
		name: 'nightly',
		status: 2,
		trigger_key: 'P-DEDUPE-1',
		trigger_method: 'plan',
		pipelines: [{ name: 'checkout', status: 2, key: 'K-1', execution_key: executionKey, cases: [{ name: 'pay', status: 2 }] }],
	});
const deliver = async (url: string, executionKey: string) =>
	await post(`${url}?token=${E2E_SECRETS.testanyToken}`, notification(executionKey));
const onProcess = (index: number) => viaProcess(index, webhookId, 'testany');

const FINISHED = new Set(['success', 'error', 'canceled', 'crashed']);
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until no execution of the workflow is pending and at least `count` of this run's have finished;
 * returns this run's executions by the execution key they were started for.
 */
async function settled(prefix: string, count: number): Promise<Map<string, Execution[]>> {
	for (const deadline = Date.now() + 60_000; ; await sleep(200)) {
		if (Date.now() > deadline) throw new Error(`Executions of ${prefix} did not finish`);
		// Statuses first (cheap), the executions' data once nothing is pending.
		const { data: statuses } = (await n8n.api('GET', `/executions?workflowId=${workflowId}&limit=250`)) as { data: Execution[] };
		if (statuses.some((execution) => !FINISHED.has(execution.status))) continue;
		const byKey = new Map<string, Execution[]>();
		for (const execution of await n8n.executions(workflowId)) {
			const key = String(execution.data?.resultData.runData['Testany Trigger']?.[0]?.data?.main[0]?.[0]?.json.pipelines?.[0]?.execution_key);
			if (key.startsWith(prefix)) byKey.set(key, [...(byKey.get(key) ?? []), execution]);
		}
		if ([...byKey.values()].flat().length >= count) return byKey;
	}
}

/** How many executions got past Remove Duplicates (the Report node ran). */
const reported = (executions: Execution[]) => executions.filter((execution) => execution.data?.resultData.runData.Report).length;

beforeAll(async () => {
	workflowId = (await n8n.workflowByName(WORKFLOW)).id;
	webhookId = await webhookIdOf(workflowId, 'Testany Trigger');
	await n8n.publish(workflowId, [n8n.webhookUrl(webhookId, 'testany')]);
});

afterAll(async () => {
	await n8n.unpublish(workflowId, [n8n.webhookUrl(webhookId, 'testany')]);
});

it('starts one execution per process a retry reaches; Remove Duplicates on dedupe_key lets one through', async () => {
	expect(await deliver(onProcess(0), 'ALT-1')).toEqual(STARTED);
	await settled('ALT-1', 1);
	// Retries as Testany sends them, after the first answer: each process suppresses what it accepted itself.
	expect(await deliver(onProcess(1), 'ALT-1')).toEqual(STARTED);
	expect(await deliver(onProcess(0), 'ALT-1')).toEqual(REPEAT);
	expect(await deliver(onProcess(1), 'ALT-1')).toEqual(REPEAT);

	const [executions] = [...(await settled('ALT-1', 2)).values()];
	expect(executions).toHaveLength(2);
	const keys = executions.map((execution) => n8n.nodeOutput(execution, 'Testany Trigger')[0].dedupe_key);
	expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
	expect(keys[1]).toBe(keys[0]);
	expect(reported(executions)).toBe(1);
});

it('measures duplicates when retries alternate between the two webhook processes', async () => {
	// Testany retries after its 15 s timeout: by then the first execution has run.
	const notifications = 10;
	const retries = 3;
	for (let i = 0; i < notifications; i++) {
		await deliver(onProcess(0), `MEASURE-ALT-${i}`);
		await settled(`MEASURE-ALT-${i}`, 1);
		for (let attempt = 1; attempt <= retries; attempt++) await deliver(onProcess(attempt % 2), `MEASURE-ALT-${i}`);
	}
	const byKey = await settled('MEASURE-ALT-', 2 * notifications);
	const executions = [...byKey.values()];
	const duplicates = executions.reduce((sum, runs) => sum + runs.length - 1, 0);
	process.stdout.write(
		`\n[queue] ${notifications} notifications x (1 + ${retries} retries), alternating webhook processes: ` +
			`${duplicates} duplicate executions (${Math.round((100 * duplicates) / notifications)}% of notifications), ` +
			`${executions.reduce((sum, runs) => sum + reported(runs), 0)} past Remove Duplicates\n`,
	);
	// Exactly one execution per process that saw the notification, and Remove Duplicates keeps one of each.
	expect(executions.every((runs) => runs.length === 2)).toBe(true);
	expect(executions.every((runs) => reported(runs) === 1)).toBe(true);
});

it('measures duplicates for retries through the round-robin balancer, with other traffic in between', async () => {
	// Each notification's first attempt and one retry, in a shuffled order with the others (a fixed shuffle,
	// so that the run is repeatable): whether a retry reaches the other process depends on the traffic.
	const notifications = 20;
	const order = Array.from({ length: notifications }, (_, i) => [i, i]).flat();
	let seed = 7;
	for (let i = order.length - 1; i > 0; i--) {
		seed = (seed * 48271) % 2147483647;
		const j = seed % (i + 1);
		[order[i], order[j]] = [order[j], order[i]];
	}
	for (const i of order) await deliver(n8n.webhookUrl(webhookId, 'testany'), `MEASURE-RR-${i}`);
	await sleep(1000); // every duplicate is queued by now
	const byKey = await settled('MEASURE-RR-', notifications);
	const executions = [...byKey.values()];
	const duplicates = executions.reduce((sum, runs) => sum + runs.length - 1, 0);
	process.stdout.write(
		`[queue] ${notifications} notifications x (1 + 1 retry), shuffled through the balancer: ` +
			`${duplicates} duplicate executions (${Math.round((100 * duplicates) / notifications)}%), ` +
			`${executions.reduce((sum, runs) => sum + reported(runs), 0)} past Remove Duplicates\n`,
	);
	expect(byKey.size).toBe(notifications);
	// A retry sent right behind the first attempt may run beside it on the worker, where Remove Duplicates'
	// check-and-record is not atomic either: at least one gets through, rarely both (docs/operations.md, "Running at scale").
	expect(executions.every((runs) => runs.length <= 2 && reported(runs) >= 1)).toBe(true);
});
