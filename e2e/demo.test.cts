import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { E2E_SECRETS, saveLocalSecrets } from '../dev/credentials';
import { TEST_MANAGER_FAKE } from '../dev/fakes/testManager';
import { POLLING_SAMPLES, SAMPLES, listeningProbes, publishDemo, samplesFor, type DemoWebhook } from '../dev/demo';
import { exampleNames } from '../dev/stack';
import { sendSampleCommand } from '../scripts/send-sample';
import { TEST_MANAGER_ANSWERS } from './exampleAnswers';
import { e2eContext } from './harness/context';

/**
 * The newcomer's path of the README: `npm start` (the demo: every example published) and then
 * `npm run send-sample -- <sample>` for each sample, through the same code as those commands (dev/demo.js
 * `publishDemo`, scripts/send-sample.js `sendSampleCommand`), on the suite's n8n and fakes.
 */
const { n8n, state } = e2eContext();
jest.setTimeout(180_000);

/** What each sample's example answers: the triggers that answer on receipt, or the workflow's own answer. */
const ANSWERS: Record<string, (body: any) => void> = {
	'test-manager-create-defect': (body) => expect(body).toEqual(TEST_MANAGER_ANSWERS.createdDefect),
	'test-manager-kpis': (body) => expect(body).toEqual(TEST_MANAGER_ANSWERS.defectKpis(TEST_MANAGER_FAKE.PROJECT_ID)),
};
const started = (body: any) => expect(body).toEqual({ message: 'Workflow was started' });

/** Runs `npm run send-sample -- ...args` against the demo in `folder`; returns its exit code and report. */
async function sendSample(folder: string, args: string[]) {
	const written: string[] = [];
	const code = await sendSampleCommand(args, { folder, write: (text) => written.push(text) });
	const report = written.join('');
	const answered = /^Answer: HTTP (\d+)\n(?:([\s\S]*?)\n)?\nThe execution: (\S+)$/m.exec(report);
	return { code, report, status: Number(answered?.[1]), body: answered?.[2] ? JSON.parse(answered[2]) : undefined, executionsUrl: answered?.[3] };
}

