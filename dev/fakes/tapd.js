// @ts-check
'use strict';
const { createServer } = require('node:http');
const { randomBytes } = require('node:crypto');

const { fixtureSecret } = require('../fixtureSecret');
const { tapdPolling } = require('./tapdPolling');
const { withRedirectMode } = require('./redirects');
const { createTapdScale } = require('./tapdScale');

/**
 * A fake TAPD open API (docs/contracts/tapd.md): `{status, data, info}` answers, Basic (API account) and Bearer
 * (personal or app token) auth, webhook settings, bugs/stories/tasks, workflows and iterations, the company's
 * workspaces (`/workspaces/projects?company_id=`, one list without pages), the app token endpoint. Webhook settings take exactly the documented parameters (the list's URL filter is
 * `webhook_url`, the count's `url`); an undocumented one is answered 422, stricter than TAPD is known to be,
 * so that a wrong name fails a test instead of matching everything. Settings are updated with `POST` and
 * their `id`, and deleted with `POST /webhook_settings/delete_webhook_settings` (TAPD's documented form of
 * deletes); HTTP DELETE is refused (405) unless a test allows it. State lives in memory; tests read and
 * steer it under `/__fake/…`: `GET /__fake/state`, `POST /__fake/mode`
 * `{mode: 'normal'|'rateLimit'|'status0'|'outage', forMs?}` (an outage answers 503 to every API call, for
 * `forMs` or until the next mode change), `POST /__fake/deleteForms` `{forms: ['post'|'delete', …]}` (which
 * delete forms answer), `POST /__fake/reset`,
 * `POST /__fake/expireTokens` (invalidates issued app tokens), `POST /__fake/redirect` (dev/fakes/redirects.js).
 * At scale (synthetic bugs by the hundred thousand, the per-account quota): dev/fakes/tapdScale.js and its
 * `/__fake/scale/…` endpoints. The polling trigger's change histories and controls under `/__fake/polling/` are
 * in dev/fakes/tapdPolling.js.
 */

const TAPD_FAKE = {
	workspaceId: '10158231',
	apiUser: 'e2e_api_user',
	apiPassword: fixtureSecret('tapd api password', 16),
	personalToken: fixtureSecret('tapd personal token', 24),
	clientId: 'e2e_app_client',
	clientSecret: fixtureSecret('tapd app client secret', 24),
	iterationId: '1010158231001000001',
	companyId: '20003271',
};

/** The company's entry and its workspaces, as `/workspaces/projects` lists them; only `workspaceId` has data. */
const WORKSPACES = [
	{ id: TAPD_FAKE.companyId, name: 'Acme', category: 'organization', status: 'normal' },
	{ id: TAPD_FAKE.workspaceId, name: '支付中台 Payments', category: 'project', status: 'normal' },
	{ id: '10158232', name: 'Mobile App', category: 'project', status: 'normal' },
	{ id: '10158233', name: 'Legacy CRM', category: 'project', status: 'closed' },
];

/** @typedef {Record<string, string>} Row */

const BUG_STATUS_MAP = {
	new: '新',
	in_progress: '接受/处理',
	resolved: '已解决',
	verified: '已验证',
	reopened: '重新打开',
	closed: '已关闭',
	rejected: '已拒绝',
};
const STORY_STATUS_MAP = { planning: '规划中', developing: '实现中', resolved: '已实现', rejected: '已拒绝' };
const LAST_STEPS = { bug: { closed: '已关闭', rejected: '已拒绝' }, story: { resolved: '已实现', rejected: '已拒绝' } };
const SEVERITIES = ['fatal', 'serious', 'normal', 'prompt', 'advice'];
const STATUS_CYCLE = ['new', 'new', 'in_progress', 'resolved', 'closed', 'closed', 'rejected'];

/** A 19-digit TAPD id: 11, the workspace, a type digit, a sequence. @param {string} type @param {number} sequence */
function longId(type, sequence) {
	const prefix = `11${TAPD_FAKE.workspaceId}${type}`;
	return `${prefix}${String(sequence).padStart(19 - prefix.length, '0')}`;
}

