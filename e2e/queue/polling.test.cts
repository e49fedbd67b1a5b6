import { emittedItems, everySeconds, pollingFakes, pollingWorkflow, tally } from '../polling';
import { queueStack, sleep, waitUntil } from './helpers';

/**
 * The polling triggers in n8n's queue mode: only the main runs polls, once per interval for the whole set of
 * processes (two webhook processes and a worker would poll three more times if they ran them), and the
 * executions run on the worker; each change is emitted once.
 */
jest.setTimeout(120_000);

const { n8n, fakeUrl, ranOnWorker } = queueStack();
const fakes = pollingFakes(fakeUrl('azureDevOps'), fakeUrl('tapd'));

describe('polling triggers in queue mode', () => {
	const ids = { ado: '', tapd: '' };

	beforeAll(async () => {
		const credentials = await n8n.credentialIds();
		const poll = everySeconds(10);
		for (const [key, workflow] of [
			['ado', pollingWorkflow('Queue polling: Azure DevOps', 'azureDevOpsPollingTrigger', { events: ['workitem.created'], startFrom: 'now', filters: {}, options: {}, pollTimes: poll }, credentials.get('Azure DevOps account') ?? '')],
			['tapd', pollingWorkflow('Queue polling: TAPD', 'tapdPollingTrigger', { events: ['task::create'], startFrom: 'now', options: {}, pollTimes: poll }, credentials.get('TAPD account') ?? '')],
		] as const) {
			ids[key] = ((await n8n.api('POST', '/workflows', workflow)) as { id: string }).id;
			await n8n.api('POST', `/workflows/${ids[key]}/activate`);
		}
		for (const id of Object.values(ids)) {
			await waitUntil(async () => JSON.stringify(((await n8n.api('GET', `/workflows/${id}`)) as { staticData?: unknown }).staticData ?? {}), (data) => data.includes('watermark'), `the watermark of ${id}`);
		}
		await sleep(1100); // TAPD's times have whole seconds
	});

	afterAll(async () => {
		for (const id of Object.values(ids)) if (id) await n8n.api('POST', `/workflows/${id}/deactivate`);
		await fakes.azureDevOps.reset();
		await fakes.tapd.reset();
	});

	it('polls once per interval for the whole cluster and emits each change once, run by the worker', async () => {
		const [adoBefore, tapdBefore] = await Promise.all([fakes.azureDevOps.state(), fakes.tapd.state()]);
		await sleep(30_000);
		const [adoAfter, tapdAfter] = await Promise.all([fakes.azureDevOps.state(), fakes.tapd.state()]);
		// Every 10 s: three polls in 30 s (four when the window straddles one), not three or four times as many.
		expect([3, 4]).toContain(adoAfter.revisionRequests - adoBefore.revisionRequests);
		expect([3, 4]).toContain(tapdAfter.listRequests.tasks - tapdBefore.listRequests.tasks);

		const { created } = await fakes.azureDevOps.workItems({ create: 30 });
		const tasks = await fakes.tapd.changes({ object: 'task', create: 30 });
		const ado = await waitUntil(async () => await emittedItems(n8n, ids.ado), (items) => items.length >= 30, 'the Azure DevOps changes', 60_000);
		const tapd = await waitUntil(async () => await emittedItems(n8n, ids.tapd), (items) => items.length >= 30, 'the TAPD changes', 60_000);
		await sleep(12_000);
		expect(tally(await emittedItems(n8n, ids.ado))).toEqual({ distinct: 30, twice: [] });
		expect(tally(await emittedItems(n8n, ids.tapd))).toEqual({ distinct: 30, twice: [] });
		expect(ado.map((item) => item.resourceId).sort()).toEqual(created.map(String).sort());
		expect(tapd.map((item) => item.id).sort()).toEqual(tasks.map((task) => task.id).sort());
		const executions = [...(await n8n.executions(ids.ado)), ...(await n8n.executions(ids.tapd))];
		expect(executions.length).toBeGreaterThan(0);
		for (const execution of executions) expect(ranOnWorker(execution)).toBe(true);
	});
});
