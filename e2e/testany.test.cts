import { E2E_SECRETS } from '../dev/credentials';
import { post } from '../dev/http';
import { testanyNotification } from '../dev/samples';
import { e2eContext } from './harness/context';

const { n8n } = e2eContext();
const WEBHOOK_ID = '5b0f5c1e-8f0b-4c3e-9d55-8e7a4a1f2c01';
const url = n8n.webhookUrl(WEBHOOK_ID, 'testany');
const withToken = `${url}?token=${E2E_SECRETS.testanyToken}`;

describe('Testany Trigger in a real n8n', () => {
	let workflowId: string;

	beforeAll(async () => {
		workflowId = (await n8n.workflowByName('Testany: report failed test cases')).id;
		await n8n.publish(workflowId, [url]);
	});

	afterAll(async () => {
		await n8n.unpublish(workflowId, [url]);
	});

	it('turns a valid delivery into exactly one execution with one item per failed case', async () => {
		const before = (await n8n.executions(workflowId)).length;
		const response = await post(withToken, JSON.stringify(testanyNotification('ABC-0001-E2E-1')));
		expect(response).toEqual({ status: 200, body: { message: 'Workflow was started' } });

		const [execution] = await n8n.waitForExecutionCount(workflowId, before + 1);
		expect(execution.status).toBe('success');
		const items = n8n.nodeOutput(execution, 'Testany Trigger');
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			name: 'pay-with-card',
			status: 2,
			status_label: 'failed',
			pipeline: { name: 'checkout-flow', execution_key: 'ABC-0001-E2E-1', status_label: 'failure' },
			trigger: { name: '夜间回归 nightly-regression', key: 'P-ABC-0001', method: 'plan' },
		});
		expect(n8n.nodeOutput(execution, 'Failure message')[0].text).toBe(
			'plan 夜间回归 nightly-regression: case "pay-with-card" failed in pipeline checkout-flow (ABC-0001-E2E-1)',
		);
		expect(JSON.stringify(execution.data)).not.toContain(E2E_SECRETS.testanyToken);
	});

	it('accepts the token in the X-Testany-Token header too', async () => {
		const before = (await n8n.executions(workflowId)).length;
		const response = await post(url, JSON.stringify(testanyNotification('ABC-0001-E2E-2', 'gatekeeper')), {
			'X-Testany-Token': E2E_SECRETS.testanyToken,
		});
		expect(response.status).toBe(200);
		await n8n.waitForExecutionCount(workflowId, before + 1);
	});

	it('answers a wrong or missing token with 401 and starts nothing', async () => {
		const before = (await n8n.executions(workflowId)).length;
		const wrong = await post(`${url}?token=${E2E_SECRETS.testanyToken.slice(0, -1)}x`, JSON.stringify(testanyNotification('ABC-0001-E2E-3')));
		const missing = await post(url, JSON.stringify(testanyNotification('ABC-0001-E2E-3')));
		expect(wrong).toEqual({ status: 401, body: { message: 'Unauthorized' } });
		expect(missing).toEqual({ status: 401, body: { message: 'Unauthorized' } });
		expect(JSON.stringify(wrong.body)).not.toContain(E2E_SECRETS.testanyToken);
		expect(await n8n.executions(workflowId)).toHaveLength(before);
	});

	it('answers malformed JSON and a wrong shape with 400 and starts nothing', async () => {
		const before = (await n8n.executions(workflowId)).length;
		const broken = await post(withToken, '{"name": "half');
		const wrongShape = await post(withToken, JSON.stringify({ ...testanyNotification('ABC-0001-E2E-4'), status: 'failed' }));
		expect(broken.status).toBe(400);
		expect(broken.body.message).toMatch(/^Malformed JSON body/);
		expect(wrongShape).toEqual({ status: 400, body: { message: 'Invalid payload: status: Expected number, received string' } });
		expect(await n8n.executions(workflowId)).toHaveLength(before);
	});

	it("suppresses Testany's retries of the same execution", async () => {
		const before = (await n8n.executions(workflowId)).length;
		const body = JSON.stringify(testanyNotification('ABC-0001-E2E-5'));
		const first = await post(withToken, body);
		const retries = [await post(withToken, body), await post(withToken, body), await post(withToken, body)];
		expect(first.status).toBe(200);
		for (const retry of retries) {
			expect(retry).toEqual({ status: 200, body: { message: 'Accepted; a repeat of a delivery already received' } });
		}
		await n8n.waitForExecutionCount(workflowId, before + 1);
	});

	it('acknowledges a delivery that matches no filter without starting an execution', async () => {
		const before = (await n8n.executions(workflowId)).length;
		const allPassed = testanyNotification('ABC-0001-E2E-6');
		allPassed.pipelines[0].cases = allPassed.pipelines[0].cases.filter((testCase) => testCase.status === 1);
		const response = await post(withToken, JSON.stringify(allPassed));
		expect(response).toEqual({ status: 200, body: { message: 'Accepted; nothing in it matches this trigger' } });
		expect(await n8n.executions(workflowId)).toHaveLength(before);
	});
});
