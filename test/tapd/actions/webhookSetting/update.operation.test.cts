import { WS, ok, runTapd, type TapdCall } from '../../../helpers/tapd';

const answer = ({ form }: TapdCall): [number, unknown] => ok({ WebhookSetting: { id: form.id, url: 'https://h.example/t', events: form.events ?? 'bug::create', status: form.status ?? 'normal', secret: 'kept-secret' } });

describe('update a webhook setting', () => {
	it('closes and reopens a setting with POST and its id, and outputs it without the secret', async () => {
		const closed = await runTapd({ resource: 'webhookSetting', operation: 'update', settingId: ' 9 ', updateFields: { status: 'closed' } }, answer);
		expect(closed.http.calls[0]).toMatchObject({ method: 'POST', url: '/webhook_settings', form: { workspace_id: WS, id: '9', status: 'closed' } });
		expect(closed.output[0].json).toEqual({ id: '9', url: 'https://h.example/t', events: 'bug::create', status: 'closed', has_secret: true });
		const reopened = await runTapd({ resource: 'webhookSetting', operation: 'update', settingId: '9', updateFields: { status: 'normal' } }, answer);
		expect(reopened.http.calls[0].form.status).toBe('normal');
	});

	it("replaces the events with TAPD's comma-separated list, and changes the URL and, from the credential, the secret", async () => {
		const secret = 'e4b7d0f3a6c9e2b5d8f1a4c7e0b3d6f9';
		const changed = await runTapd(
			{ resource: 'webhookSetting', operation: 'update', settingId: '9', secretFromCredential: true, updateFields: { events: ['bug::create', 'story::update'], url: ' https://h.example/u ' } },
			answer,
			{ credentials: { secret } },
		);
		expect(changed.http.calls[0].form).toEqual({ workspace_id: WS, id: '9', events: 'bug::create,story::update', url: 'https://h.example/u', secret });
		expect(JSON.stringify(changed.output)).not.toContain(secret);
	});

	it('changes only the secret when that is all it is asked to do', async () => {
		const secret = 'e4b7d0f3a6c9e2b5d8f1a4c7e0b3d6f9';
		const changed = await runTapd({ resource: 'webhookSetting', operation: 'update', settingId: '9', secretFromCredential: true, updateFields: {} }, answer, { credentials: { secret } });
		expect(changed.http.calls[0].form).toEqual({ workspace_id: WS, id: '9', secret });
	});

	it('refuses an update without fields, and a devcloud URL on a port TAPD cannot reach, before calling TAPD', async () => {
		await expect(runTapd({ resource: 'webhookSetting', operation: 'update', settingId: '9', updateFields: { events: [] } }, answer)).rejects.toThrow('Add at least one field to update');
		await expect(runTapd({ resource: 'webhookSetting', operation: 'update', settingId: '9', updateFields: { url: 'http://n8n.devcloud.woa.com:5678/w' } }, answer)).rejects.toThrow(/only on ports 80, 443, 8080, 8081/);
	});
});
