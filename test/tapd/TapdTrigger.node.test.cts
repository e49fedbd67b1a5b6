import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex } from '@noble/hashes/utils';
import type { IDataObject } from 'n8n-workflow';

import { retryClock } from '../../nodes/shared/http/retry';
import { REGISTRATION_DEADLINE_MS } from '../../nodes/shared/webhook/registration';
import { TapdTrigger } from '../../nodes/Tapd/TapdTrigger.node';
import { webhookContext } from '../helpers/contexts';
import { fakeTapd, tapdHookContext } from '../helpers/tapd';

const trigger = new TapdTrigger();
const SECRET = '3e9a7c1f5b0d8e2a4c6f9b1d3e5a7c0f2b4d6e8a1c3f5b7d9e0a2c4f6b8d1e3a';
// What publishing keeps: the digest, computed here by an independent implementation.
const digestOf = (secret: string) => Buffer.from(sha256(Buffer.from(secret))).toString('hex');
const STORED = { secretDigest: digestOf(SECRET), settingId: '1', workspaceId: '10158231' };
const PASTED_SECRET = 'b1d4f7a0c3e6b9d2f5a8c1e4b7d0f3a6';
const URL = 'https://n8n.example.com/webhook/abc/tapd';
const automatic = { registration: 'automatic', workspaceId: '10158231', events: ['bug::create', 'bug::update'], contentType: 'json' };

let eventId = 0;
function json(overrides: Record<string, unknown> = {}) {
	eventId++;
	return JSON.stringify({ event: 'bug::create', workspace_id: '10158231', id: '1010158231500000001', event_id: String(eventId), secret: SECRET, created: '2026-01-06 08:00:00', ...overrides });
}

async function deliver(
	body: string,
	options: { contentType?: string | null; headers?: Record<string, string>; parameters?: IDataObject; staticData?: IDataObject; credentials?: IDataObject; nodeId?: string } = {},
) {
	const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
	const { context, answer, mock } = webhookContext(
		{ body, headers: { ...(contentType === null ? {} : { 'content-type': contentType }), ...options.headers } },
		{ parameters: { ...automatic, ...options.parameters }, staticData: options.staticData ?? { ...STORED }, credentials: options.credentials, nodeId: options.nodeId },
	);
	const result = await trigger.webhook.call(context);
	return { result, answer, mock };
}

const manualMode = { parameters: { registration: 'manual' }, staticData: {}, credentials: { secret: PASTED_SECRET } };

