import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex } from '@noble/hashes/utils';

import { TestanyTrigger } from '../../nodes/Testany/TestanyTrigger.node';
import { hookContext, webhookContext } from '../helpers/contexts';

const TOKEN = 'unit-test-token-abcdefghijklmnop';
const trigger = new TestanyTrigger();
const parameters = { triggerMethods: ['plan', 'gatekeeper'], output: 'notification', result: 'any', additionalOptions: { repeatWindowSeconds: 600 } };

let sequence = 0;
function body(overrides: Record<string, unknown> = {}) {
	sequence++;
	return JSON.stringify({
		name: 'nightly',
		status: 2,
		trigger_key: 'P-1',
		trigger_method: 'plan',
		trigger_owner: [],
		pipelines: [{ name: 'p', status: 2, key: 'K', owner: [], execution_key: `E-${sequence}`, cases: [{ name: 'c', status: 2, owner: [] }] }],
		...overrides,
	});
}

async function deliver(
	request: { body?: string; headers?: Record<string, string>; query?: Record<string, unknown> },
	options: { parameters?: Record<string, unknown>; token?: string; nodeId?: string; mode?: 'manual' } = {},
) {
	const { context, answer, mock } = webhookContext(
		{ headers: { 'content-type': 'application/json' }, ...request },
		{ parameters: { ...parameters, ...options.parameters }, credentials: { secret: options.token ?? TOKEN }, nodeId: options.nodeId, mode: options.mode },
	);
	const result = await trigger.webhook.call(context);
	return { result, answer, mock };
}

describe('TestanyTrigger.webhook', () => {
	it('starts one execution for a valid delivery with the token in the query', async () => {
		const { result, answer } = await deliver({ body: body(), query: { token: TOKEN } });
		expect(answer.statusCode).toBeUndefined();
		expect(result.workflowData?.[0]).toHaveLength(1);
		expect(result.workflowData?.[0][0].json).toMatchObject({ name: 'nightly', status_label: 'failure' });
	});

	it('accepts the token in the X-Testany-Token header', async () => {
		const { result } = await deliver({ body: body(), headers: { 'content-type': 'application/json', 'X-Testany-Token': TOKEN } });
		expect(result.workflowData).toBeDefined();
	});

	it.each([
		['a wrong token', { token: `${TOKEN}x` }],
		['no token', {}],
		['a token in the body only', { bodyToken: true }],
	])('answers 401 for %s, before reading the body', async (_label, { token, bodyToken }: { token?: string; bodyToken?: boolean }) => {
		const { result, answer, mock } = await deliver({ body: bodyToken ? body({ token: TOKEN }) : body(), query: token ? { token } : {} });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(answer).toEqual({ statusCode: 401, body: { message: 'Unauthorized' } });
		expect(mock.getRequestObject().readRawBody).not.toHaveBeenCalled();
	});

	it.each([
		['no token', {}],
		['a short token', { token: 'guess' }],
		['an absurdly long token', { token: 'x'.repeat(5000) }],
		['a token that is not text', { token: { nested: TOKEN } }],
	])('refuses %s without reading the credential', async (_label, query: Record<string, unknown>) => {
		const { answer, mock } = await deliver({ body: body(), query });
		expect(answer.statusCode).toBe(401);
		expect(mock.getCredentials).not.toHaveBeenCalled();
	});

	it('answers 415 for a body that is not JSON, before reading the credential; takes +json and no content type', async () => {
		for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'image/png', 'application/xml']) {
			const { answer, mock } = await deliver({ body: body(), headers: { 'content-type': contentType }, query: { token: TOKEN } });
			expect(answer).toEqual({ statusCode: 415, body: { message: 'Unsupported content type; send application/json' } });
			expect(mock.getCredentials).not.toHaveBeenCalled();
		}
		expect((await deliver({ body: body(), headers: {}, query: { token: TOKEN } })).result.workflowData).toBeDefined();
		expect((await deliver({ body: body(), headers: { 'content-type': 'application/vnd.testany+json' }, query: { token: TOKEN } })).result.workflowData).toBeDefined();
	});

	it('reads the credential once per delivery', async () => {
		const { mock } = await deliver({ body: body(), query: { token: TOKEN } });
		expect(mock.getCredentials).toHaveBeenCalledTimes(1);
	});

	it("judges the token's strength when publishing, not per delivery: a guessable but long token still matches", async () => {
		const guessable = 'testany'.repeat(4);
		const { result, answer } = await deliver({ body: body(), query: { token: guessable } }, { token: guessable });
		expect(answer.statusCode).toBeUndefined();
		expect(result.workflowData).toBeDefined();
	});

	it('refuses every delivery while the credential holds a weak token, even a matching one', async () => {
		const { answer } = await deliver({ body: body(), query: { token: 'short' } }, { token: 'short' });
		expect(answer.statusCode).toBe(401);
	});

	it('answers 400 for malformed JSON and for a body of the wrong shape', async () => {
		const broken = await deliver({ body: '{"name":', query: { token: TOKEN } });
		expect(broken.answer.statusCode).toBe(400);
		const shape = await deliver({ body: body({ pipelines: 'none' }), query: { token: TOKEN } });
		expect(shape.answer).toEqual({ statusCode: 400, body: { message: 'Invalid payload: pipelines: Expected array, received string' } });
	});

	it('acknowledges, without an execution, a trigger method the user did not pick', async () => {
		const { result, answer } = await deliver(
			{ body: body({ trigger_method: 'gatekeeper', trigger_key: 'G-1' }), query: { token: TOKEN } },
			{ parameters: { triggerMethods: ['plan'] } },
		);
		expect(result.workflowData).toBeUndefined();
		expect(answer).toEqual({ statusCode: 200, body: { message: 'Accepted; nothing in it matches this trigger' } });
	});

	it('outputs one item per case when asked, filtered by result', async () => {
		const twoCases = body({ pipelines: [{ name: 'p', status: 2, owner: [], execution_key: 'E-cases', cases: [{ name: 'ok', status: 1, owner: [] }, { name: 'bad', status: 2, owner: [] }] }] });
		const { result } = await deliver({ body: twoCases, query: { token: TOKEN } }, { parameters: { output: 'case', result: 'failure' } });
		expect(result.workflowData?.[0].map((item) => item.json.name)).toEqual(['bad']);
	});

	it("suppresses a retry of the same execution, per trigger node, and can be turned off", async () => {
		const same = body();
		expect((await deliver({ body: same, query: { token: TOKEN } })).result.workflowData).toBeDefined();
		const retry = await deliver({ body: same, query: { token: TOKEN } });
		expect(retry.result.workflowData).toBeUndefined();
		expect(retry.answer).toEqual({ statusCode: 200, body: { message: 'Accepted; a repeat of a delivery already received' } });
		expect((await deliver({ body: same, query: { token: TOKEN } }, { nodeId: 'another-node' })).result.workflowData).toBeDefined();
		const off = { parameters: { additionalOptions: { repeatWindowSeconds: 0 } } };
		expect((await deliver({ body: same, query: { token: TOKEN } }, off)).result.workflowData).toBeDefined();
	});

	it('gives every item the delivery key as dedupe_key: SHA-256 of the identity as a JSON array', async () => {
		const twoCases = body({ pipelines: [{ name: 'p', status: 2, owner: [], execution_key: 'E-dedupe', cases: [{ name: 'a', status: 2, owner: [] }, { name: 'b', status: 2, owner: [] }] }] });
		const { result } = await deliver({ body: twoCases, query: { token: TOKEN } }, { parameters: { output: 'case' } });
		const expected = bytesToHex(sha256(JSON.stringify(['P-1', 2, 'E-dedupe'])));
		expect(result.workflowData?.[0].map((item) => item.json.dedupe_key)).toEqual([expected, expected]);
	});

	it('never takes a delivery for a repeat of another whose keys join to the same text', async () => {
		const keys = (...executionKeys: string[]) =>
			body({ pipelines: executionKeys.map((key) => ({ name: 'p', status: 2, owner: [], execution_key: key, cases: [] })) });
		expect((await deliver({ body: keys('X,Y'), query: { token: TOKEN } })).result.workflowData).toBeDefined();
		expect((await deliver({ body: keys('X', 'Y'), query: { token: TOKEN } })).result.workflowData).toBeDefined();
	});

	it('falls back to the body hash for notifications without execution keys', async () => {
		const noKeys = JSON.stringify({ name: 'n', status: 1, trigger_key: 'P-hash', trigger_method: 'plan' });
		expect((await deliver({ body: noKeys, query: { token: TOKEN } })).result.workflowData).toBeDefined();
		expect((await deliver({ body: noKeys, query: { token: TOKEN } })).result.workflowData).toBeUndefined();
	});
});

