import { E2E_SECRETS } from '../dev/credentials';
import { TEST_MANAGER_FAKE } from '../dev/fakes/testManager';
import { SAMPLES, samplesFor, sendSample, triggerWebhooks, waitForRegistrations, type DemoState, type DemoWebhook } from '../dev/demo';
import { testManagerKpiUrl } from '../dev/samples';
import { exampleNames } from '../dev/stack';
import { TEST_MANAGER_ANSWERS } from './exampleAnswers';
import { e2eContext } from './harness/context';

const { n8n, state } = e2eContext();
jest.setTimeout(120_000);

/** What each sample's example answers: the triggers that answer on receipt, or the workflow's own answer. */
const ANSWERS: Record<string, (body: any) => void> = {
	'test-manager-create-defect': (body) => expect(body).toEqual(TEST_MANAGER_ANSWERS.createdDefect),
	'test-manager-kpis': (body) => expect(body).toEqual(TEST_MANAGER_ANSWERS.defectKpis(TEST_MANAGER_FAKE.PROJECT_ID)),
};
const started = (body: any) => expect(body).toEqual({ message: 'Workflow was started' });

describe('npm run send-sample: each sample of the demo starts one execution of its example', () => {
	let demo: DemoState;
	/** The samples' examples and every other example's UiPath Test Manager Trigger, published together as `npm start -- --demo` does. */
	let published: DemoWebhook[];
	// Test Manager's Defect KPIs path is stored a moment after the Payload URL: wait for both.
	const probes = (webhook: DemoWebhook) => (webhook.type === 'testManagerTrigger' ? [webhook.url, testManagerKpiUrl(webhook.url)] : [webhook.url]);

	beforeAll(async () => {
		const { data: workflows } = await n8n.api('GET', '/workflows?limit=250');
		demo = { n8nUrl: n8n.url, fakes: state.fakes, webhooks: triggerWebhooks(n8n, workflows) };
		const examples = new Set(Object.values(SAMPLES).map((sample) => sample.workflow));
		// Only the examples: other suites leave their own Test Manager workflows behind.
		const imported = new Set(exampleNames());
		published = demo.webhooks.filter(
			(webhook) => imported.has(webhook.workflow) && (examples.has(webhook.workflow) || webhook.type === 'testManagerTrigger'),
		);
		await Promise.all(published.map(async (webhook) => await n8n.publish(webhook.workflowId, probes(webhook))));
		expect(await waitForRegistrations(published, state.fakes, n8n)).toBe(true);
	});

	afterAll(async () => {
		for (const webhook of published) await n8n.unpublish(webhook.workflowId, probes(webhook));
		// Unpublishing finishes in the background: leave no registration behind for the next test file.
		for (const webhook of published) {
			for (const { name } of samplesFor(webhook)) {
				const { registration } = SAMPLES[name];
				for (const deadline = Date.now() + 15_000; registration && (await registration(webhook, state.fakes)) && Date.now() < deadline; ) {
					await new Promise((resolve) => setTimeout(resolve, 200));
				}
			}
		}
	});

	it.each(Object.keys(SAMPLES))('%s', async (name) => {
		const webhook = published.find((candidate) => candidate.workflow === SAMPLES[name].workflow)!;
		expect(samplesFor(webhook).map((sample) => sample.name)).toContain(name);
		const before = (await n8n.executions(webhook.workflowId)).length;

		const { answer, sent } = await sendSample({ state: demo, secrets: E2E_SECRETS }, name);

		expect(answer.status).toBe(200);
		(ANSWERS[name] ?? started)(answer.body);
		const [execution] = await n8n.waitForExecutionCount(webhook.workflowId, before + 1);
		expect(execution.status).toBe('success');
		expect(sent.url.startsWith(webhook.url)).toBe(true);
	});

	it('test-manager-kpis, sent to each published UiPath Test Manager Trigger that answers Defect KPIs', async () => {
		const answering = published.filter((webhook) => samplesFor(webhook).some((sample) => sample.name === 'test-manager-kpis'));
		// The KPI example, TAPD's and the Azure DevOps bridge: each answers its own request.
		expect(answering).toHaveLength(3);
		for (const webhook of answering) {
			const before = (await n8n.executions(webhook.workflowId)).length;
			const { answer } = await sendSample({ state: demo, secrets: E2E_SECRETS }, 'test-manager-kpis', webhook.url);
			expect(answer).toMatchObject({ status: 200, body: { totalDefects: expect.any(Number), status: 'Success' } });
			const [execution] = await n8n.waitForExecutionCount(webhook.workflowId, before + 1);
			expect(n8n.nodeOutput(execution, webhook.node)[0]).toMatchObject({ event: 'defectKpi', projectId: TEST_MANAGER_FAKE.PROJECT_ID });
		}
	});
});
