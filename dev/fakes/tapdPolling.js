// @ts-check
'use strict';

/**
 * What the fake TAPD offers the TAPD Polling Trigger (docs/contracts/tapd.md, "Change histories"), kept apart
 * from the rest of the fake:
 *
 * - stories, bugs and tasks changed with real times: `created` and `modified` as TAPD writes them (China
 *   Standard Time, whole seconds), so that many changes share a second, as they do in TAPD;
 * - the change histories `GET /bug_changes` (one `BugChange` per field), `/story_changes` and `/task_changes`
 *   (one `WorkitemChange` per save, `changes` a JSON list of `{ field, value_before, value_after }`), with
 *   `<object>_id` (several, comma-separated), `created` (TAPD's time conditions), `order`, `limit`, `page`.
 *
 * Tests make changes with `POST /__fake/polling/changes` `{ object, create, update }` (a count, or for update a
 * list of ids) and read back what was made; `POST /__fake/polling/hold` `{ ms }` holds every list request that
 * asks for `modified` (a poll) for a while; `GET /__fake/polling/state` counts list requests per object, history
 * requests and polls waiting, and lists the last 200 of those requests with their times.
 */

/** @typedef {Record<string, string>} Row */

const sleep = async (/** @type {number} */ ms) => await new Promise((resolve) => setTimeout(resolve, ms));