describe('TapdTrigger.webhook', () => {
	it('starts one execution for a JSON delivery with the stored secret, without the secret in the item', async () => {
		const { result, answer } = await deliver(json({ current_user: '张三' }));
		expect(answer.statusCode).toBeUndefined();
		const items = result.workflowData?.[0] ?? [];
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ event: 'bug::create', object: 'bug', action: 'create', current_user: '张三', created_iso: '2026-01-06T08:00:00+08:00' });
		expect(items[0].json).not.toHaveProperty('secret');
		expect(JSON.stringify(items)).not.toContain(SECRET);
	});

	it('accepts form deliveries', async () => {
		const form = new URLSearchParams({ event: 'bug::update', workspace_id: '10158231', id: '1010158231500000002', event_id: 'f1', secret: SECRET, change_fields: 'title', old_title: '旧' }).toString();
		const { result } = await deliver(form, { contentType: 'application/x-www-form-urlencoded' });
		expect(result.workflowData?.[0][0].json).toMatchObject({ id: '1010158231500000002', changes: [{ field: 'title', old: '旧' }] });
	});

	it.each([
		['a wrong secret', json({ secret: `${SECRET.slice(1)}b` })],
		['no secret', JSON.stringify({ event: 'bug::create', id: '1' })],
		['a secret that is not a string', JSON.stringify({ event: 'bug::create', secret: [SECRET] })],
		['a repeated form secret', `event=bug%3A%3Acreate&secret=${SECRET}&secret=${SECRET}`],
	])('answers 401 for %s', async (_label, body) => {
		const { result, answer } = await deliver(body, { contentType: body.startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded' });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(answer).toEqual({ statusCode: 401, body: { message: 'Unauthorized' } });
	});

	it('refuses everything while no digest is stored (not published) or the manual secret is unset or short', async () => {
		expect((await deliver(json(), { staticData: {} })).answer.statusCode).toBe(401);
		for (const stored of ['', 'ab'.repeat(11)]) {
			expect((await deliver(json({ secret: stored }), { ...manualMode, credentials: { secret: stored } })).answer.statusCode).toBe(401);
		}
	});

	it('checks an automatic delivery against the stored digest, never a stored secret, and reads no credential', async () => {
		const { result, mock } = await deliver(json());
		expect(result.workflowData).toBeDefined();
		expect(mock.getCredentials).not.toHaveBeenCalled();
		// An earlier build kept the clear secret: that no longer authenticates anything.
		expect((await deliver(json(), { staticData: { secret: SECRET, settingId: '1', workspaceId: '10158231' } })).answer.statusCode).toBe(401);
		// Nor does the digest itself, sent as the secret.
		expect((await deliver(json({ secret: STORED.secretDigest }))).answer.statusCode).toBe(401);
	});

	it('takes the secret from the TAPD Webhook Secret credential in manual mode, read once, with an optional workspace filter', async () => {
		const accepted = await deliver(json({ secret: PASTED_SECRET }), manualMode);
		expect(accepted.result.workflowData).toBeDefined();
		expect(accepted.mock.getCredentials).toHaveBeenCalledTimes(1);
		expect(accepted.mock.getCredentials).toHaveBeenCalledWith('tapdWebhookApi');
		const filtered = await deliver(json({ secret: PASTED_SECRET, workspace_id: '999' }), { ...manualMode, parameters: { ...manualMode.parameters, onlyFromWorkspace: '10158231' } });
		expect(filtered.answer).toEqual({ statusCode: 200, body: { message: 'Accepted; from another workspace' } });
		const locator = { __rl: true, mode: 'id', value: '10158231' };
		const byLocator = await deliver(json({ secret: PASTED_SECRET, workspace_id: '999' }), { ...manualMode, parameters: { ...manualMode.parameters, onlyFromWorkspace: locator } });
		expect(byLocator.answer.body).toEqual({ message: 'Accepted; from another workspace' });
		const same = await deliver(json({ secret: PASTED_SECRET, workspace_id: '10158231' }), { ...manualMode, parameters: { ...manualMode.parameters, onlyFromWorkspace: locator } });
		expect(same.result.workflowData).toBeDefined();
		expect((await deliver(json({ secret: `${PASTED_SECRET}0` }), manualMode)).answer.statusCode).toBe(401);
		expect(trigger.description.properties.some((property) => property.name === 'secret')).toBe(false);
	});

	it("filters manual deliveries by Only From Workspace alone: empty accepts any, the automatic mode's workspace is not read", async () => {
		const empty = { __rl: true, mode: 'id', value: '' };
		const fromAnywhere = await deliver(json({ secret: PASTED_SECRET, workspace_id: '999' }), { ...manualMode, parameters: { ...manualMode.parameters, onlyFromWorkspace: empty } });
		expect(fromAnywhere.result.workflowData).toBeDefined();
		const leftover = await deliver(json({ secret: PASTED_SECRET, workspace_id: '999' }), { ...manualMode, parameters: { ...manualMode.parameters, workspaceId: '10158231' } });
		expect(leftover.result.workflowData).toBeDefined();
		expect(leftover.mock.getNodeParameter).not.toHaveBeenCalledWith('workspaceId', expect.anything(), expect.anything());
	});

	it.each([
		['no secret', JSON.stringify({ event: 'bug::create', id: '1' }), 'application/json'],
		['a short secret', JSON.stringify({ event: 'bug::create', secret: 'guess' }), 'application/json'],
		['a secret that is not a string', JSON.stringify({ event: 'bug::create', secret: 123456789012345678901234567890 }), 'application/json'],
		['an unsupported content type', json({ secret: PASTED_SECRET }), 'text/plain'],
		['malformed JSON', '{"secret":', 'application/json'],
	])('refuses a manual delivery with %s before reading the credential', async (_label, body, contentType) => {
		const { answer, mock } = await deliver(body, { ...manualMode, contentType });
		expect([400, 401, 415]).toContain(answer.statusCode);
		expect(mock.getCredentials).not.toHaveBeenCalled();
	});

	it('keeps form and JSON fields named like Object methods, and drops prototype keys', async () => {
		const form = `${new URLSearchParams({ event: 'bug::create', workspace_id: '10158231', id: '1', event_id: 'own-1', secret: SECRET, toString: 'a', hasOwnProperty: 'b', valueOf: 'c' }).toString()}&__proto__%5Bx%5D=1&constructor=y`;
		const fromForm = (await deliver(form, { contentType: 'application/x-www-form-urlencoded' })).result.workflowData?.[0][0].json;
		expect(fromForm).toMatchObject({ toString: 'a', hasOwnProperty: 'b', valueOf: 'c', '__proto__[x]': '1' });
		expect(Object.hasOwn(fromForm as object, 'constructor')).toBe(false);
		const fromJson = (await deliver(json({ event_id: 'own-2', toString: 'a', valueOf: { v: 1 }, __proto__: undefined }))).result.workflowData?.[0][0].json;
		expect(fromJson).toMatchObject({ toString: 'a', valueOf: { v: 1 } });
		expect(({} as IDataObject).x).toBeUndefined();
	});

	it('answers 415 for anything but JSON or a form, and reads a body without a content type by its look', async () => {
		for (const contentType of ['text/plain', 'application/xml', 'multipart/form-data; boundary=b', 'image/png']) {
			const { answer, result } = await deliver(json(), { contentType });
			expect(answer.statusCode).toBe(415);
			expect(result.workflowData).toBeUndefined();
		}
		expect((await deliver(json(), { contentType: null })).result.workflowData).toBeDefined();
		const form = new URLSearchParams({ event: 'bug::create', workspace_id: '10158231', id: '1', event_id: 'sniffed-form', secret: SECRET }).toString();
		expect((await deliver(form, { contentType: null })).result.workflowData).toBeDefined();
	});

	it('answers 413 for a body over the limit (64 KB by default, an option) before parsing it', async () => {
		const big = json({ event_id: 'big', padding: 'x'.repeat(64 * 1024) });
		expect((await deliver(big)).answer).toEqual({ statusCode: 413, body: { message: 'Request body is too large (over 64 KB)' } });
		const declared = await deliver(json(), { headers: { 'content-length': String(64 * 1024 + 1) } });
		expect(declared.answer.statusCode).toBe(413);
		const small = await deliver(json({ event_id: 'small', padding: 'x'.repeat(2048) }), { parameters: { additionalOptions: { maxBodySizeKb: 1 } } });
		expect(small.answer.statusCode).toBe(413);
		expect((await deliver(json({ event_id: 'roomy', padding: 'x'.repeat(2048) }), { parameters: { additionalOptions: { maxBodySizeKb: 4 } } })).result.workflowData).toBeDefined();
	});

	it('refuses, before the secret is known, a body of more than 2000 fields and values or nested deeper than 8 levels', async () => {
		const manyValues = JSON.stringify({ secret: SECRET, event: 'bug::create', a: Array.from({ length: 2000 }, () => []) });
		expect((await deliver(manyValues)).answer).toEqual({ statusCode: 400, body: { message: 'Request body has more than 2000 fields and values' } });
		const manyFields = `secret=${SECRET}&event=bug%3A%3Acreate&${Array.from({ length: 1999 }, (_, i) => `f${i}=1`).join('&')}`;
		expect((await deliver(manyFields, { headers: { 'content-type': 'application/x-www-form-urlencoded' } })).answer).toEqual({ statusCode: 400, body: { message: 'Request body has more than 2000 fields and values' } });
		const deep = `{"secret":"${SECRET}","event":"bug::create","a":${'['.repeat(9)}${']'.repeat(9)}}`;
		expect((await deliver(deep)).answer).toEqual({ statusCode: 400, body: { message: 'Request body has more than 8 levels of nesting' } });
		// Within the limits: a real update of 900 changed fields is accepted.
		const update: Record<string, string> = {};
		for (let i = 0; i < 900; i++) update[`old_field_${i}`] = `value ${i}`;
		expect((await deliver(json({ event_id: 'wide', ...update }))).result.workflowData).toBeDefined();
	});

	it('answers 400 for malformed bodies and payloads without an event', async () => {
		expect((await deliver('{"event":')).answer.statusCode).toBe(400);
		expect((await deliver(JSON.stringify({ secret: SECRET, id: '1' }))).answer).toEqual({ statusCode: 400, body: { message: expect.stringMatching(/^Invalid payload: event/) } });
	});

	it('acknowledges unselected events without an execution', async () => {
		const { result, answer } = await deliver(json({ event: 'task::create' }));
		expect(result.workflowData).toBeUndefined();
		expect(answer).toEqual({ statusCode: 200, body: { message: 'Accepted; this event is not selected' } });
	});

	it('suppresses a repeat of the same event_id unless the window is 0', async () => {
		const body = json({ event_id: 'repeat-1' });
		expect((await deliver(body, { nodeId: 'rep' })).result.workflowData).toBeDefined();
		expect((await deliver(body, { nodeId: 'rep' })).answer.body).toEqual({ message: 'Accepted; a repeat of a delivery already received' });
		expect((await deliver(body, { nodeId: 'rep', parameters: { additionalOptions: { repeatWindowSeconds: 0 } } })).result.workflowData).toBeDefined();
	});

	it('gives the item its delivery key as dedupe_key: SHA-256 of [event, event_id, id] as JSON', async () => {
		const { result } = await deliver(json({ event_id: 'dk-1', id: '1010158231500000009' }), { nodeId: 'dk' });
		expect(result.workflowData?.[0][0].json.dedupe_key).toBe(bytesToHex(sha256(JSON.stringify(['bug::create', 'dk-1', '1010158231500000009']))));
	});

	it('never takes a delivery without an event_id for a repeat', async () => {
		const body = JSON.stringify({ event: 'bug::create', workspace_id: '10158231', id: '1', secret: SECRET });
		const first = (await deliver(body, { nodeId: 'no-event-id' })).result.workflowData;
		const second = (await deliver(body, { nodeId: 'no-event-id' })).result.workflowData;
		expect(first).toBeDefined();
		expect(second).toBeDefined();
		// Each its own dedupe_key, so that deduplicating downstream keeps both too.
		expect(first?.[0][0].json.dedupe_key).not.toBe(second?.[0][0].json.dedupe_key);
	});
});

