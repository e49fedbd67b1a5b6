import { countWebhookSettings, createWebhookSetting, deleteWebhookSetting, findWebhookSetting, listWebhookSettings } from '../../../nodes/Tapd/api/webhookSettings';
import { fakeTapd, ok, tapdExecuteContext, tapdHookContext } from '../../helpers/tapd';

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

	it('deletes a setting; one that is already gone counts as gone', async () => {
		const { context, tapd } = tapdHookContext({ tapd: fakeTapd([setting]) });
		expect(await deleteWebhookSetting(context, WS, '7')).toBe('deleted');
		expect(tapd.settings).toHaveLength(0);
		expect(await deleteWebhookSetting(context, WS, '7')).toBe('alreadyGone');
	});

	it('closes a setting when TAPD refuses the DELETE but the setting still exists', async () => {
		const { context, tapd } = tapdHookContext({ tapd: fakeTapd([setting], { deleteStatus: 405 }) });
		expect(await deleteWebhookSetting(context, WS, '7')).toBe('closed');
		expect(tapd.settings[0]).toMatchObject({ id: '7', status: 'closed' });
		const gone = tapdHookContext({ tapd: fakeTapd([], { deleteStatus: 405 }) });
		expect(await deleteWebhookSetting(gone.context, WS, '7')).toBe('alreadyGone');
	});

	it.each([429, 401])('reports HTTP %s instead of trying to close the setting', async (status) => {
		const { context, tapd } = tapdHookContext({ tapd: fakeTapd([setting], { deleteStatus: status }) });
		await expect(deleteWebhookSetting(context, WS, '7')).rejects.toThrow(`(HTTP ${status}) during DELETE /webhook_settings`);
		expect(tapd.settings[0].status).toBe('normal');
	});
});
