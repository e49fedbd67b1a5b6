import { E2E_SECRETS } from '../dev/credentials';
import { TEST_MANAGER_FAKE } from '../dev/fakes/testManager';
import { SAMPLES, sendSample, servedSamplesFor, triggerWebhooks, waitForRegistrations, type DemoState } from '../dev/demo';
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

	beforeAll(async () => {
		const { data: workflows } = await n8n.api('GET', '/workflows?limit=250');
		demo = { n8nUrl: n8n.url, fakes: state.fakes, webhooks: triggerWebhooks(n8n, workflows) };
	});

	it.each(Object.keys(SAMPLES))('%s', async (name) => {
		const webhook = demo.webhooks.find((candidate) => candidate.workflow === SAMPLES[name].workflow)!;
		// One example at a time: n8n serves Test Manager's Defect KPIs path for one published workflow only.
		await n8n.publish(webhook.workflowId, [webhook.url]);
		try {
			expect(await waitForRegistrations([webhook], state.fakes, n8n)).toBe(true);
			expect((await servedSamplesFor(webhook)).map((sample) => sample.name)).toContain(name);
			const before = (await n8n.executions(webhook.workflowId)).length;

			const { answer, sent } = await sendSample({ state: demo, secrets: E2E_SECRETS }, name);

			expect(answer.status).toBe(200);
			(ANSWERS[name] ?? started)(answer.body);
			const [execution] = await n8n.waitForExecutionCount(webhook.workflowId, before + 1);
			expect(execution.status).toBe('success');
			expect(sent.url.startsWith(webhook.url)).toBe(true);
		} finally {
			await n8n.unpublish(webhook.workflowId, [webhook.url]);
			// Unpublishing finishes in the background: leave no registration behind for the next test file.
			const registration = SAMPLES[name].registration;
			for (const deadline = Date.now() + 15_000; registration && (await registration(webhook, state.fakes)) && Date.now() < deadline; ) {
				await new Promise((resolve) => setTimeout(resolve, 200));
			}
		}
	});
});