function seed() {
	/** @type {Row[]} */
	const bugs = [];
	for (let i = 0; i < 300; i++) {
		bugs.push({
			id: longId('5', i + 1),
			workspace_id: TAPD_FAKE.workspaceId,
			title: `缺陷 ${i + 1}: 登录页面报错`,
			severity: SEVERITIES[i % 5],
			priority: ['urgent', 'high', 'medium', 'low'][i % 4],
			status: STATUS_CYCLE[i % 7],
			iteration_id: i % 2 === 0 ? TAPD_FAKE.iterationId : '0',
			current_owner: i % 3 === 0 ? '张三;' : '李四;',
			reporter: 'e2e',
			created: '2026-01-05 10:00:00',
		});
	}
	return {
		/** @type {'normal' | 'rateLimit' | 'status0' | 'outage'} */
		mode: 'normal',
		outageUntil: 0,
		/** Which forms of deleting a webhook setting answer. @type {string[]} */
		deleteForms: ['post'],
		sequence: 1000,
		/** @type {Row[]} */
		webhookSettings: [],
		bugs,
		/** @type {Row[]} */
		stories: [
			{ id: longId('3', 1), workspace_id: TAPD_FAKE.workspaceId, name: '用户可以导出报表', status: 'planning', owner: '张三;' },
		],
		/** @type {Row[]} */
		tasks: [{ id: longId('4', 1), workspace_id: TAPD_FAKE.workspaceId, name: '编写导出接口', status: 'open', owner: '李四;' }],
		iterations: [
			{ id: TAPD_FAKE.iterationId, workspace_id: TAPD_FAKE.workspaceId, name: '迭代1 Sprint 1', status: 'open' },
		],
		/** @type {Set<string>} */
		appTokens: new Set(),
		tokenRequests: 0,
		/** @type {{ method: string, path: string, auth: string, query: Record<string, string>, body: Record<string, string> }[]} */
		requests: [],
	};
}

const COLLECTIONS = /** @type {const} */ ({
	'/bugs': { key: 'Bug', state: 'bugs', type: '5', required: 'title' },
	'/stories': { key: 'Story', state: 'stories', type: '3', required: 'name' },
	'/tasks': { key: 'Task', state: 'tasks', type: '4', required: 'name' },
	'/webhook_settings': { key: 'WebhookSetting', state: 'webhookSettings', type: '0', required: 'url' },
	'/iterations': { key: 'Iteration', state: 'iterations', type: '1', required: 'name' },
});
const LOOSE_FIELDS = new Set(['title', 'name', 'current_owner', 'owner', 'events']);
const CONTROL_PARAMETERS = new Set(['workspace_id', 'limit', 'page', 'fields', 'order']);
const TIME_FIELDS = new Set(['created', 'modified']);

/** The parameters TAPD documents for the webhook settings list and count (获取Webhook配置, 获取Webhook配置数量). */
const SETTING_FILTERS = ['id', 'workspace_id', 'content_type', 'secret', 'owner', 'events', 'status', 'creator', 'created', 'modifier', 'modified'];
const WEBHOOK_SETTING_PARAMETERS = {
	list: new Set([...SETTING_FILTERS, 'webhook_url', 'limit', 'page', 'order', 'fields']),
	count: new Set([...SETTING_FILTERS, 'url']),
};

/**
 * TAPD's time queries: `>2024-01-01`, `<2024-01-01`, `2024-01-01~2024-01-31`, or a date (prefix match).
 * @param {string} actual @param {string} query
 */
function timeMatches(actual, query) {
	if (query.startsWith('>')) return actual > query.slice(1);
	if (query.startsWith('<')) return actual < query.slice(1);
	const [from, to] = query.split('~');
	if (to !== undefined) return actual >= from && actual.slice(0, to.length) <= to;
	return actual.startsWith(query);
}

/**
 * Filters rows the way TAPD's list endpoints do: `a|b` is one of, `id` takes a comma list, names match loosely,
 * times take TAPD's query syntax. `urlFilter` names the filter on a webhook setting's URL.
 * @param {Row[]} rows @param {Record<string, string>} query @param {string} [urlFilter]
 */
