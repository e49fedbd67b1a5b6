import { E2E_SECRETS } from '../dev/credentials';
import { TAPD_FAKE } from '../dev/fakes/tapd';
import { post } from '../dev/http';
import { tapdBugUpdateForm } from '../dev/samples';
import { e2eContext } from './harness/context';

const { n8n, fakeUrl, failedBeforeAnswer } = e2eContext();
const tapd = fakeUrl('tapd');

const TRIGGER_WEBHOOK_ID = '3f6b2a10-7c4d-4e8f-9a1b-2c3d4e5f6a01';
const triggerUrl = n8n.webhookUrl(TRIGGER_WEBHOOK_ID, 'tapd');
// UiPath Test Manager asks <Payload URL>/api/kpis/project/<projectId>/defectstatus with its connection secret.
const kpiBase = n8n.webhookUrl('3f6b2a10-7c4d-4e8f-9a1b-2c3d4e5f6a02', 'testmanager');
const kpiUrl = `${kpiBase}/api/kpis/project/e2e-project/defectstatus`;
const kpiRequest = { headers: { 'X-TM-Secret': E2E_SECRETS.testManagerClientSecret } };
// n8n's own Webhook node serves its path directly under /webhook/.
const appCountUrl = `${n8n.url}/webhook/tapd-open-bugs`;
const tourUrl = `${n8n.url}/webhook/tapd-tour`;

jest.setTimeout(60_000);

type Row = Record<string, string>;
interface FakeState {
	mode: string;
	webhookSettings: Row[];
	bugs: Row[];
	stories: Row[];
	tasks: Row[];
	tokenRequests: number;
	appTokens: string[];
	requests: Array<{ method: string; path: string; auth: string; query: Row; body: Row }>;
}

