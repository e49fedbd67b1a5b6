import { MAX_WORKFLOW_PAGES, publishedTriggers, publishAgain } from '../../../nodes/shared/checkWebhooks/n8nApi';
import { executeContext } from '../../helpers/contexts';

const API = 'https://n8n.example.com/api/v1/';
const node = (name: string, type: string, webhookId?: string, extra: Record<string, unknown> = {}) => ({ name, type, webhookId, parameters: {}, ...extra });

function api(pages: Record<string, unknown>, answers: Record<string, unknown> = {}) {
	const calls: Array<{ method?: string; url: string; qs?: Record<string, unknown>; body?: unknown }> = [];
	const http = jest.fn(async (_type: string, options: { method?: string; url: string; qs?: Record<string, unknown>; body?: unknown }) => {
		calls.push(options);
		const body = options.url.endsWith('/workflows') ? pages[String(options.qs?.cursor ?? '')] : answers[`${options.method} ${options.url}`];
		return { statusCode: body === undefined ? 404 : 200, body: body ?? { message: 'Not Found' }, headers: {} };
	});
	const { context } = executeContext({ credentials: { apiUrl: API, apiKey: 'k' }, http });
	return { context, calls, http };
}

describe('publishedTriggers', () => {
	it('reads every page of published workflows and keeps the enabled nodes of the type, from the published version', async () => {
		const { context, calls, http } = api({
			'': { data: [{ id: 'w1', name: 'One', nodes: [node('Draft only', 'n8n-nodes-testops.tapdTrigger', 'x')], activeVersion: { nodes: [node('T', 'n8n-nodes-testops.tapdTrigger', 'a', { credentials: { tapdApi: { id: 'c1', name: 'TAPD' } } })] } }], nextCursor: 'p2' },
			p2: { data: [{ id: 'w2', name: 'Two', nodes: [node('Off', 'CUSTOM.tapdTrigger', 'b', { disabled: true }), node('Other', 'n8n-nodes-testops.azureDevOpsTrigger', 'c'), node('Custom', 'CUSTOM.tapdTrigger', 'd')] }], nextCursor: null },
		});
		const triggers = await publishedTriggers(context, 'tapdTrigger', 'https://n8n.example.com/webhook/', 'tapd');
		expect(triggers).toEqual([
			{ workflowId: 'w1', workflowName: 'One', nodeName: 'T', url: 'https://n8n.example.com/webhook/a/tapd', parameters: {}, credentialIds: { tapdApi: 'c1' } },
			{ workflowId: 'w2', workflowName: 'Two', nodeName: 'Custom', url: 'https://n8n.example.com/webhook/d/tapd', parameters: {}, credentialIds: {} },
		]);
		expect(calls.map((call) => [call.url, call.qs])).toEqual([
			['https://n8n.example.com/api/v1/workflows', { active: true, limit: 100 }],
			['https://n8n.example.com/api/v1/workflows', { active: true, limit: 100, cursor: 'p2' }],
		]);
		expect(http.mock.calls[0][0]).toBe('testOpsN8nApi');
	});

	it('ends with a clear error when n8n hands back a cursor it gave before, instead of looping', async () => {
		const { context, calls } = api({
			'': { data: [{ id: 'w1', name: 'One', nodes: [] }], nextCursor: 'p2' },
			p2: { data: [{ id: 'w2', name: 'Two', nodes: [] }], nextCursor: 'p2' },
		});
		await expect(publishedTriggers(context, 'tapdTrigger', 'https://n8n.example.com/webhook/', 'tapd')).rejects.toMatchObject({
			message: "n8n's API answered page 3 with records it had already sent",
			description: expect.stringContaining('Read 2 records before the repeat.'),
		});
		expect(calls).toHaveLength(2);
	});

	it('ends with a clear error past its page cap', async () => {
		const pages = Object.fromEntries(Array.from({ length: MAX_WORKFLOW_PAGES + 5 }, (_, i) => [i === 0 ? '' : `c${i}`, { data: [{ id: `w${i}`, nodes: [] }], nextCursor: `c${i + 1}` }]));
		const { context, calls } = api(pages);
		await expect(publishedTriggers(context, 'tapdTrigger', 'https://n8n.example.com/webhook/', 'tapd')).rejects.toThrow(`n8n's API has more than ${MAX_WORKFLOW_PAGES} pages here`);
		expect(calls).toHaveLength(MAX_WORKFLOW_PAGES);
	});

	it('explains a wrong API URL', async () => {
		const { context } = api({});
		await expect(publishedTriggers(context, 'tapdTrigger', 'https://n8n.example.com/webhook/', 'tapd')).rejects.toThrow("n8n's API found nothing (HTTP 404) during GET /workflows");
	});
});

describe('publishAgain', () => {
	it('unpublishes and publishes the version that was published', async () => {
		const { context, calls } = api({}, {
			'GET https://n8n.example.com/api/v1/workflows/w%201': { id: 'w 1', activeVersionId: 'v3', versionId: 'v4' },
			'POST https://n8n.example.com/api/v1/workflows/w%201/deactivate': {},
			'POST https://n8n.example.com/api/v1/workflows/w%201/activate': {},
		});
		await publishAgain(context, 'w 1');
		expect(calls.map((call) => `${call.method} ${call.url.slice(API.length - 1)}`)).toEqual(['GET /workflows/w%201', 'POST /workflows/w%201/deactivate', 'POST /workflows/w%201/activate']);
		expect(calls[2].body).toEqual({ versionId: 'v3' });
	});
});
