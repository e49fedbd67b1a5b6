import { WS, ok, runTapd } from '../../../helpers/tapd';

describe('create a webhook setting', () => {
	it('creates a setting and outputs it without the secret', async () => {
		const { output, http } = await runTapd(
			{ resource: 'webhookSetting', operation: 'create', url: 'https://h.example/t', events: ['bug::create', 'story::update'], additionalFields: { secret: 'shh-secret', content_type: 'form' } },
			({ form }) => ok({ WebhookSetting: { id: '1010158231000002151', ...form } }),
		);
		expect(http.calls[0].form).toEqual({ workspace_id: WS, url: 'https://h.example/t', events: 'bug::create,story::update', secret: 'shh-secret', content_type: 'form' });
		expect(output[0].json).toMatchObject({ id: '1010158231000002151', has_secret: true });
		expect(JSON.stringify(output)).not.toContain('shh-secret');
	});

	it('refuses a setting without events', async () => {
		await expect(runTapd({ resource: 'webhookSetting', operation: 'create', url: 'https://h.example/t', events: [] }, () => ok({}))).rejects.toThrow('Select at least one event');
	});
});

describe('create a webhook setting on devcloud', () => {
	it('refuses a devcloud URL on a port TAPD cannot reach, before calling TAPD', async () => {
		const handler = jest.fn(() => ok({}));
		await expect(runTapd({ resource: 'webhookSetting', operation: 'create', url: 'http://n8n.devcloud.woa.com:5678/webhook/x', events: ['bug::create'] }, handler as never)).rejects.toThrow(/only on ports 80, 443, 8080, 8081.*port 5678/);
		expect(handler).not.toHaveBeenCalled();
	});
});