async function fake<T = FakeState>(path: string, body?: unknown): Promise<T> {
	const response = await fetch(`${tapd}/__fake/${path}`, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return (await response.json()) as T;
}

/** Calls a freshly published n8n Webhook node, retrying while n8n has not registered it yet (404). */
async function callWebhook(url: string, init: RequestInit = {}) {
	const deadline = Date.now() + 15_000;
	for (;;) {
		const response = await fetch(url, init);
		const text = await response.text();
		if (response.status !== 404 || Date.now() > deadline) {
			let body: any = text || undefined;
			try {
				body = JSON.parse(text);
			} catch {}
			return { status: response.status, body };
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

const settingsFor = (state: FakeState, url: string) =>
	state.webhookSettings.filter((setting) => setting.url === url);

/**
 * n8n serves a published webhook before its create() hook has finished (and stops serving it before
 * delete() has), so the fake's settings are awaited rather than read once.
 */
async function waitForSettings(url: string, count: number): Promise<Row[]> {
	const deadline = Date.now() + 15_000;
	for (;;) {
		const settings = settingsFor(await fake('state'), url);
		if (settings.length === count || Date.now() > deadline) return settings;
		await new Promise((resolve) => setTimeout(resolve, 150));
	}
}

describe('TAPD Trigger in a real n8n', () => {
	let workflowId: string;
	let secret: string;

	beforeAll(async () => {
		await fake('reset', {});
		workflowId = (await n8n.workflowByName('TAPD: route bug and story events')).id;
		await n8n.publish(workflowId, [triggerUrl]);
	});

	afterAll(async () => {
		await n8n.unpublish(workflowId, [triggerUrl]).catch(() => undefined);
	});

	it("creates a webhook setting for n8n's URL with a generated secret on publish", async () => {
		const settings = await waitForSettings(triggerUrl, 1);
		expect(settings).toHaveLength(1);
		const [setting] = settings;
		expect(setting).toMatchObject({
			workspace_id: TAPD_FAKE.workspaceId,
			url: triggerUrl,
			content_type: 'json',
			status: 'normal',
			creator: 'basic',
		});
		expect(setting.events.split(',').sort()).toEqual(['bug::create', 'bug::update', 'story::create']);
		expect(setting.secret).toMatch(/^[0-9a-f]{64}$/);
		secret = setting.secret;
	});

	it('turns a JSON delivery with Chinese text and a 19-digit id into one execution without the secret', async () => {
		const before = (await n8n.executions(workflowId)).length;
		// The id is a bare JSON number beyond 2^53, as PHP would send it: it must stay exact.
		const body = `{"event":"bug::create","event_from":"web","workspace_id":${TAPD_FAKE.workspaceId},"current_user":"张三","event_id":700001,"id":1110158231500000999,"title":"登录页面报错：密码含中文","secret":"${secret}","created":"2026-01-06 08:00:00"}`;
		const response = await post(triggerUrl, body);
		expect(response).toEqual({ status: 200, body: { message: 'Workflow was started' } });

		const [execution] = await n8n.waitForExecutionCount(workflowId, before + 1);
		expect(execution.status).toBe('success');
		const [item] = n8n.nodeOutput(execution, 'TAPD Trigger');
		expect(item).toMatchObject({
			event: 'bug::create',
			object: 'bug',
			action: 'create',
			workspace_id: TAPD_FAKE.workspaceId,
			id: '1110158231500000999',
			current_user: '张三',
			created: '2026-01-06 08:00:00',
			created_iso: '2026-01-06T08:00:00+08:00',
			changes: [],
			title: '登录页面报错：密码含中文',
		});
		expect(item).not.toHaveProperty('secret');
		expect(n8n.nodeOutput(execution, 'Summary')[0].text).toBe(
			'bug create 1110158231500000999 by 张三 at 2026-01-06T08:00:00+08:00',
		);
		expect(JSON.stringify(execution.data)).not.toContain(secret);
	});

	it('turns a form delivery of an update into one execution with its changes', async () => {
		const before = (await n8n.executions(workflowId)).length;
		const form = tapdBugUpdateForm(secret);
		const response = await post(triggerUrl, form, { 'content-type': 'application/x-www-form-urlencoded' });
		expect(response.status).toBe(200);

		const [execution] = await n8n.waitForExecutionCount(workflowId, before + 1);
		const [item] = n8n.nodeOutput(execution, 'TAPD Trigger');
		expect(item).toMatchObject({
			event: 'bug::update',
			action: 'update',
			id: '1110158231500000998',
			current_user: '李四',
			created_iso: '2026-01-06T09:30:15+08:00',
			changes: [
				{ field: 'status', old: 'new' },
				{ field: 'current_owner', old: '张三;' },
			],
			old_title: '旧标题：支付失败',
		});
		expect(item).not.toHaveProperty('secret');
		expect(JSON.stringify(execution.data)).not.toContain(secret);
	});

	it('answers a wrong or missing secret with 401 and starts nothing', async () => {
		const before = (await n8n.executions(workflowId)).length;
		const delivery = (withSecret?: string) =>
			JSON.stringify({
				event: 'bug::create',
				workspace_id: TAPD_FAKE.workspaceId,
				id: '1110158231500000997',
				event_id: '700003',
				...(withSecret === undefined ? {} : { secret: withSecret }),
			});
		const almost = `${secret.slice(0, -1)}${secret.endsWith('0') ? '1' : '0'}`; // differs in the last character only
		const wrong = await post(triggerUrl, delivery(almost));
		const missing = await post(triggerUrl, delivery());
		const wrongForm = await post(triggerUrl, 'event=bug%3A%3Acreate&secret=guess', { 'content-type': 'application/x-www-form-urlencoded' });
		for (const answer of [wrong, missing, wrongForm]) {
			expect(answer).toEqual({ status: 401, body: { message: 'Unauthorized' } });
		}
		expect(await n8n.executions(workflowId)).toHaveLength(before);
	});

	it('acknowledges an event that is not selected without an execution', async () => {
		const before = (await n8n.executions(workflowId)).length;
		const response = await post(
			triggerUrl,
			JSON.stringify({ event: 'task::create', workspace_id: TAPD_FAKE.workspaceId, id: '1', secret }),
		);
		expect(response).toEqual({ status: 200, body: { message: 'Accepted; this event is not selected' } });
		expect(await n8n.executions(workflowId)).toHaveLength(before);
	});

	it('deletes the webhook setting on unpublish, and creates exactly one again on the next publish', async () => {
		// Counted from here: an earlier test file's unpublish can still reach the fake after the reset above
		// (n8n 2.40 unpublishes through an outbox), with calls of its own trigger.
		const from = (await fake('state')).requests.length;
		await n8n.unpublish(workflowId, [triggerUrl]);
		expect(await waitForSettings(triggerUrl, 0)).toHaveLength(0);

		await n8n.publish(workflowId, [triggerUrl]);
		const again = await waitForSettings(triggerUrl, 1);
		expect(again).toHaveLength(1);
		expect(again[0].secret).not.toBe(secret);
		await n8n.unpublish(workflowId, [triggerUrl]);
		expect(await waitForSettings(triggerUrl, 0)).toHaveLength(0);
		// Exactly one create per publish and one delete (TAPD's documented form) per unpublish: nothing was duplicated.
		const calls = (await fake('state')).requests.slice(from).filter((r) => r.path.startsWith('/webhook_settings') && r.method !== 'GET');
		expect(calls.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /webhook_settings/delete_webhook_settings',
			'POST /webhook_settings',
			'POST /webhook_settings/delete_webhook_settings',
		]);
	});
});

describe('TAPD node in a real n8n', () => {
	const published: string[] = [];
	async function publish(name: string, probeUrls: string[] = []): Promise<string> {
		const { id } = await n8n.workflowByName(name);
		await n8n.publish(id, probeUrls);
		published.push(id);
		return id;
	}

	beforeAll(async () => {
		await fake('reset', {});
	});

	afterEach(async () => {
		await fake('mode', { mode: 'normal' });
	});

	afterAll(async () => {
		for (const id of published) await n8n.unpublish(id).catch(() => undefined);
	});

	it("answers Test Manager's Defect KPIs request with TAPD's numbers through Respond with Defect KPIs: open defects by severity", async () => {
		await publish('TAPD: answer Test Manager defect KPIs', [kpiBase]);
		const { bugs } = await fake('state');
		const response = await callWebhook(kpiUrl, kpiRequest);
		expect(response.status).toBe(200);
		const isClosed = (bug: Row) => ['closed', 'rejected'].includes(bug.status);
		const closed = bugs.filter(isClosed).length;
		const open = bugs.filter((bug) => !isClosed(bug));
		expect(response.body).toEqual({
			totalDefects: bugs.length,
			criticalDefects: open.filter((bug) => ['fatal', 'serious'].includes(bug.severity)).length,
			moderateDefects: open.filter((bug) => bug.severity === 'normal').length,
			openDefects: bugs.length - closed,
			closedDefects: closed,
			status: 'Success',
			criticalDefectsLink: `https://www.tapd.cn/${TAPD_FAKE.workspaceId}/bugtrace/bugreports/my_view`,
		});
		expect(response.body.totalDefects).toBe(300);
		const { requests } = await fake('state');
		expect(requests.some((r) => r.path === '/workflows/last_steps' && r.query.system === 'bug')).toBe(true);
		expect(requests.some((r) => r.path === '/bugs/count' && r.query.severity === 'fatal|serious')).toBe(true);
		expect(requests.some((r) => r.path === '/bugs/count' && r.query.severity === 'fatal|serious' && r.query.status === 'closed|rejected')).toBe(true);
	});

	/** Sets options of the example's Defect KPIs node, published anew; answers how to put the old ones back. */
	async function kpiOptions(id: string, options: Record<string, unknown>): Promise<() => Promise<void>> {
		type Workflow = { name: string; nodes: Array<{ name: string; parameters: Record<string, unknown> }>; connections: unknown; settings?: unknown };
		const workflow = (await n8n.api('GET', `/workflows/${id}`)) as Workflow;
		const save = async (nodes: Workflow['nodes']) => {
			await n8n.unpublish(id, [kpiBase]);
			await n8n.api('PUT', `/workflows/${id}`, { name: workflow.name, nodes, connections: workflow.connections, settings: workflow.settings ?? {} });
			await n8n.publish(id, [kpiBase]);
		};
		const changed = workflow.nodes.map((node) => (node.name === 'Defect KPIs' ? { ...node, parameters: { ...node.parameters, kpiOptions: { ...(node.parameters.kpiOptions as object), ...options } } } : node));
		await save(changed);
		return async () => await save(workflow.nodes);
	}

	it("reports TAPD's rate limit and a status 0 answer as errors that say what happened, when no earlier count can answer", async () => {
		const id = (await n8n.workflowByName('TAPD: answer Test Manager defect KPIs')).id;
		if (!published.includes(id)) await publish('TAPD: answer Test Manager defect KPIs', [kpiBase]);
		// Without the cache (its stale answer is what a rate limit gets otherwise), within 5 s of counting.
		const restore = await kpiOptions(id, { cacheSeconds: 0, timeBudgetSeconds: 5 });
		try {

			await fake('mode', { mode: 'rateLimit' });
			const before = (await n8n.executions(id)).length;
			const limited = await callWebhook(kpiUrl, kpiRequest);
			expect(limited.status).toBe(failedBeforeAnswer.status);
			const [rateLimited] = await n8n.waitForExecutionCount(id, before + 1);
			expect(rateLimited.status).toBe('error');
			expect(rateLimited.data?.resultData.error?.message).toMatch(/TAPD is limiting the rate of requests \(HTTP 429\)/);
			// The retry policy tried again before giving up, and said so.
			expect((rateLimited.data?.resultData.error as { description?: string } | undefined)?.description).toMatch(/Tried \d+ times/);

			await fake('mode', { mode: 'status0' });
			await callWebhook(kpiUrl, kpiRequest);
			const [refused] = await n8n.waitForExecutionCount(id, before + 2);
			expect(refused.status).toBe('error');
			expect(refused.data?.resultData.error?.message).toContain('参数错误');
			expect(JSON.stringify(refused.data)).not.toContain(TAPD_FAKE.apiPassword);
		} finally {
			await fake('mode', { mode: 'normal' });
			await restore();
		}
	});

	it('runs bug, story, task and webhook setting operations, reading every page of 200 with | filters', async () => {
		const id = await publish('TAPD: node operations tour');
		const before = (await n8n.executions(id)).length;
		const response = await callWebhook(tourUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ title: '支付页面崩溃：金额含小数时', description: '<p>复现步骤：输入 0.1 元</p>' }),
		});
		expect(response.status).toBe(200);
		const [execution] = await n8n.waitForExecutionCount(id, before + 1);
		expect(execution.status).toBe('success');
		const state = await fake('state');

		const [created] = n8n.nodeOutput(execution, 'Create Bug');
		expect(created).toMatchObject({ title: '支付页面崩溃：金额含小数时', severity: 'fatal', priority: 'high', current_owner: '张三;' });
		expect(created.id).toMatch(/^\d{19}$/);
		expect(n8n.nodeOutput(execution, 'Get Bug')).toEqual([expect.objectContaining({ id: created.id, title: created.title })]);
		expect(n8n.nodeOutput(execution, 'Update Bug')[0]).toMatchObject({ id: created.id, status: 'resolved' });
		expect(state.bugs.find((bug) => bug.id === created.id)?.status).toBe('resolved');

		const wanted = state.bugs.filter((bug) => ['new', 'in_progress', 'resolved', 'closed'].includes(bug.status));
		const many = n8n.nodeOutput(execution, 'Get Many Bugs');
		expect(many.length).toBeGreaterThan(200); // two pages of TAPD's maximum 200
		const pages = state.requests.filter((r) => r.path === '/bugs' && r.method === 'GET' && r.query.status === 'new|in_progress|resolved|closed');
		expect(pages.map((r) => [r.query.limit, r.query.page])).toEqual([['200', '1'], ['200', '2']]);
		expect(many.map((bug) => bug.id).sort()).toEqual(wanted.map((bug) => bug.id).sort());
		expect(n8n.nodeOutput(execution, 'Count Bugs')).toEqual([{ count: wanted.length }]);

		const [story] = n8n.nodeOutput(execution, 'Create Story');
		expect(story).toMatchObject({ name: '需求: 导出报表到 Excel' });
		expect(n8n.nodeOutput(execution, 'Create Task')[0]).toMatchObject({ name: '任务: 实现导出', story_id: story.id });

		const [setting] = n8n.nodeOutput(execution, 'Create Webhook Setting');
		expect(setting).toMatchObject({ url: 'https://hooks.example.com/tapd', events: 'bug::create,story::update', content_type: 'form', has_secret: true });
		expect(setting).not.toHaveProperty('secret');
		expect(n8n.nodeOutput(execution, 'Get Many Webhook Settings')).toHaveLength(1);
		expect(n8n.nodeOutput(execution, 'Count Webhook Settings')).toEqual([{ count: 1 }]);
		expect(n8n.nodeOutput(execution, 'Close Webhook Setting')[0]).toMatchObject({ id: setting.id, status: 'closed', events: 'bug::create,bug::update', has_secret: true });
		expect(response.body).toEqual({ id: setting.id, deleted: true, result: 'deleted' });
		// The count filtered by its own url parameter (the fake refuses the list's webhook_url there); the setting
		// was closed with POST and its id, then deleted with TAPD's documented form.
		const settingCalls = state.requests.filter((r) => r.path.startsWith('/webhook_settings'));
		expect(settingCalls.find((r) => r.path === '/webhook_settings/count')?.query).toMatchObject({ url: 'https://hooks.example.com/tapd' });
		expect(settingCalls.filter((r) => r.method === 'POST').map((r) => `${r.path} ${r.body.status ?? ''}`.trim())).toEqual([
			'/webhook_settings',
			'/webhook_settings closed',
			'/webhook_settings/delete_webhook_settings',
		]);
		expect(state.webhookSettings.find((row) => row.id === setting.id)).toBeUndefined();
		// The secret comes from the TAPD Webhook Secret credential, never a parameter; no TAPD node outputs it.
		const sent = state.requests.filter((r) => r.method === 'POST' && r.path === '/webhook_settings' && !r.body.id).at(-1)?.body.secret;
		expect(sent).toBe(E2E_SECRETS.tapdWebhookSecret);
		expect(JSON.stringify(execution.data)).not.toContain(sent);
		const tapdNodes = ['Create Webhook Setting', 'Get Many Webhook Settings', 'Count Webhook Settings', 'Close Webhook Setting', 'Delete Webhook Setting'];
		for (const name of tapdNodes) expect(JSON.stringify(n8n.nodeOutput(execution, name))).not.toContain(sent);
		expect(JSON.stringify(response.body)).not.toContain(sent);
	});

	it('fetches an app token once, reuses it, and renews it when TAPD rejects it', async () => {
		await publish('TAPD: count open bugs with an app token');
		const start = (await fake('state')).tokenRequests;
		const open = (await fake('state')).bugs.filter((bug) => ['new', 'in_progress', 'reopened'].includes(bug.status)).length;

		expect(await callWebhook(appCountUrl)).toEqual({ status: 200, body: { count: open } });
		expect(await callWebhook(appCountUrl)).toEqual({ status: 200, body: { count: open } });
		let state = await fake('state');
		expect(state.tokenRequests).toBe(start + 1);
		expect(state.requests.filter((r) => r.auth === 'app')).toHaveLength(2);

		await fake('expireTokens', {});
		expect(await callWebhook(appCountUrl)).toEqual({ status: 200, body: { count: open } });
		state = await fake('state');
		expect(state.tokenRequests).toBe(start + 2);
	});
});

