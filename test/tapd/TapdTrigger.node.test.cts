import type { IDataObject } from 'n8n-workflow';
import { TapdTrigger } from '../../nodes/Tapd/TapdTrigger.node';
import { webhookContext } from '../helpers/contexts';
import { fakeTapd, tapdHookContext } from '../helpers/tapd';

const trigger = new TapdTrigger();
const SECRET = 'a'.repeat(64);
const URL = 'https://n8n.example.com/webhook/abc/tapd';
const automatic = { registration: 'automatic', workspaceId: '10158231', events: ['bug::create', 'bug::update'], contentType: 'json' };

let eventId = 0;
function json(overrides: Record<string, unknown> = {}) {
	eventId++;
	return JSON.stringify({ event: 'bug::create', workspace_id: '10158231', id: '1010158231500000001', event_id: String(eventId), secret: SECRET, created: '2026-01-06 08:00:00', ...overrides });
}

async function deliver(body: string, options: { contentType?: string; parameters?: IDataObject; staticData?: IDataObject; nodeId?: string } = {}) {
	const { context, answer } = webhookContext(
		{ body, headers: { 'content-type': options.contentType ?? 'application/json' } },
		{ parameters: { ...automatic, ...options.parameters }, staticData: options.staticData ?? { secret: SECRET, settingId: '1', workspaceId: '10158231' }, nodeId: options.nodeId },
	);
	const result = await trigger.webhook.call(context);
	return { result, answer };
}

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

	it('refuses everything while no secret is stored (not published) or the manual secret is weak', async () => {
		expect((await deliver(json({ secret: '' }), { staticData: {} })).answer.statusCode).toBe(401);
		const weak = { parameters: { registration: 'manual', secret: 'short' } };
		expect((await deliver(json({ secret: 'short' }), weak)).answer.statusCode).toBe(401);
	});

	it('takes the secret from the parameter in manual mode, with an optional workspace filter', async () => {
		const manual = 'm'.repeat(30);
		const parameters = { registration: 'manual', secret: manual, workspaceId: '' };
		expect((await deliver(json({ secret: manual }), { parameters, staticData: {} })).result.workflowData).toBeDefined();
		const filtered = await deliver(json({ secret: manual, workspace_id: '999' }), { parameters: { ...parameters, workspaceId: '10158231' }, staticData: {} });
		expect(filtered.answer).toEqual({ statusCode: 200, body: { message: 'Accepted; from another workspace' } });
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

	it('never takes a delivery without an event_id for a repeat', async () => {
		const body = JSON.stringify({ event: 'bug::create', workspace_id: '10158231', id: '1', secret: SECRET });
		expect((await deliver(body, { nodeId: 'no-event-id' })).result.workflowData).toBeDefined();
		expect((await deliver(body, { nodeId: 'no-event-id' })).result.workflowData).toBeDefined();
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

const matching = { id: '7', workspace_id: '10158231', url: URL, events: 'bug::update,bug::create', content_type: 'json', status: 'normal', secret: 's'.repeat(40) };

describe('TapdTrigger lifecycle', () => {
	it('creates a setting with a fresh random secret and keeps id and secret in static data', async () => {
		const run = lifecycle({}, {});
		expect(await run.checkExists()).toBe(false);
		expect(await run.create()).toBe(true);
		expect(run.tapd.settings).toEqual([expect.objectContaining({ url: URL, events: 'bug::create,bug::update', content_type: 'json', workspace_id: '10158231' })]);
		const { secret } = run.tapd.settings[0];
		expect(secret).toMatch(/^[0-9a-f]{64}$/);
		expect(run.staticData).toEqual({ settingId: run.tapd.settings[0].id, workspaceId: '10158231', secret });
		const again = lifecycle({}, {});
		await again.create();
		expect(again.tapd.settings[0].secret).not.toBe(secret);
	});

	it('adopts an existing setting with the same URL and events instead of duplicating it, removing leftovers', async () => {
		const leftover = { ...matching, id: '8', events: 'story::create' };
		const noSecret = { ...matching, id: '9', secret: '' };
		const run = lifecycle({}, {}, fakeTapd([leftover, matching, noSecret, { ...matching, id: '10', url: 'https://other.example/' }]));
		await run.create();
		expect(run.tapd.settings.map((s) => s.id)).toEqual(['7', '10']);
		expect(run.staticData).toEqual({ settingId: '7', workspaceId: '10158231', secret: matching.secret });
		// Nothing created: the only POSTs are the deletes of the leftovers.
		expect(run.tapd.http.calls.filter((call) => call.method === 'POST').map((call) => call.url)).toEqual([
			'/webhook_settings/delete_webhook_settings',
			'/webhook_settings/delete_webhook_settings',
		]);
	});

	it('checkExists is true only for the stored setting, still normal, at this URL with these events', async () => {
		const stored = { settingId: '7', workspaceId: '10158231', secret: matching.secret };
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
		const run = lifecycle({}, { settingId: '7', workspaceId: '10158231', secret: 'x' }, fakeTapd([matching]));
		expect(await run.delete()).toBe(true);
		expect(run.tapd.settings).toHaveLength(0);
		expect(run.staticData).toEqual({});
		const gone = lifecycle({}, { settingId: '7', workspaceId: '10158231', secret: 'x' }, fakeTapd([]));
		expect(await gone.delete()).toBe(true);
	});

	it('closes the setting when TAPD refuses the DELETE but the setting still exists', async () => {
		const run = lifecycle({}, { settingId: '7', workspaceId: '10158231', secret: 'x' }, fakeTapd([matching], { deleteStatus: 405 }));
		expect(await run.delete()).toBe(true);
		expect(run.tapd.settings[0]).toMatchObject({ id: '7', status: 'closed' });
	});

	it('reports a rate limit during unpublish instead of hiding it', async () => {
		const run = lifecycle({}, { settingId: '7', workspaceId: '10158231', secret: 'x' }, fakeTapd([matching], { deleteStatus: 429 }));
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

	it('forgets the deliveries it has seen on unpublish, in either mode', async () => {
		for (const parameters of [{}, { registration: 'manual', secret: SECRET }]) {
			const body = json();
			const options = { parameters, staticData: { secret: SECRET, settingId: '7', workspaceId: '10158231' } };
			expect((await deliver(body, options)).result.workflowData).toBeDefined();
			expect((await deliver(body, options)).result.workflowData).toBeUndefined();
			await lifecycle(parameters, { settingId: '7', workspaceId: '10158231', secret: SECRET }, fakeTapd([matching])).delete();
			expect((await deliver(body, options)).result.workflowData).toBeDefined();
		}
	});

	it('in manual mode calls no API and insists on a strong secret', async () => {
		const weak = lifecycle({ registration: 'manual', secret: 'short' }, {});
		expect(await weak.checkExists()).toBe(false);
		await expect(weak.create()).rejects.toThrow(/at least 24/);
		const strong = lifecycle({ registration: 'manual', secret: 'z'.repeat(32) }, {});
		expect(await strong.create()).toBe(true);
		expect(await strong.delete()).toBe(true);
		expect(strong.tapd.http).not.toHaveBeenCalled();
	});
});