describe('npm start, then npm run send-sample -- <each sample>', () => {
	let folder: string;
	let demo: Awaited<ReturnType<typeof publishDemo>>;

	beforeAll(async () => {
		folder = mkdtempSync(join(tmpdir(), 'n8n-nodes-testops-demo-'));
		// npm start keeps the secrets its credentials hold in its folder; the suite's credentials hold these.
		saveLocalSecrets(folder, { ...E2E_SECRETS });
		demo = await publishDemo(n8n, { folder, n8nUrl: n8n.url, fakes: state.fakes });
		expect(demo.registered).toBe(true);
	});

	afterAll(async () => {
		for (const workflow of demo?.workflows ?? []) {
			const probes = demo.webhooks.filter((webhook) => webhook.workflowId === workflow.id).flatMap(listeningProbes);
			await n8n.unpublish(workflow.id, probes);
		}
		// Unpublishing finishes in the background: leave no registration behind for the next test file.
		for (const webhook of demo?.webhooks ?? []) {
			for (const { name } of samplesFor(webhook)) {
				const { registration } = SAMPLES[name];
				for (const deadline = Date.now() + 15_000; registration && (await registration(webhook, state.fakes)) && Date.now() < deadline; ) {
					await new Promise((resolve) => setTimeout(resolve, 200));
				}
			}
		}
		if (folder) rmSync(folder, { recursive: true, force: true });
	});

	it('npm start publishes every example workflow', async () => {
		expect(demo.workflows.map((workflow) => workflow.name).sort()).toEqual([...exampleNames()].sort());
		const { data } = (await n8n.api('GET', '/workflows?limit=250')) as { data: Array<{ id: string; active: boolean }> };
		const active = new Set(data.filter((workflow) => workflow.active).map((workflow) => workflow.id));
		expect(demo.workflows.filter((workflow) => !active.has(workflow.id)).map((workflow) => workflow.name)).toEqual([]);
	});

	it('npm run send-sample without a name lists every sample', async () => {
		const { code, report } = await sendSample(folder, []);
		expect(code).toBe(0);
		for (const name of [...Object.keys(SAMPLES), ...Object.keys(POLLING_SAMPLES)]) expect(report).toContain(`- ${name}: `);
	});

	// The polling examples read their change at their next poll (within a minute): the changes are made here and
	// their executions awaited last, so that the webhook samples run meanwhile.
	/** The id of the bug each polling sample created (TAPD answers `made`, Azure DevOps `created`). */
	const polledBugs = new Map<string, string>();
	it.each(Object.keys(POLLING_SAMPLES))('npm run send-sample -- %s makes a change in the fake service', async (name) => {
		const poller = demo.pollers.find((candidate) => candidate.workflow === POLLING_SAMPLES[name].workflow);
		expect(poller).toBeDefined();
		const { code, status, report, body, executionsUrl } = await sendSample(folder, [name]);
		expect({ code, status }).toEqual({ code: 0, status: 200 });
		expect(report).toContain(`a change for "${poller!.node}" of "${poller!.workflow}"`);
		expect(executionsUrl).toBe(`${n8n.url}/workflow/${poller!.workflowId}/executions`);
		polledBugs.set(name, String(body.made?.[0]?.id ?? body.created?.[0]));
	});

	it.each(Object.keys(SAMPLES))('npm run send-sample -- %s starts one execution of its example', async (name) => {
		const webhook = demo.webhooks.find((candidate) => candidate.workflow === SAMPLES[name].workflow) as DemoWebhook;
		expect(samplesFor(webhook).map((sample) => sample.name)).toContain(name);
		const before = (await n8n.executions(webhook.workflowId)).length;

		const { code, report, status, body, executionsUrl } = await sendSample(folder, [name]);

		expect({ status, code }).toEqual({ status: 200, code: 0 });
		(ANSWERS[name] ?? started)(body);
		expect(report).toContain(`to "${webhook.node}" of "${webhook.workflow}"`);
		expect(report.split('\n')[0].split(' ')[1].startsWith(webhook.url)).toBe(true);
		expect(executionsUrl).toBe(`${n8n.url}/workflow/${webhook.workflowId}/executions`);
		const [execution] = await n8n.waitForExecutionCount(webhook.workflowId, before + 1);
		expect(execution.status).toBe('success');
	});

	it('the polling examples each emit their change at their next poll (n8n polls once a minute)', async () => {
		const emitted = await Promise.all(
			Object.entries(POLLING_SAMPLES).map(async ([name, sample]) => {
				const poller = demo.pollers.find((candidate) => candidate.workflow === sample.workflow)!;
				const bug = polledBugs.get(name);
				for (const deadline = Date.now() + 90_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 1000))) {
					const executions = await n8n.executions(poller.workflowId);
					const found = executions.find((execution) =>
						(execution.data?.resultData.runData[poller.node] ?? []).some((run: any) =>
							(run.data?.main[0] ?? []).some((item: any) => String(item.json.id ?? item.json.resourceId) === bug),
						),
					);
					if (found) return { name, status: found.status };
				}
				return { name, status: 'not emitted within 90 s' };
			}),
		);
		expect(emitted).toEqual(Object.keys(POLLING_SAMPLES).map((name) => ({ name, status: 'success' })));
	});

	it('npm run send-sample -- test-manager-kpis <URL>, to each UiPath Test Manager Trigger that answers Defect KPIs', async () => {
		const answering = demo.webhooks.filter((webhook) => samplesFor(webhook).some((sample) => sample.name === 'test-manager-kpis'));
		// The KPI example, TAPD's and the Azure DevOps bridge: each answers its own request.
		expect(answering).toHaveLength(3);
		for (const webhook of answering) {
			const before = (await n8n.executions(webhook.workflowId)).length;
			const { code, status, body } = await sendSample(folder, ['test-manager-kpis', webhook.url]);
			expect({ code, status }).toEqual({ code: 0, status: 200 });
			expect(body).toMatchObject({ totalDefects: expect.any(Number), status: 'Success' });
			const [execution] = await n8n.waitForExecutionCount(webhook.workflowId, before + 1);
			expect(n8n.nodeOutput(execution, webhook.node)[0]).toMatchObject({ event: 'defectKpi', projectId: TEST_MANAGER_FAKE.PROJECT_ID });
		}
	});
});
