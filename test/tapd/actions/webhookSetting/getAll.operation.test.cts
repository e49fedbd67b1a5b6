import { ok, runTapd } from '../../../helpers/tapd';

describe('get many webhook settings', () => {
	it('lists up to the limit, without secrets', async () => {
		const list = await runTapd({ resource: 'webhookSetting', operation: 'getAll', returnAll: false, limit: 1, filters: { status: 'normal' } }, () => ok([{ WebhookSetting: { id: '1', secret: 'x' } }, { WebhookSetting: { id: '2', secret: '' } }]));
		expect(list.output.map((item) => item.json)).toEqual([{ id: '1', has_secret: true }]);
		expect(list.http.calls[0].qs).toMatchObject({ status: 'normal', limit: '1' });
	});
});
