import { NodeApiError } from 'n8n-workflow';

import { startTapd, TAPD_FAKE } from '../../../dev/fakes/tapd';
import { RETRY_POLICY } from '../../../nodes/shared/http/retry';
import {
	countWebhookSettings,
	createWebhookSetting,
	deleteWebhookSetting,
	devcloudPortProblem,
	findWebhookSetting,
	listWebhookSettings,
	updateWebhookSetting,
} from '../../../nodes/Tapd/api/webhookSettings';
import { executeContext } from '../../helpers/contexts';
import { fakeTapd, liveTapdHttp, ok, tapdExecuteContext, tapdHookContext } from '../../helpers/tapd';

const WS = '10158231';
const setting = { id: '7', workspace_id: WS, url: 'https://h.example/t', events: 'bug::create', status: 'normal', secret: 'x' };

describe('webhook settings API', () => {
	it('lists, finds, counts and creates in the workspace', async () => {
		const { context, tapd } = tapdHookContext({ tapd: fakeTapd([setting]) });
		expect(await listWebhookSettings(context, WS, { webhook_url: 'https://h.example/t' })).toEqual([setting]);
		expect(tapd.http.calls[0]).toMatchObject({ method: 'GET', url: '/webhook_settings', qs: { workspace_id: WS, webhook_url: 'https://h.example/t', limit: '200', page: '1' } });
		expect(await findWebhookSetting(context, WS, '7')).toEqual(setting);
		expect(await findWebhookSetting(context, WS, '8')).toBeUndefined();
		const created = await createWebhookSetting(context, { workspace_id: WS, url: 'https://h.example/u', events: 'story::create' });
		expect(created).toMatchObject({ id: '100', url: 'https://h.example/u', status: 'normal' });
		const counting = tapdExecuteContext({ handler: () => ok({ count: '2' }) });
		expect(await countWebhookSettings(counting.context, WS, { status: 'normal' })).toBe(2);
		expect(counting.http.calls[0]).toMatchObject({ url: '/webhook_settings/count', qs: { workspace_id: WS, status: 'normal' } });
	});

	it("deletes a setting with TAPD's documented form of deletes; one that is already gone counts as gone", async () => {
		const { context, tapd } = tapdHookContext({ tapd: fakeTapd([setting]) });
		expect(await deleteWebhookSetting(context, WS, '7')).toBe('deleted');
		expect(tapd.http.calls[0]).toMatchObject({ method: 'POST', url: '/webhook_settings/delete_webhook_settings', form: { workspace_id: WS, id: '7' } });
		expect(tapd.settings).toHaveLength(0);
		expect(await deleteWebhookSetting(context, WS, '7')).toBe('alreadyGone');
	});

	it('falls back to HTTP DELETE where the documented form is unknown', async () => {
		const { context, tapd } = tapdHookContext({ tapd: fakeTapd([setting], { deleteForms: ['delete'] }) });
		expect(await deleteWebhookSetting(context, WS, '7')).toBe('deleted');
		expect(tapd.http.calls.map((call) => `${call.method} ${call.url}`)).toEqual(['POST /webhook_settings/delete_webhook_settings', 'DELETE /webhook_settings']);
		expect(tapd.settings).toHaveLength(0);
	});

	it('closes a setting when TAPD refuses both deletes but the setting still exists', async () => {
		const { context, tapd } = tapdHookContext({ tapd: fakeTapd([setting], { deleteForms: [] }) });
		expect(await deleteWebhookSetting(context, WS, '7')).toBe('closed');
		expect(tapd.settings[0]).toMatchObject({ id: '7', status: 'closed' });
		const gone = tapdHookContext({ tapd: fakeTapd([], { deleteForms: [] }) });
		expect(await deleteWebhookSetting(gone.context, WS, '7')).toBe('alreadyGone');
	});

	it.each([429, 401])('reports HTTP %s instead of trying another form or closing the setting', async (status) => {
		const { context, tapd } = tapdHookContext({ tapd: fakeTapd([setting], { deleteStatus: status }) });
		await expect(deleteWebhookSetting(context, WS, '7')).rejects.toThrow(`(HTTP ${status}) during POST /webhook_settings/delete_webhook_settings`);
		// A 429 is repeated under the retry policy (the service took nothing); a 401 is final.
		expect(tapd.http.calls).toHaveLength(status === 429 ? RETRY_POLICY.maxAttempts : 1);
		expect(tapd.settings[0].status).toBe('normal');
	});

	it('updates a setting with POST and its id, and answers it as TAPD holds it', async () => {
		const { context, tapd } = tapdHookContext({ tapd: fakeTapd([setting]) });
		const updated = await updateWebhookSetting(context, WS, '7', { status: 'closed', events: 'bug::create,bug::update' });
		expect(tapd.http.calls[0]).toMatchObject({ method: 'POST', url: '/webhook_settings', form: { workspace_id: WS, id: '7', status: 'closed', events: 'bug::create,bug::update' } });
		expect(updated).toMatchObject({ id: '7', status: 'closed', events: 'bug::create,bug::update' });
	});

	it('explains that status-change events may be refused when TAPD refuses a setting with them', async () => {
		const refusing = tapdExecuteContext({ handler: () => [422, { status: 0, info: 'events 参数错误' }] });
		const error = (await createWebhookSetting(refusing.context, { workspace_id: WS, url: 'https://h.example/u', events: 'bug::status_change' }).catch((e: unknown) => e)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.description).toMatch(/app subscriptions only.*\*::update/);
		const other = (await createWebhookSetting(refusing.context, { workspace_id: WS, url: 'https://h.example/u', events: 'bug::create' }).catch((e: unknown) => e)) as NodeApiError;
		expect(other.description).not.toMatch(/status_change/);
	});
});