describe("TAPD workspace locator's list in a real n8n", () => {
	it("lists the credential's company's workspaces by name, searched, without the company itself", async () => {
		const list = async (filter?: string) =>
			await n8n.listSearch({ node: 'n8n-nodes-testops.tapd', parameter: 'workspaceId', method: 'searchWorkspaces', credential: ['tapdApi', 'TAPD account'], filter });
		const all = await list();
		expect(all.results.map((r) => r.value).sort()).toEqual(['10158231', '10158232', '10158233']);
		expect(all.results).toContainEqual({ name: 'Legacy CRM (closed)', value: '10158233', url: 'https://www.tapd.cn/10158233' });
		expect(all.paginationToken).toBeUndefined();
		expect((await list('payments')).results.map((r) => r.value)).toEqual([TAPD_FAKE.workspaceId]);
		expect((await list('支付')).results.map((r) => r.value)).toEqual([TAPD_FAKE.workspaceId]);
	});
});

describe('TAPD API credential test in a real n8n', () => {
	beforeAll(async () => {
		await fake('reset', {});
	});

	afterEach(async () => {
		await fake('mode', { mode: 'normal' });
	});

	/** What the editor's "Test" button does: the stored credential, with the data of the form. */
	async function testCredential(data: Record<string, unknown>) {
		return await n8n.testCredential('TAPD account', 'tapdApi', { baseUrl: `${tapd}/`, ...data });
	}

	const account = { authType: 'apiAccount', apiUser: TAPD_FAKE.apiUser, apiPassword: TAPD_FAKE.apiPassword };

	it('proves access for each authentication type with /quickstart/testauth', async () => {
		expect(await testCredential(account)).toMatchObject({ status: 'OK' });
		expect(await testCredential({ authType: 'personalAccessToken', personalAccessToken: TAPD_FAKE.personalToken })).toMatchObject({ status: 'OK' });
		const before = (await fake('state')).tokenRequests;
		expect(await testCredential({ authType: 'appClientCredentials', clientId: TAPD_FAKE.clientId, clientSecret: TAPD_FAKE.clientSecret, accessToken: '' })).toMatchObject({ status: 'OK' });
		expect((await fake('state')).tokenRequests).toBe(before + 1);
		const auths = (await fake('state')).requests.filter((r) => r.path === '/quickstart/testauth').map((r) => r.auth);
		expect(auths).toEqual(['basic', 'personal', 'app']);
	});

	it('fails for a wrong password, a wrong client secret and a status 0 answer', async () => {
		const wrong = await testCredential({ ...account, apiPassword: 'wrong' });
		expect(wrong).toMatchObject({ status: 'Error' });
		expect(wrong.message).not.toContain('wrong');
		const badApp = await testCredential({ authType: 'appClientCredentials', clientId: TAPD_FAKE.clientId, clientSecret: 'wrong', accessToken: '' });
		expect(badApp.status).toBe('Error');
		expect(badApp.message).not.toContain('wrong');
		await fake('mode', { mode: 'status0' });
		expect(await testCredential(account)).toEqual({ status: 'Error', message: 'TAPD refused these credentials (status 0): check the account and its API access' });
	});
});
