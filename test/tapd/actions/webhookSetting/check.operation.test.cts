import { Tapd } from '../../../../nodes/Tapd/Tapd.node';
import { savedWorkspaceId } from '../../../../nodes/Tapd/actions/webhookSetting/check.operation';
import { executeContext } from '../../../helpers/contexts';
import { TAPD_CREDENTIALS, WS, ok, tapdResponder } from '../../../helpers/tapd';

const BASE = 'https://n8n.example.com/webhook/';
const API = 'https://n8n.example.com/api/v1';
const url = (webhookId: string) => `${BASE}${webhookId}/tapd`;
const setting = (id: string, webhookId: string, status = 'normal') => ({ id, workspace_id: WS, url: url(webhookId), events: 'bug::create', status, secret: 's'.repeat(64) });
const trigger = (webhookId: string, parameters: Record<string, unknown> = { workspaceId: WS }) => ({ name: `Trigger ${webhookId}`, type: 'n8n-nodes-testops.tapdTrigger', webhookId, parameters });

/** TAPD holds `settings`; n8n's API publishes `workflows`; n8n receives at `listening`. */
async function check(settings: Array<ReturnType<typeof setting>>, workflows: unknown[], listening: string[], parameters: Record<string, unknown> = {}) {
	const tapd = tapdResponder(({ method, form }) => {
		if (method === 'GET') return ok(settings.map((s) => ({ WebhookSetting: s })));
		const updated = settings.find((s) => s.id === form.id);
		Object.assign(updated ?? {}, { status: form.status });
		return ok({ WebhookSetting: updated });
	});
	const n8nCalls: string[] = [];
	const http = jest.fn(async (type: string, options: { method?: string; url: string }, extra: unknown) => {
		if (!options.url.startsWith(API)) return await tapd(type, options, extra);
		n8nCalls.push(`${options.method} ${options.url.slice(API.length)}`);
		const body = options.url.endsWith('/workflows') ? { data: workflows, nextCursor: null } : { id: 'w1', activeVersionId: 'v1' };
		return { statusCode: 200, body, headers: {} };
	});
	const httpRequest = jest.fn(async (options: { url: string }) => ({ statusCode: listening.includes(options.url) ? 401 : 404 }));
	const { context } = executeContext({
		parameters: { resource: 'webhookSetting', operation: 'check', workspaceId: WS, ...parameters },
		credentials: { ...TAPD_CREDENTIALS, apiUrl: API, apiKey: 'k' },
		http,
		httpRequest,
	});
	const [items] = await new Tapd().execute.call(context);
	return { rows: items.map((item) => item.json), tapdCalls: tapd.calls, n8nCalls, settings };
}

describe('TAPD → Webhook Setting → Check', () => {
	it('sets a closed setting of a published trigger back to normal through TAPD’s update', async () => {
		const { rows, tapdCalls, settings } = await check([setting('7', 'a', 'closed')], [{ id: 'w1', name: 'Bugs', nodes: [trigger('a')] }], [url('a')]);
		expect(rows).toEqual([
			expect.objectContaining({ service: 'TAPD', registrationId: '7', status: 'closed', workflowName: 'Bugs', action: 'reEnabled', needsAttention: false, events: 'bug::create', workspaceId: WS }),
		]);
		const update = tapdCalls.find((call) => call.method === 'POST');
		expect(update?.url).toBe('/webhook_settings');
		expect(update?.form).toEqual({ workspace_id: WS, id: '7', status: 'normal' });
		expect(settings[0].status).toBe('normal');
		expect(JSON.stringify(rows)).not.toContain('s'.repeat(64));
	});

	it('publishes again the automatic triggers of this workspace whose setting is missing, not manual or other ones', async () => {
		const workflows = [{ id: 'w1', name: 'Bugs', nodes: [trigger('a'), trigger('b', { workspaceId: '999' }), trigger('c', { workspaceId: WS, registration: 'manual' })] }];
		const { rows, n8nCalls } = await check([], workflows, []);
		expect(rows.map((row) => [row.url, row.status, row.action])).toEqual([[url('a'), 'missing', 'publishedAgain']]);
		expect(n8nCalls).toEqual(['GET /workflows', 'GET /workflows/w1', 'POST /workflows/w1/deactivate', 'POST /workflows/w1/activate']);
	});

	it('reads the workspace of a published trigger as n8n saves it: an ID, or a locator by list, ID or URL', async () => {
		expect(savedWorkspaceId(WS)).toBe(WS);
		expect(savedWorkspaceId({ __rl: true, mode: 'list', value: WS, cachedResultName: 'Payments' })).toBe(WS);
		expect(savedWorkspaceId({ __rl: true, mode: 'id', value: ` ${WS} ` })).toBe(WS);
		expect(savedWorkspaceId({ __rl: true, mode: 'url', value: `https://www.tapd.cn/${WS}/bugtrace/bugreports/my_view` })).toBe(WS);
		expect(savedWorkspaceId({ __rl: true, mode: 'url', value: 'https://www.tapd.cn/' })).toBe('');
		expect(savedWorkspaceId(undefined)).toBe('');
		const locator = { __rl: true, mode: 'list', value: WS };
		const workflows = [{ id: 'w1', name: 'Bugs', nodes: [trigger('a', { workspaceId: locator })] }];
		const { rows } = await check([], workflows, []);
		expect(rows.map((row) => [row.url, row.status, row.action])).toEqual([[url('a'), 'missing', 'publishedAgain']]);
	});

	it('reports a setting no published workflow receives, without touching it', async () => {
		const { rows, tapdCalls } = await check([setting('8', 'gone', 'closed')], [], []);
		expect(rows).toEqual([expect.objectContaining({ registrationId: '8', listening: false, action: 'none', needsAttention: true })]);
		expect(tapdCalls.filter((call) => call.method !== 'GET')).toHaveLength(0);
	});
});