describe('devcloudPortProblem', () => {
	it.each(['https://n8n.devcloud.woa.com/webhook/x', 'http://n8n.devcloud.woa.com:8080/webhook/x', 'https://n8n.devcloud.woa.com:8081/w', 'http://a.devcloud.example:80/w', 'https://n8n.example.com:5678/webhook/x', 'not a url'])('has nothing against %s', (url) => {
		expect(devcloudPortProblem(url)).toBeUndefined();
	});

	it('refuses a devcloud address on another port, naming the ports TAPD reaches', () => {
		expect(devcloudPortProblem('http://n8n.devcloud.woa.com:5678/webhook/x')).toMatch(/only on ports 80, 443, 8080, 8081.*port 5678.*network policy/);
	});
});

describe('webhook settings API against the fake TAPD (dev/fakes/tapd.js)', () => {
	let fake: { url: string; close: () => Promise<unknown> };
	const control = async (path: string, body: unknown) =>
		await fetch(`${fake.url}/__fake/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	const state = async () => (await (await fetch(`${fake.url}/__fake/state`)).json()) as { webhookSettings: Array<Record<string, string>>; requests: Array<{ method: string; path: string }> };
	const live = () =>
		executeContext({
			credentials: { baseUrl: fake.url, authType: 'apiAccount', apiUser: TAPD_FAKE.apiUser, apiPassword: TAPD_FAKE.apiPassword },
			http: liveTapdHttp({ baseUrl: fake.url, authType: 'apiAccount', apiUser: TAPD_FAKE.apiUser, apiPassword: TAPD_FAKE.apiPassword }),
		}).context;
	const FAKE_WS = TAPD_FAKE.workspaceId;

	beforeAll(async () => {
		fake = await startTapd();
	});
	afterAll(async () => {
		await fake.close();
	});
	beforeEach(async () => {
		await control('reset', {});
	});

	it("counts by the count's url filter, and the fake refuses the list's webhook_url there", async () => {
		const context = live();
		await createWebhookSetting(context, { workspace_id: FAKE_WS, url: 'https://h.example/a', events: 'bug::create' });
		await createWebhookSetting(context, { workspace_id: FAKE_WS, url: 'https://h.example/b', events: 'bug::create' });
		expect(await countWebhookSettings(context, FAKE_WS, { url: 'https://h.example/a' })).toBe(1);
		await expect(countWebhookSettings(context, FAKE_WS, { webhook_url: 'https://h.example/a' })).rejects.toThrow(/HTTP 422.*webhook_url is not a parameter/);
		expect((await listWebhookSettings(context, FAKE_WS, { webhook_url: 'https://h.example/b' })).map((s) => s.url)).toEqual(['https://h.example/b']);
	});

	it('closes and reopens a setting and changes its events with the update form', async () => {
		const context = live();
		const created = await createWebhookSetting(context, { workspace_id: FAKE_WS, url: 'https://h.example/a', events: 'bug::create' });
		expect(await updateWebhookSetting(context, FAKE_WS, created.id, { status: 'closed' })).toMatchObject({ id: created.id, status: 'closed' });
		const reopened = await updateWebhookSetting(context, FAKE_WS, created.id, { status: 'normal', events: 'bug::create,story::update' });
		expect(reopened).toMatchObject({ status: 'normal', events: 'bug::create,story::update' });
		expect((await state()).webhookSettings[0]).toMatchObject({ status: 'normal', events: 'bug::create,story::update' });
		await expect(updateWebhookSetting(context, FAKE_WS, created.id, { status: 'paused' })).rejects.toThrow(/HTTP 422.*status must be normal or closed/);
		await expect(updateWebhookSetting(context, FAKE_WS, '1110158231000009999', { status: 'closed' })).rejects.toThrow(/HTTP 404/);
	});

	it('deletes with the documented form, falls back to HTTP DELETE, then closes the setting', async () => {
		const context = live();
		const make = async () => (await createWebhookSetting(context, { workspace_id: FAKE_WS, url: 'https://h.example/a', events: 'bug::create' })).id;

		expect(await deleteWebhookSetting(context, FAKE_WS, await make())).toBe('deleted');
		await control('deleteForms', { forms: ['delete'] });
		expect(await deleteWebhookSetting(context, FAKE_WS, await make())).toBe('deleted');
		expect((await state()).webhookSettings).toEqual([]);
		await control('deleteForms', { forms: [] });
		const kept = await make();
		expect(await deleteWebhookSetting(context, FAKE_WS, kept)).toBe('closed');
		expect((await state()).webhookSettings).toEqual([expect.objectContaining({ id: kept, status: 'closed' })]);
		await control('deleteForms', { forms: ['post'] });
		expect(await deleteWebhookSetting(context, FAKE_WS, kept)).toBe('deleted');
		expect(await deleteWebhookSetting(context, FAKE_WS, kept)).toBe('alreadyGone');
		const deletes = (await state()).requests.filter((r) => r.method !== 'GET' && r.path !== '/webhook_settings').map((r) => `${r.method} ${r.path}`);
		expect(deletes.every((line) => line === 'POST /webhook_settings/delete_webhook_settings')).toBe(true);
	});
});