function lifecycle(parameters: IDataObject, staticData: IDataObject, tapd = fakeTapd()) {
	const hook = tapdHookContext({ parameters: { ...automatic, ...parameters }, staticData, webhookUrl: URL, tapd });
	const methods = trigger.webhookMethods.default;
	return {
		...hook,
		checkExists: async () => await methods.checkExists.call(hook.context),
		create: async () => await methods.create.call(hook.context),
		delete: async () => await methods.delete.call(hook.context),
	};
}

const matching = { id: '7', workspace_id: '10158231', url: URL, events: 'bug::update,bug::create', content_type: 'json', status: 'normal', secret: '5c8f1b4e7a0d3c6f9b2e5a8d1c4f7b0e3a6d9c2f' };

describe('TapdTrigger lifecycle', () => {
	it('creates a setting with a fresh random secret and keeps its id and only the digest of the secret in static data', async () => {
		const run = lifecycle({}, {});
		expect(await run.checkExists()).toBe(false);
		expect(await run.create()).toBe(true);
		expect(run.tapd.settings).toEqual([expect.objectContaining({ url: URL, events: 'bug::create,bug::update', content_type: 'json', workspace_id: '10158231' })]);
		const { secret } = run.tapd.settings[0];
		expect(secret).toMatch(/^[0-9a-f]{64}$/);
		expect(run.staticData).toEqual({ settingId: run.tapd.settings[0].id, workspaceId: '10158231', secretDigest: digestOf(secret) });
		expect(JSON.stringify(run.staticData)).not.toContain(secret);
		// The secret TAPD will send is accepted against what was kept.
		const { result } = await deliver(json({ secret, event_id: 'after-create' }), { staticData: run.staticData });
		expect(result.workflowData).toBeDefined();
		const again = lifecycle({}, {});
		await again.create();
		expect(again.tapd.settings[0].secret).not.toBe(secret);
	});

	it('registers in the workspace the locator names', async () => {
		const run = lifecycle({ workspaceId: { __rl: true, mode: 'list', value: '10158231', cachedResultName: '支付中台' } }, {});
		expect(await run.create()).toBe(true);
		expect(run.tapd.settings).toEqual([expect.objectContaining({ workspace_id: '10158231' })]);
		expect(run.staticData).toMatchObject({ workspaceId: '10158231' });
	});

	it('adopts an existing setting with its own secret instead of duplicating it, removing leftovers', async () => {
		const leftover = { ...matching, id: '8', events: 'story::create' };
		const noSecret = { ...matching, id: '9', secret: '' };
		const run = lifecycle({}, { secretDigest: digestOf(matching.secret) }, fakeTapd([leftover, matching, noSecret, { ...matching, id: '10', url: 'https://other.example/' }]));
		await run.create();
		expect(run.tapd.settings.map((s) => s.id)).toEqual(['7', '10']);
		expect(run.staticData).toEqual({ settingId: '7', workspaceId: '10158231', secretDigest: digestOf(matching.secret) });
		// Nothing created: the only POSTs are the deletes of the leftovers.
		expect(run.tapd.http.calls.filter((call) => call.method === 'POST').map((call) => call.url)).toEqual([
			'/webhook_settings/delete_webhook_settings',
			'/webhook_settings/delete_webhook_settings',
		]);
	});

	it('never adopts a setting whose secret it did not generate: it is replaced by one with a fresh secret', async () => {
		const run = lifecycle({}, {}, fakeTapd([matching]));
		await run.create();
		expect(run.tapd.settings).toHaveLength(1);
		const [created] = run.tapd.settings;
		expect(created.id).not.toBe('7');
		expect(created.secret).not.toBe(matching.secret);
		expect(created.secret).toMatch(/^[0-9a-f]{64}$/);
		expect(run.staticData).toEqual({ settingId: created.id, workspaceId: '10158231', secretDigest: digestOf(created.secret) });
		// The setting somebody else made no longer authenticates anything.
		expect((await deliver(json({ secret: matching.secret }), { staticData: run.staticData })).answer.statusCode).toBe(401);
	});

	it('checkExists is true only for the stored setting, still normal, at this URL with these events', async () => {
		const stored = { settingId: '7', workspaceId: '10158231', secretDigest: digestOf(matching.secret) };
		expect(await lifecycle({}, { ...stored }, fakeTapd([matching])).checkExists()).toBe(true);

		for (const stale of [{ status: 'closed' }, { url: 'https://old.example/' }, { events: 'bug::create' }]) {
			const run = lifecycle({}, { ...stored }, fakeTapd([{ ...matching, ...stale }]));
			expect(await run.checkExists()).toBe(false);
			expect(run.tapd.settings).toHaveLength(0); // the stale one is removed so it cannot deliver twice
			expect(run.staticData).toEqual({});
		}
		const gone = lifecycle({}, { ...stored }, fakeTapd([]));
		expect(await gone.checkExists()).toBe(false);
		expect(gone.staticData).toEqual({});
		const moved = lifecycle({ workspaceId: '42' }, { ...stored }, fakeTapd([matching]));
		expect(await moved.checkExists()).toBe(false);
	});

	it('deletes the setting on unpublish; one that is already gone is fine', async () => {
		const run = lifecycle({}, { settingId: '7', workspaceId: '10158231', secretDigest: 'x' }, fakeTapd([matching]));
		expect(await run.delete()).toBe(true);
		expect(run.tapd.settings).toHaveLength(0);
		expect(run.staticData).toEqual({});
		const gone = lifecycle({}, { settingId: '7', workspaceId: '10158231', secretDigest: 'x' }, fakeTapd([]));
		expect(await gone.delete()).toBe(true);
	});

	it('closes the setting when TAPD refuses the DELETE but the setting still exists', async () => {
		const run = lifecycle({}, { settingId: '7', workspaceId: '10158231', secretDigest: 'x' }, fakeTapd([matching], { deleteStatus: 405 }));
		expect(await run.delete()).toBe(true);
		expect(run.tapd.settings[0]).toMatchObject({ id: '7', status: 'closed' });
	});

	it('reports a rate limit during unpublish instead of hiding it', async () => {
		const run = lifecycle({}, { settingId: '7', workspaceId: '10158231', secretDigest: 'x' }, fakeTapd([matching], { deleteStatus: 429 }));
		await expect(run.delete()).rejects.toThrow('TAPD is limiting the rate of requests (HTTP 429) during POST /webhook_settings/delete_webhook_settings');
	});

	it('refuses to publish on a devcloud address whose port TAPD cannot reach, before calling TAPD', async () => {
		const hook = tapdHookContext({ parameters: { ...automatic }, staticData: {}, webhookUrl: 'http://n8n.devcloud.woa.com:5678/webhook/abc/tapd', tapd: fakeTapd() });
		await expect(trigger.webhookMethods.default.create.call(hook.context)).rejects.toThrow(/only on ports 80, 443, 8080, 8081/);
		expect(hook.tapd.http.calls).toHaveLength(0);
	});

	it('refuses to publish with a non-numeric workspace or no events', async () => {
		await expect(lifecycle({ workspaceId: 'my-project' }, {}).create()).rejects.toThrow(/numeric TAPD project ID/);
		await expect(lifecycle({ events: [] }, {}).create()).rejects.toThrow(/at least one event/);
	});

	it('keeps production deliveries through delete() in either mode (a test session ending looks the same)', async () => {
		for (const [parameters, secret] of [[{}, SECRET], [{ registration: 'manual' }, PASTED_SECRET]] as const) {
			const body = json({ secret });
			const options = { parameters, staticData: { ...STORED, settingId: '7' }, credentials: { secret: PASTED_SECRET } };
			expect((await deliver(body, options)).result.workflowData).toBeDefined();
			expect((await deliver(body, options)).result.workflowData).toBeUndefined();
			await lifecycle(parameters, { ...STORED, settingId: '7' }, fakeTapd([matching])).delete();
			expect((await deliver(body, options)).result.workflowData).toBeUndefined();
		}
	});

	it('rides out a short TAPD outage while publishing, adopting a setting TAPD made before failing to answer', async () => {
		jest.useFakeTimers();
		try {
			const tapd = fakeTapd();
			const answer = tapd.http.getMockImplementation() as (...args: unknown[]) => Promise<unknown>;
			let call = 0;
			tapd.http.mockImplementation(async (...args: unknown[]) => {
				call++;
				if (call === 1) return { statusCode: 503, body: '<html>busy</html>', headers: {} };
				const response = await answer(...args);
				// The create (call 3) reaches TAPD, but its answer is lost in a 502.
				return call === 3 ? { statusCode: 502, body: '', headers: {} } : response;
			});
			const run = lifecycle({}, {}, tapd);
			const published = run.create();
			await jest.advanceTimersByTimeAsync(3000);
			await expect(published).resolves.toBe(true);
			expect(tapd.settings).toHaveLength(1);
			expect(run.staticData).toEqual({ settingId: tapd.settings[0].id, workspaceId: '10158231', secretDigest: digestOf(tapd.settings[0].secret) });
		} finally {
			jest.useRealTimers();
		}
	});

	it('says the trigger is not listening when TAPD stays unreachable, after the retry policy gave up', async () => {
		const tapd = fakeTapd();
		tapd.http.mockImplementation(async () => {
			throw Object.assign(new Error('getaddrinfo ENOTFOUND api.tapd.example'), { code: 'ENOTFOUND' });
		});
		const started = retryClock.now();
		const error = (await lifecycle({}, {}, tapd).create().catch((e: unknown) => e)) as Error & { description?: string };
		expect(tapd.http.mock.calls.length).toBeGreaterThan(2);
		expect(retryClock.now() - started).toBeLessThanOrEqual(REGISTRATION_DEADLINE_MS);
		expect(error.message).toBe('The trigger is not listening: registering it in TAPD failed (Could not reach TAPD at https://api.tapd.example)');
		expect(error.description).toMatch(/When it answers again, publish the workflow again/);
	});

	it('in manual mode calls no API and insists on a strong secret in the TAPD Webhook Secret credential', async () => {
		const weak = lifecycle({ registration: 'manual' }, {});
		weak.mock.getCredentials.mockResolvedValue({ secret: 'short' });
		expect(await weak.checkExists()).toBe(false);
		await expect(weak.create()).rejects.toThrow(/at least 24 .*TAPD Webhook Secret credential/);
		expect(weak.mock.getCredentials).toHaveBeenCalledWith('tapdWebhookApi');
		const strong = lifecycle({ registration: 'manual' }, {});
		strong.mock.getCredentials.mockResolvedValue({ secret: PASTED_SECRET });
		expect(await strong.create()).toBe(true);
		expect(await strong.delete()).toBe(true);
		expect(strong.tapd.http).not.toHaveBeenCalled();
	});

	it('offers the TAPD Webhook Secret credential, tested for strength, only in manual mode', async () => {
		expect(trigger.description.credentials).toEqual([
			expect.objectContaining({ name: 'tapdApi', displayOptions: { show: { registration: ['automatic'] } } }),
			expect.objectContaining({ name: 'tapdWebhookApi', testedBy: 'tapdSecretStrength', displayOptions: { show: { registration: ['manual'] } } }),
		]);
		const test = trigger.methods.credentialTest.tapdSecretStrength;
		expect(await test.call({} as never, { id: '1', name: 'c', type: 'tapdWebhookApi', data: { secret: PASTED_SECRET } })).toMatchObject({ status: 'OK' });
		expect(await test.call({} as never, { id: '1', name: 'c', type: 'tapdWebhookApi', data: { secret: 'tapd'.repeat(8) } })).toMatchObject({ status: 'Error' });
	});
});