function filterRows(rows, query, urlFilter = 'webhook_url') {
	return rows.filter((row) =>
		Object.entries(query).every(([key, value]) => {
			if (key === 'workspace_id') return row.workspace_id === value;
			if (CONTROL_PARAMETERS.has(key)) return true;
			if (key === urlFilter) return row.url === value;
			const actual = row[key] ?? '';
			if (key === 'id') return value.split(',').includes(actual);
			if (TIME_FIELDS.has(key)) return timeMatches(actual, value);
			if (LOOSE_FIELDS.has(key)) return actual.includes(value);
			return value.split('|').includes(actual);
		}),
	);
}

/**
 * A list page shaped as asked: `order` (`<field> asc|desc`) and `fields` (comma-separated).
 * @param {Row[]} rows @param {Record<string, string>} query
 */
function shapeRows(rows, query) {
	let result = rows;
	const [field, direction] = (query.order ?? '').trim().split(/\s+/);
	if (field) {
		const sign = direction?.toLowerCase() === 'desc' ? -1 : 1;
		result = [...rows].sort((a, b) => sign * String(a[field] ?? '').localeCompare(String(b[field] ?? '')));
	}
	const fields = (query.fields ?? '').split(',').map((name) => name.trim()).filter(Boolean);
	if (fields.length) result = result.map((row) => Object.fromEntries(fields.filter((name) => name in row).map((name) => [name, row[name]])));
	return result;
}

/** @param {import('node:http').IncomingMessage} req */
async function readBody(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	const text = Buffer.concat(chunks).toString('utf8');
	if (!text) return {};
	if ((req.headers['content-type'] ?? '').includes('json')) return JSON.parse(text);
	return Object.fromEntries(new URLSearchParams(text));
}

