import { WS, ok, runTapd } from '../../../helpers/tapd';

describe('delete a webhook setting', () => {
	it('deletes by id in the workspace', async () => {
		const removed = await runTapd({ resource: 'webhookSetting', operation: 'delete', settingId: '9' }, () => ok({ result: true }));
		expect(removed.http.calls[0]).toMatchObject({ method: 'POST', url: '/webhook_settings/delete_webhook_settings', form: { id: '9', workspace_id: WS } });
		expect(removed.output[0].json).toEqual({ id: '9', deleted: true, result: 'deleted' });
	});
});
