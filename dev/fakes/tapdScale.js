// @ts-check
'use strict';

/**
 * The fake TAPD at scale (issue 22), kept apart from the rest of the fake: any number of synthetic bugs, made
 * from their index when asked for, served by `GET /bugs` (paged, ordered by id, filtered by status, severity
 * and iteration) and `GET /bugs/count`; and the per-account request quota TAPD documents (60 a minute by
 * default), answered beyond it with 429 and `Retry-After`, the seconds until the account's oldest request of the
 * last minute leaves the window. Time comes from `now`, so that tests can run the quota on virtual time.
 *
 * Control endpoints: `POST /__fake/scale/seed` `{ bugs }` (0 gives the fake's own bugs back),
 * `POST /__fake/scale/quota` `{ perMinute }` (0 turns it off), `GET /__fake/scale/state` (requests, 429s, the
 * longest run of 429s in a row for one account).
 *
 * @typedef {Record<string, string>} Row
 */

const SEVERITIES = ['fatal', 'serious', 'normal', 'prompt', 'advice'];
const STATUSES = ['new', 'in_progress', 'in_progress', 'resolved', 'closed', 'closed', 'rejected'];
/** Synthetic bugs' sequence numbers start here, above the fake's own. */
const FIRST_SEQUENCE = 1_000_000;

/**
 * @param {{ now: () => number, longId: (type: string, sequence: number) => string, workspaceId: string, iterationId: string }} options
 */
function createTapdScale(options) {
	let bugs = 0;
	const quota = { perMinute: 0, requests: 0, limited: 0, longestRunOf429: 0 };
	/** Start times of the last minute's requests, and the current run of 429s, per account. @type {Map<string, { starts: number[], run: number }>} */
	const accounts = new Map();
	/** Matching indexes per filter, so that paging a filtered list scans it once. @type {Map<string, number[]>} */
	const filtered = new Map();

	/** @param {number} index @returns {Row} */
	const bug = (index) => ({
		id: options.longId('5', FIRST_SEQUENCE + index),
		workspace_id: options.workspaceId,
		title: `Synthetic bug ${index}`,
		severity: SEVERITIES[index % SEVERITIES.length],
		status: STATUSES[index % STATUSES.length],
		iteration_id: index % 2 === 0 ? options.iterationId : '0',
		reporter: 'bench',
		created: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString().slice(0, 19).replace('T', ' '),
	});

	/** The indexes of the bugs matching TAPD's enum filters (`a|b`). @param {Record<string, string>} query */
	function matching(query) {
		const filters = ['status', 'severity', 'iteration_id'].filter((key) => query[key] !== undefined && query[key] !== '');
		const signature = JSON.stringify(filters.map((key) => [key, query[key]]));
		let indexes = filtered.get(signature);
		if (!indexes) {
			const wanted = filters.map((key) => [key, new Set(query[key].split('|'))]);
			indexes = [];
			for (let index = 0; index < bugs; index++) {
				const row = wanted.length ? bug(index) : undefined;
				if (!row || wanted.every(([key, values]) => /** @type {Set<string>} */ (values).has(row[/** @type {string} */ (key)]))) indexes.push(index);
			}
			filtered.set(signature, indexes);
		}
		return indexes;
	}

	/**
	 * `GET /bugs` and `/bugs/count` over the synthetic bugs: `[status, envelope]`, or undefined when none are
	 * seeded (the fake's own bugs answer then).
	 * @param {string} path @param {string} method @param {Record<string, string>} query
	 * @returns {[number, unknown] | undefined}
	 */
	function bugsAnswer(path, method, query) {
		if (bugs === 0 || method !== 'GET' || (path !== '/bugs' && path !== '/bugs/count')) return undefined;
		const indexes = matching(query);
		if (path === '/bugs/count') return [200, { status: 1, data: { count: indexes.length }, info: 'success' }];
		const [field, direction] = (query.order ?? '').trim().split(/\s+/);
		if (field && field !== 'id' && field !== 'created') {
			return [422, { status: 0, data: '', info: `the fake orders synthetic bugs by id or created only, not ${field}` }];
		}
		const descending = direction?.toLowerCase() === 'desc';
		const limit = Math.min(Number(query.limit ?? 30), 200);
		const page = Math.max(1, Number(query.page ?? 1));
		const fields = (query.fields ?? '').split(',').map((name) => name.trim()).filter(Boolean);
		/** @type {unknown[]} */
		const data = [];
		for (let n = (page - 1) * limit; n < Math.min(page * limit, indexes.length); n++) {
			const row = bug(indexes[descending ? indexes.length - 1 - n : n]);
			data.push({ Bug: fields.length ? Object.fromEntries(fields.filter((name) => name in row).map((name) => [name, row[name]])) : row });
		}
		return [200, { status: 1, data, info: 'success' }];
	}

	/**
	 * The quota: undefined when the request may go on, else `[429, headers, envelope]`.
	 * @param {string} account
	 * @returns {[number, Record<string, string>, unknown] | undefined}
	 */
	function overQuota(account) {
		quota.requests++;
		if (quota.perMinute <= 0) return undefined;
		const now = options.now();
		const state = accounts.get(account) ?? { starts: [], run: 0 };
		accounts.set(account, state);
		state.starts = state.starts.filter((time) => time > now - 60_000);
		if (state.starts.length < quota.perMinute) {
			state.starts.push(now);
			state.run = 0;
			return undefined;
		}
		state.run++;
		quota.limited++;
		quota.longestRunOf429 = Math.max(quota.longestRunOf429, state.run);
		const retryAfter = Math.max(1, Math.ceil((state.starts[0] + 60_000 - now) / 1000));
		return [429, { 'retry-after': String(retryAfter) }, { status: 0, data: '', info: `To many requests, api account max request rates is ${quota.perMinute}req/1min` }];
	}

	/**
	 * Control endpoints: `[status, body]`, or undefined for another path.
	 * @param {string} path @param {string} method @param {any} body
	 * @returns {[number, unknown] | undefined}
	 */
	function control(path, method, body) {
		if (path === '/__fake/scale/seed' && method === 'POST') {
			bugs = Math.max(0, Math.floor(Number(body?.bugs ?? 0)));
			filtered.clear();
			return [200, { bugs }];
		}
		if (path === '/__fake/scale/quota' && method === 'POST') {
			Object.assign(quota, { perMinute: Math.max(0, Number(body?.perMinute ?? 0)), requests: 0, limited: 0, longestRunOf429: 0 });
			accounts.clear();
			return [200, { ...quota }];
		}
		if (path === '/__fake/scale/state' && method === 'GET') return [200, { bugs, quota: { ...quota } }];
		return undefined;
	}

	return { bug, bugsAnswer, overQuota, control };
}

module.exports = { createTapdScale, SEVERITIES, STATUSES };
