import { WS, ok, runTapd } from '../../../helpers/tapd';

describe('count webhook settings', () => {
	it('counts with the filters, as a number', async () => {
		const count = await runTapd({ resource: 'webhookSetting', operation: 'count', filters: { status: 'closed' } }, () => ok({ count: '4' }));
		expect(count.output[0].json).toEqual({ count: 4 });
		expect(count.http.calls[0]).toMatchObject({ url: '/webhook_settings/count', qs: { status: 'closed', workspace_id: WS } });
	});
});
