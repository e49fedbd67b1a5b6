import { WS, ok, runTapd } from '../../../helpers/tapd';

describe('get many webhook settings', () => {
	it('lists up to the limit, without secrets', async () => {
		const list = await runTapd({ resource: 'webhookSetting', operation: 'getAll', returnAll: false, limit: 1, filters: { status: 'normal' } }, () => ok([{ WebhookSetting: { id: '1', secret: 'x' } }, { WebhookSetting: { id: '2', secret: '' } }]));
		expect(list.output.map((item) => item.json)).toEqual([{ id: '1', has_secret: true }]);
		expect(list.http.calls[0].qs).toMatchObject({ status: 'normal', limit: '1' });
	});
});

describe('get many webhook settings with the documented filters and options', () => {
	it('filters by URL, content type and time, orders and picks fields; a setting read without its secret says nothing about one', async () => {
		const list = await runTapd(
			{ resource: 'webhookSetting', operation: 'getAll', returnAll: true, filters: { webhook_url: 'https://h.example/t', content_type: 'form', modified: '2026-01-01~2026-01-31' }, queryOptions: { order: 'created desc', fields: 'id,url' } },
			() => ok([{ WebhookSetting: { id: '1', url: 'https://h.example/t' } }]),
		);
		expect(list.http.calls[0].qs).toEqual({ workspace_id: WS, webhook_url: 'https://h.example/t', content_type: 'form', modified: '2026-01-01~2026-01-31', order: 'created desc', fields: 'id,url', limit: '200', page: '1' });
		expect(list.output.map((item) => item.json)).toEqual([{ id: '1', url: 'https://h.example/t' }]);
	});
});
