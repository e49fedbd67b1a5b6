import { WS, ok, runTapd } from '../../../helpers/tapd';

describe('count webhook settings', () => {
	it('counts with the filters, as a number', async () => {
		const count = await runTapd({ resource: 'webhookSetting', operation: 'count', filters: { status: 'closed' } }, () => ok({ count: '4' }));
		expect(count.output[0].json).toEqual({ count: 4 });
		expect(count.http.calls[0]).toMatchObject({ url: '/webhook_settings/count', qs: { status: 'closed', workspace_id: WS } });
	});
});

describe('count webhook settings by URL', () => {
	it("sends the count's own URL filter, url, not the list's webhook_url", async () => {
		const count = await runTapd({ resource: 'webhookSetting', operation: 'count', filters: { url: 'https://h.example/t', created: '>2026-01-01' } }, () => ok({ count: 1 }));
		expect(count.http.calls[0].qs).toEqual({ workspace_id: WS, url: 'https://h.example/t', created: '>2026-01-01' });
		expect(count.http.calls[0].qs).not.toHaveProperty('webhook_url');
	});
});