/** An instant as TAPD writes times: `Y-m-d H:i:s`, China Standard Time. @param {number} instant */
const tapdTime = (instant) => new Date(instant + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

const OBJECTS = /** @type {const} */ ({
	bug: { path: '/bugs', rows: 'bugs', type: '5', titleField: 'title', ownerField: 'current_owner', statuses: ['new', 'in_progress', 'resolved', 'closed'], history: '/bug_changes' },
	story: { path: '/stories', rows: 'stories', type: '3', titleField: 'name', ownerField: 'owner', statuses: ['planning', 'developing', 'resolved'], history: '/story_changes' },
	task: { path: '/tasks', rows: 'tasks', type: '4', titleField: 'name', ownerField: 'owner', statuses: ['open', 'progressing', 'done'], history: '/task_changes' },
});
const OWNERS = ['张三;', '李四;', '王五;'];

/**
 * @param {{ state: () => any, newId: (type: string) => string, workspaceId: string,
 *   filterRows: (rows: Row[], query: Record<string, string>) => Row[], shapeRows: (rows: Row[], query: Record<string, string>) => Row[] }} store
 *   the main fake's state (replaced on reset), id maker and the list endpoints' own filtering and ordering
 */
function tapdPolling(store) {
	/** @type {Record<string, Row[]>} */
	let history = { bug: [], story: [], task: [] };
	let nextChangeId = 1;
	let holdMs = 0;
	/** The rows this module made, by collection: a reset takes them away again (other tests share the fake). */
	/** @type {Array<[string, string]>} */
	const ownRows = [];
	const counters = { waiting: 0, historyRequests: 0, listRequests: /** @type {Record<string, number>} */ ({ bugs: 0, stories: 0, tasks: 0 }) };
	/** The last polling requests, `<epoch ms> <bugs|stories|tasks|history>`, newest last. @type {string[]} */
	const recent = [];
	/** @param {string} route */
	const logged = (route) => {
		recent.push(`${Date.now()} ${route}`);
		if (recent.length > 200) recent.shift();
	};

	/** @param {keyof typeof OBJECTS} object @param {Row} row @param {Array<[string, string, string]>} changes field, before, after */
	function recordHistory(object, row, changes) {
		const common = { workspace_id: store.workspaceId, created: row.modified };
		if (object === 'bug') {
			for (const [field, before, after] of changes) {
				history.bug.push({ ...common, id: String(nextChangeId++), bug_id: row.id, author: 'e2e_api_user', field, old_value: before, new_value: after, memo: '' });
			}
			return;
		}
		const changed = changes.map(([field, before, after]) => ({ field, value_before: before, value_after: after }));
		history[object].push({ ...common, id: String(nextChangeId++), [`${object}_id`]: row.id, creator: 'e2e_api_user', change_summary: '', comment: '', changes: JSON.stringify(changed), entity_type: object === 'story' ? 'Story' : 'Task' });
	}

	/**
	 * @param {{ object?: string, create?: number, update?: number | string[] }} body
	 * @returns {[number, unknown]}
	 */
	function change(body) {
		const object = /** @type {keyof typeof OBJECTS} */ (body.object ?? 'bug');
		const spec = OBJECTS[object];
		if (!spec) return [422, { message: `object must be one of ${Object.keys(OBJECTS).join(', ')}` }];
		/** @type {Row[]} */
		const rows = store.state()[spec.rows];
		/** @type {Array<{ id: string, action: string, modified: string }>} */
		const made = [];
		for (let i = 0; i < Number(body.create ?? 0); i++) {
			const time = tapdTime(Date.now());
			const id = store.newId(spec.type);
			const row = { id, workspace_id: store.workspaceId, [spec.titleField]: `轮询 polled ${id.slice(-6)}`, status: spec.statuses[0], [spec.ownerField]: OWNERS[0], creator: 'e2e_api_user', modifier: 'e2e_api_user', created: time, modified: time };
			rows.push(row);
			made.push({ id, action: 'create', modified: time });
			ownRows.push([spec.rows, id]);
		}
		const polled = rows.filter((row) => row.modified);
		const targets = Array.isArray(body.update) ? body.update.map(String) : polled.slice(0, Number(body.update ?? 0)).map((row) => row.id);
		for (const id of targets) {
			const row = rows.find((candidate) => candidate.id === id);
			if (!row) continue;
			/** @type {readonly string[]} */
			const statuses = spec.statuses;
			const status = statuses[(statuses.indexOf(row.status) + 1) % statuses.length];
			const owner = OWNERS[(OWNERS.indexOf(row[spec.ownerField]) + 1) % OWNERS.length];
			/** @type {Array<[string, string, string]>} */
			const changes = [['status', row.status, status], [spec.ownerField, row[spec.ownerField], owner]];
			Object.assign(row, { status, [spec.ownerField]: owner, modified: tapdTime(Date.now()), modifier: 'e2e_api_user' });
			recordHistory(object, row, changes);
			made.push({ id, action: 'update', modified: row.modified });
		}
		return [200, { made }];
	}

	/**
	 * Answers the change histories, and holds polls of the list endpoints; undefined for the rest of the fake.
	 * @param {string} method @param {string} path @param {Record<string, string>} query
	 * @returns {Promise<[number, unknown] | undefined>} [HTTP status, `data` of TAPD's envelope]
	 */
	async function api(method, path, query) {
		if (method !== 'GET') return undefined;
		const listed = Object.values(OBJECTS).find((spec) => spec.path === path);
		if (listed && query.modified) {
			counters.listRequests[listed.rows]++;
			logged(listed.rows);
			if (holdMs > 0) {
				counters.waiting++;
				await sleep(holdMs);
				counters.waiting--;
			}
			return undefined;
		}
		const entry = Object.entries(OBJECTS).find(([, spec]) => spec.history === path);
		if (!entry) return undefined;
		counters.historyRequests++;
		logged('history');
		const [object] = entry;
		const idParameter = `${object}_id`;
		if (!query[idParameter] && !query.created) return [422, `${idParameter} or created is required`];
		const ids = (query[idParameter] ?? '').split(',').filter(Boolean);
		const { [idParameter]: _ids, need_parse_changes: _parse, include_add_bug: _add, ...rest } = query;
		const records = store.filterRows(history[object].filter((record) => !ids.length || ids.includes(record[idParameter])), rest);
		const limit = Math.min(Number(query.limit ?? 30), object === 'bug' ? 200 : 100);
		const page = Number(query.page ?? 1);
		const shaped = store.shapeRows(records, rest).slice((page - 1) * limit, page * limit);
		const key = object === 'bug' ? 'BugChange' : 'WorkitemChange';
		return [200, shaped.map((record) => ({ [key]: record }))];
	}

	/**
	 * The control endpoints under /__fake/polling/.
	 * @param {string} method @param {string} path @param {Record<string, any>} body
	 * @returns {[number, unknown]}
	 */
	function control(method, path, body) {
		if (path === '/__fake/polling/state' && method === 'GET') return [200, { ...counters, holdMs, recent, history: Object.fromEntries(Object.entries(history).map(([k, v]) => [k, v.length])) }];
		if (method !== 'POST') return [404, { message: 'unknown polling control endpoint' }];
		if (path === '/__fake/polling/changes') return change(body);
		if (path === '/__fake/polling/hold') {
			holdMs = Number(body.ms ?? 0);
			return [200, { holdMs }];
		}
		if (path === '/__fake/polling/reset') {
			const state = store.state();
			for (const [collection, id] of ownRows.splice(0)) {
				const rows = /** @type {Row[]} */ (state[collection]);
				const index = rows.findIndex((row) => row.id === id);
				if (index >= 0) rows.splice(index, 1);
			}
			history = { bug: [], story: [], task: [] };
			counters.historyRequests = 0;
			counters.listRequests = { bugs: 0, stories: 0, tasks: 0 };
			return [200, { reset: true }];
		}
		return [404, { message: 'unknown polling control endpoint' }];
	}

	return { api, control };
}

module.exports = { tapdPolling, tapdTime };