describe('TestanyTrigger lifecycle and credential test', () => {
	it('refuses to publish with a missing or weak token, saying what to do', async () => {
		const weak = hookContext({ credentials: { secret: 'short' } });
		await expect(trigger.webhookMethods.default.create.call(weak.context)).rejects.toThrow(/at least 24 .*Testany Webhook Token credential/);
		const fine = hookContext({ credentials: { secret: TOKEN } });
		await expect(trigger.webhookMethods.default.create.call(fine.context)).resolves.toBe(true);
		await expect(trigger.webhookMethods.default.checkExists.call(fine.context)).resolves.toBe(false);
	});

	it('keeps production and test deliveries apart, and delete() (a test session ending) forgets only test ones', async () => {
		const same = body();
		const production = { nodeId: 'keep-me' };
		const test = { nodeId: 'keep-me', mode: 'manual' as const };
		expect((await deliver({ body: same, query: { token: TOKEN } }, production)).result.workflowData).toBeDefined();
		expect((await deliver({ body: same, query: { token: TOKEN } }, test)).result.workflowData).toBeDefined();
		await trigger.webhookMethods.default.delete.call(hookContext({ nodeId: 'keep-me' }).context);
		expect((await deliver({ body: same, query: { token: TOKEN } }, production)).result.workflowData).toBeUndefined();
		expect((await deliver({ body: same, query: { token: TOKEN } }, test)).result.workflowData).toBeDefined();
	});

	it('tests the credential for token strength', async () => {
		const test = trigger.methods.credentialTest.testanySecretStrength;
		const call = async (token: string) => await test.call({} as never, { id: '1', name: 'c', type: 'testanyWebhookApi', data: { secret: token } });
		await expect(call('short')).resolves.toMatchObject({ status: 'Error' });
		await expect(call(TOKEN)).resolves.toMatchObject({ status: 'OK' });
	});
});