/** @param {string | undefined} header */
function basic(header) {
	const match = /^Basic (.+)$/.exec(header ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * @param {{ now?: () => number }} [options] `now`: the quota's clock (tests run it on virtual time)
 * @returns {Promise<import('../stack').FakeServer>}
 */
async function startTapd(options = {}) {
	let state = seed();
	/** Change histories and controls of the polling trigger (dev/fakes/tapdPolling.js). */
	const polling = tapdPolling({ state: () => state, newId: (type) => longId(type, ++state.sequence), workspaceId: TAPD_FAKE.workspaceId, filterRows, shapeRows });
	const scale = createTapdScale({ now: options.now ?? Date.now, longId, workspaceId: TAPD_FAKE.workspaceId, iterationId: TAPD_FAKE.iterationId });

	/**
	 * @param {import('node:http').ServerResponse} res @param {number} code @param {unknown} body
	 */
	const send = (res, code, body) => {
		res.writeHead(code, { 'content-type': 'application/json; charset=utf-8' });
		res.end(JSON.stringify(body));
	};
	/** @param {import('node:http').ServerResponse} res @param {unknown} data */
	const ok = (res, data) => send(res, 200, { status: 1, data, info: 'success' });
	/** @param {import('node:http').ServerResponse} res @param {number} code @param {string} info */
	const fail = (res, code, info) => send(res, code, { status: 0, data: '', info });

	/** @param {import('node:http').IncomingMessage} req */
	function authOf(req) {
		const header = req.headers.authorization;
		const account = basic(header);
		if (account) {
			return account.user === TAPD_FAKE.apiUser && account.password === TAPD_FAKE.apiPassword ? 'basic' : undefined;
		}
		const bearer = /^Bearer (.+)$/.exec(header ?? '')?.[1];
		if (bearer === TAPD_FAKE.personalToken) return 'personal';
		if (bearer && state.appTokens.has(bearer)) return 'app';
		return undefined;
	}

	// Redirect mode (dev/fakes/redirects.js): every call can be answered with a redirect to another host.
	const server = createServer(withRedirectMode(async (req, res) => {
		try {
			const url = new URL(req.url ?? '/', 'http://fake');
			const path = url.pathname.replace(/\/+$/, '') || '/';
			const query = Object.fromEntries(url.searchParams);
			const method = req.method ?? 'GET';
			const body = await readBody(req);

			if (path.startsWith('/__fake/')) {
				const scaled = scale.control(path, method, body);
				if (scaled) return send(res, scaled[0], scaled[1]);
				if (path === '/__fake/state') {
					return send(res, 200, { ...state, appTokens: [...state.appTokens] });
				}
				if (path === '/__fake/mode') {
					state.mode = body.mode ?? 'normal';
					state.outageUntil = body.forMs ? Date.now() + Number(body.forMs) : Infinity;
					return send(res, 200, { mode: state.mode });
				}
				if (path === '/__fake/reset') {
					state = seed();
					return send(res, 200, { reset: true });
				}
				if (path === '/__fake/deleteForms') {
					state.deleteForms = Array.isArray(body.forms) ? body.forms : ['post'];
					return send(res, 200, { deleteForms: state.deleteForms });
				}
				if (path.startsWith('/__fake/polling/')) return send(res, ...polling.control(method, path, body));
				if (path === '/__fake/expireTokens') {
					state.appTokens.clear();
					return send(res, 200, { expired: true });
				}
				return send(res, 404, { message: 'unknown control endpoint' });
			}

			if (path === '/tokens/request_token' && method === 'POST') {
				state.tokenRequests++;
				const client = basic(req.headers.authorization);
				if (client?.user !== TAPD_FAKE.clientId || client.password !== TAPD_FAKE.clientSecret) {
					return fail(res, 401, 'invalid client');
				}
				if (body.grant_type !== 'client_credentials') return fail(res, 422, 'grant_type must be client_credentials');
				const token = randomBytes(16).toString('hex');
				state.appTokens.add(token);
				return ok(res, { access_token: token, expires_in: 7200, token_type: 'Bearer' });
			}

			const auth = authOf(req);
			state.requests.push({ method, path, auth: auth ?? 'none', query, body });
			if (!auth) return fail(res, 401, 'Unauthorized: invalid api_user/api_password or token');
			const overQuota = scale.overQuota(auth);
			if (overQuota) {
				res.writeHead(overQuota[0], { ...overQuota[1], 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(overQuota[2]));
				return;
			}
			if (state.mode === 'rateLimit') return fail(res, 429, 'API rate limit exceeded, please retry later');
			if (state.mode === 'outage' && Date.now() >= state.outageUntil) state.mode = 'normal';
			if (state.mode === 'outage') {
				res.writeHead(503, { 'content-type': 'text/html' }).end('<html><body>503 Service Temporarily Unavailable</body></html>');
				return;
			}
			if (state.mode === 'status0') return send(res, 200, { status: 0, data: '', info: '参数错误: workspace_id 无效' });

			if (path === '/quickstart/testauth') return ok(res, { api_user: auth, api_password: '' });
			if (path === '/workspaces/projects' && method === 'GET') {
				if (query.company_id !== TAPD_FAKE.companyId) return fail(res, 403, `not allowed to access project ${query.company_id ?? ''}`);
				return ok(res, WORKSPACES.map((workspace) => ({ Workspace: workspace })));
			}

			const workspaceId = query.workspace_id ?? body.workspace_id;
			if (!workspaceId) return fail(res, 422, 'workspace_id is required');
			if (workspaceId !== TAPD_FAKE.workspaceId) return fail(res, 404, 'workspace not found');

			const polled = await polling.api(method, path, query);
			if (polled) return polled[0] === 200 ? ok(res, polled[1]) : fail(res, polled[0], String(polled[1]));
			const synthetic = scale.bugsAnswer(path, method, query);
			if (synthetic) return send(res, synthetic[0], synthetic[1]);

			if (path === '/workflows/status_map' && method === 'GET') {
				return ok(res, query.system === 'story' ? STORY_STATUS_MAP : BUG_STATUS_MAP);
			}
			if (path === '/workflows/last_steps' && method === 'GET') {
				return ok(res, LAST_STEPS[/** @type {'bug'|'story'} */ (query.system)] ?? {});
			}

			// Deleting a webhook setting: TAPD's documented form of deletes, and HTTP DELETE when a test allows it.
			const deletesSetting =
				(path === '/webhook_settings/delete_webhook_settings' && method === 'POST' && state.deleteForms.includes('post')) ||
				(path === '/webhook_settings' && method === 'DELETE' && state.deleteForms.includes('delete'));
			if (deletesSetting) {
				const id = method === 'DELETE' ? query.id : body.id;
				if (!id) return fail(res, 422, 'id is required');
				const index = state.webhookSettings.findIndex((row) => row.id === id && row.workspace_id === workspaceId);
				if (index < 0) return fail(res, 404, 'record not found');
				state.webhookSettings.splice(index, 1);
				return ok(res, { result: true });
			}

			const isCount = path.endsWith('/count');
			const collectionPath = /** @type {keyof typeof COLLECTIONS} */ (isCount ? path.slice(0, -'/count'.length) : path);
			const collection = COLLECTIONS[collectionPath];
			if (!collection) return fail(res, 404, 'no such API');
			/** @type {Row[]} */
			const rows = state[collection.state];

			if (method === 'GET' && collection.key === 'WebhookSetting') {
				const allowed = WEBHOOK_SETTING_PARAMETERS[isCount ? 'count' : 'list'];
				const unknown = Object.keys(query).find((key) => !allowed.has(key));
				if (unknown) return fail(res, 422, `参数错误: ${unknown} is not a parameter of ${path}`);
			}
			const urlFilter = isCount ? 'url' : 'webhook_url';
			if (method === 'GET' && isCount) return ok(res, { count: filterRows(rows, query, urlFilter).length });
			if (method === 'GET') {
				const limit = Math.min(Number(query.limit ?? 30), 200);
				const page = Number(query.page ?? 1);
				const found = shapeRows(filterRows(rows, query, urlFilter), query).slice((page - 1) * limit, page * limit);
				return ok(res, found.map((row) => ({ [collection.key]: row })));
			}
			if (method === 'DELETE' && collection.key !== 'WebhookSetting') {
				const index = rows.findIndex((row) => row.id === query.id && row.workspace_id === workspaceId);
				if (index < 0) return fail(res, 404, 'record not found');
				rows.splice(index, 1);
				return ok(res, { result: true });
			}
			if (method === 'POST' && collection.key === 'WebhookSetting') {
				if (body.status !== undefined && !['normal', 'closed'].includes(body.status)) return fail(res, 422, 'status must be normal or closed');
				if (body.content_type !== undefined && !['json', 'form'].includes(body.content_type)) return fail(res, 422, 'content_type must be json or form');
			}
			if (method === 'POST' && body.id) {
				const row = rows.find((candidate) => candidate.id === body.id && candidate.workspace_id === workspaceId);
				if (!row) return fail(res, 404, 'record not found');
				Object.assign(row, body, { modified: '2026-01-06 09:00:00' });
				return ok(res, { [collection.key]: row });
			}
			if (method === 'POST') {
				if (!body[collection.required]) return fail(res, 422, `${collection.required} is required`);
				if (collection.key === 'WebhookSetting' && !body.events) return fail(res, 422, 'events is required');
				const row = {
					status: collection.key === 'WebhookSetting' ? 'normal' : collection.key === 'Bug' ? 'new' : 'open',
					...(collection.key === 'WebhookSetting' ? { content_type: 'json', secret: '', owner: '' } : {}),
					...body,
					id: longId(collection.type, ++state.sequence),
					workspace_id: workspaceId,
					creator: auth,
					created: '2026-01-06 08:00:00',
				};
				rows.push(row);
				return ok(res, { [collection.key]: row });
			}
			return fail(res, 405, 'method not allowed');
		} catch (error) {
			send(res, 500, { status: 0, data: '', info: `fake TAPD failed: ${String(error)}` });
		}
	}));

	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://127.0.0.1:${address.port}`,
		close: async () => await new Promise((resolve) => server.close(() => resolve(undefined))),
	};
}

module.exports = { startTapd, TAPD_FAKE };
