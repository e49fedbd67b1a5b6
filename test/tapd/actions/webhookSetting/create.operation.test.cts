import { WS, ok, runTapd, tapdExecuteContext } from '../../../helpers/tapd';
import { Tapd } from '../../../../nodes/Tapd/Tapd.node';

const SECRET = '7c2e9a4f1b8d3e6a0c5f2b9d4e7a1c3f';
const echo = ({ form }: { form: Record<string, string> }): [number, unknown] => ok({ WebhookSetting: { id: '1010158231000002151', ...form } });

describe('create a webhook setting', () => {
	it("sends the TAPD Webhook Secret credential's secret and RIO token, and outputs the setting without either", async () => {
		const { context, mock, http } = tapdExecuteContext({
			parameters: { workspaceId: WS, resource: 'webhookSetting', operation: 'create', url: 'https://h.example/t', events: ['bug::create', 'story::update'], secretFromCredential: true, additionalFields: { content_type: 'form' } },
			handler: echo,
			credentials: { secret: SECRET, rioToken: ' rio-gateway-token ' },
		});
		const [output] = await new Tapd().execute.call(context);
		expect(mock.getCredentials).toHaveBeenCalledWith('tapdWebhookApi', 0);
		expect(http.calls[0].form).toEqual({ workspace_id: WS, url: 'https://h.example/t', events: 'bug::create,story::update', secret: SECRET, rio_token: 'rio-gateway-token', content_type: 'form' });
		expect(output[0].json).toMatchObject({ id: '1010158231000002151', has_secret: true });
		expect(JSON.stringify(output)).not.toContain(SECRET);
		expect(JSON.stringify(output)).not.toContain('rio-gateway-token');
	});

	it('sends no secret when the switch is off, and reads no webhook credential', async () => {
		const { context, mock, http } = tapdExecuteContext({
			parameters: { workspaceId: WS, resource: 'webhookSetting', operation: 'create', url: 'https://h.example/t', events: ['bug::create'], secretFromCredential: false },
			handler: echo,
		});
		await new Tapd().execute.call(context);
		expect(http.calls[0].form).toEqual({ workspace_id: WS, url: 'https://h.example/t', events: 'bug::create' });
		expect(mock.getCredentials).not.toHaveBeenCalledWith('tapdWebhookApi', expect.anything());
	});

	it("refuses a weak secret in the credential before calling TAPD, as the trigger's publish does", async () => {
		const handler = jest.fn(echo);
		await expect(
			runTapd({ resource: 'webhookSetting', operation: 'create', url: 'https://h.example/t', events: ['bug::create'], secretFromCredential: true }, handler as never, { credentials: { secret: 'secret'.repeat(5) } }),
		).rejects.toThrow(/repeats the same 6 characters; .*: fix it in the TAPD Webhook Secret credential$/);
		expect(handler).not.toHaveBeenCalled();
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
