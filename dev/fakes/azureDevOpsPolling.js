// @ts-check
'use strict';

/**
 * What the fake Azure DevOps offers the Azure DevOps Polling Trigger (docs/contracts/azure-devops.md,
 * "Reporting work item revisions" and "Builds"), kept apart from the rest of the fake:
 *
 * - `GET {project}/_apis/wit/reporting/workitemrevisions`: every revision of the project's work items in the
 *   order they were made, `continuationToken` or `startDateTime` (revisions after it), `types`,
 *   `includeDeleted`, `$maxPageSize`; answers `{ values, nextLink, continuationToken, isLastBatch }`. Tokens
 *   issued before `POST /__fake/polling/expireTokens` are refused with 400, as an expired token is assumed to be.
 * - `GET {project}/_apis/wit/workItems/{id}/revisions/{rev}`: one revision (404 for a deleted work item's).
 * - `GET {project}/_apis/build/builds`: completed builds, `statusFilter`, `queryOrder` (finishTime ascending or
 *   descending), `minTime` (finished after it), `resultFilter`, `definitions`, `$top`.
 *
 * Every work item the fake creates or updates through the API records a revision. Tests make changes in bulk
 * with `POST /__fake/polling/workItems` `{ create, update, remove, restore, type, areaPath }` (a count or a
 * list of ids each) and `POST /__fake/polling/builds` `{ count, result, definition }`, hold every answer of
 * the routes above for a while with `POST /__fake/polling/hold` `{ ms }` (to kill n8n while a poll waits), and
 * read `GET /__fake/polling/state`: requests per route (and the last 200 with their times), polls waiting,
 * revisions and builds made.
 */

/** @typedef {Record<string, any>} Json */
/** @typedef {{ id: number, rev: number, fields: Json, relations: Json[] }} WorkItem */

const sleep = async (/** @type {number} */ ms) => await new Promise((resolve) => setTimeout(resolve, ms));

const STATES = ['New', 'Active', 'Resolved', 'Closed'];

/**
 * @param {{ workItems: Map<number, WorkItem>, project: { id: string, name: string }, newWorkItemId: () => number,
 *   base: () => string }} store the main fake's work items, project and id counter
 */
function azureDevOpsPolling(store) {
	/** Revisions in the order they were made. @type {Array<{ id: number, rev: number, fields: Json }>} */
	let revisions = [];
	/** Work items in the recycle bin: not readable through the work item routes. @type {Map<number, WorkItem>} */
	const recycleBin = new Map();
	/** @type {Json[]} */
	let builds = [];
	let nextBuildId = 5000;
	let lastInstant = 0;
	let tokenEpoch = 1;
	let holdMs = 0;
	/** The work items this module made: a reset takes them away again (other tests share the fake). */
	const ownWorkItems = new Set();
	const counters = { revisionRequests: 0, revisionPreviousRequests: 0, buildRequests: 0, waiting: 0, refusedTokens: 0 };
	/**
	 * The last requests of the routes above, `<epoch ms> <route> [details]` (`revisions:<types>` when asked for types;
	 * a builds request's `minTime`, `$top` and how many it answered), newest last.
	 * @type {string[]}
	 */
	const recent = [];
	/** @param {string} route @param {string} [details] */
	const logged = (route, details = '') => {
		recent.push(`${Date.now()} ${route}${details ? ` ${details}` : ''}`);
		if (recent.length > 200) recent.shift();
	};

	/** Strictly increasing times, as a real service's commit order. */
	const now = () => (lastInstant = Math.max(Date.now(), lastInstant + 1));

	/** @param {WorkItem} item */
	function recordRevision(item) {
		item.fields['System.Id'] = item.id;
		item.fields['System.Rev'] = item.rev;
		item.fields['System.ChangedDate'] = new Date(now()).toISOString();
		item.fields['System.ChangedBy'] = item.fields['System.ChangedBy'] ?? 'Jamal Hartnett <fabrikamfiber4@hotmail.com>';
		revisions.push({ id: item.id, rev: item.rev, fields: structuredClone(item.fields) });
	}

	const token = (/** @type {number} */ index) => Buffer.from(JSON.stringify({ e: tokenEpoch, i: index })).toString('base64url');

	/** @param {string} value @returns {number | undefined} the index the token points at, unless refused */
	function tokenIndex(value) {
		try {
			const { e, i } = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
			return e === tokenEpoch && Number.isInteger(i) && i >= 0 ? i : undefined;
		} catch {
			return undefined;
		}
	}

	/** @param {URLSearchParams} query @returns {[number, Json]} */
	function reportingBatch(query) {
		const given = query.get('continuationToken');
		let start = 0;
		if (given) {
			const index = tokenIndex(given);
			if (index === undefined) {
				counters.refusedTokens++;
				return [400, { message: 'The continuation token is invalid or has expired.', typeKey: 'InvalidContinuationTokenException' }];
			}
			start = index;
		}
		const after = query.get('startDateTime');
		const types = (query.get('types') ?? '').split(',').map((type) => type.trim()).filter(Boolean);
		const includeDeleted = query.get('includeDeleted') === 'true';
		const size = Math.min(Number(query.get('$maxPageSize') ?? 1000) || 1000, 1000);
		/** @type {Json[]} */
		const values = [];
		let index = start;
		for (; index < revisions.length && values.length < size; index++) {
			const revision = revisions[index];
			if (revision.fields['System.TeamProject'] !== store.project.name) continue;
			if (after && !given && !(revision.fields['System.ChangedDate'] > new Date(after).toISOString())) continue;
			if (types.length && !types.includes(revision.fields['System.WorkItemType'])) continue;
			if (!includeDeleted && revision.fields['System.IsDeleted'] === true) continue;
			values.push(revision);
		}
		const next = token(index);
		return [200, { values, nextLink: `${store.base()}/_apis/wit/reporting/workItemRevisions?continuationToken=${next}&api-version=7.1`, continuationToken: next, isLastBatch: index >= revisions.length }];
	}

	/** @param {URLSearchParams} query @returns {[number, Json]} */
	function buildList(query) {
		let list = builds.filter((build) => build.status === 'completed');
		const minTime = query.get('minTime');
		if (minTime) list = list.filter((build) => build.finishTime > new Date(minTime).toISOString());
		const results = (query.get('resultFilter') ?? '').split(',').filter(Boolean);
		if (results.length) list = list.filter((build) => results.includes(build.result));
		const definitions = (query.get('definitions') ?? '').split(',').filter(Boolean).map(Number);
		if (definitions.length) list = list.filter((build) => definitions.includes(build.definition.id));
		const descending = query.get('queryOrder') === 'finishTimeDescending';
		list = [...list].sort((a, b) => (descending ? -1 : 1) * a.finishTime.localeCompare(b.finishTime) || a.id - b.id);
		const top = Number(query.get('$top') ?? 1000);
		const value = list.slice(0, top);
		return [200, { count: value.length, value }];
	}

	/** Holds an answer while a test wants polls to wait. */
	async function hold() {
		if (holdMs <= 0) return;
		counters.waiting++;
		await sleep(holdMs);
		counters.waiting--;
	}

	/**
	 * Answers the routes of the polling trigger, or undefined for the rest of the fake.
	 * @param {string} method @param {string} api the path below the project @param {URLSearchParams} query
	 * @param {{ name: string } | undefined} project
	 * @returns {Promise<[number, Json] | undefined>}
	 */
	async function api(method, api, query, project) {
		if (!project || method !== 'GET') return undefined;
		if (/^\/_apis\/wit\/reporting\/workitemrevisions$/i.test(api)) {
			counters.revisionRequests++;
			logged(`revisions${query.get('types') ? `:${query.get('types')}` : ''}`);
			await hold();
			return reportingBatch(query);
		}
		const one = /^\/_apis\/wit\/workitems\/(\d+)\/revisions\/(\d+)$/i.exec(api);
		if (one) {
			counters.revisionPreviousRequests++;
			const [id, rev] = [Number(one[1]), Number(one[2])];
			const found = recycleBin.has(id) ? undefined : revisions.find((revision) => revision.id === id && revision.rev === rev);
			if (!found) return [404, { message: `TF401232: Work item ${id} does not exist, or you do not have permissions to read it.`, typeKey: 'WorkItemUnauthorizedAccessException' }];
			return [200, { ...found, url: `${store.base()}/_apis/wit/workItems/${id}/revisions/${rev}` }];
		}
		if (/^\/_apis\/build\/builds$/i.test(api)) {
			counters.buildRequests++;
			await hold();
			const answer = buildList(query);
			logged('builds', `minTime=${query.get('minTime')} top=${query.get('$top')} answered=${answer[1].count}`);
			return answer;
		}
		return undefined;
	}

	/** @param {unknown} value @param {number[]} pool @returns {number[]} a count taken from the pool, or the ids given */
	const idsOf = (value, pool) => (Array.isArray(value) ? value.map(Number) : pool.slice(0, Number(value ?? 0)));

	/** @param {Json} body */
	function changeWorkItems(body) {
		const made = { created: /** @type {number[]} */ ([]), updated: /** @type {number[]} */ ([]), removed: /** @type {number[]} */ ([]), restored: /** @type {number[]} */ ([]) };
		for (let i = 0; i < Number(body.create ?? 0); i++) {
			const id = store.newWorkItemId();
			/** @type {WorkItem} */
			const item = {
				id,
				rev: 1,
				relations: [],
				fields: { 'System.TeamProject': store.project.name, 'System.WorkItemType': body.type ?? 'Bug', 'System.State': 'New', 'System.AreaPath': body.areaPath ?? store.project.name, 'System.IterationPath': store.project.name, 'System.Title': `${body.title ?? 'Polled change'} ${id}`, 'System.CreatedDate': new Date().toISOString() },
			};
			store.workItems.set(id, item);
			ownWorkItems.add(id);
			recordRevision(item);
			made.created.push(id);
		}
		for (const id of idsOf(body.update, [...store.workItems.keys()])) {
			const item = store.workItems.get(id);
			if (!item) continue;
			item.rev++;
			item.fields['System.State'] = STATES[(STATES.indexOf(item.fields['System.State']) + 1) % STATES.length];
			recordRevision(item);
			made.updated.push(id);
		}
		for (const id of idsOf(body.remove, [...store.workItems.keys()])) {
			const item = store.workItems.get(id);
			if (!item) continue;
			store.workItems.delete(id);
			recycleBin.set(id, item);
			item.rev++;
			item.fields['System.IsDeleted'] = true;
			recordRevision(item);
			made.removed.push(id);
		}
		for (const id of idsOf(body.restore, [...recycleBin.keys()])) {
			const item = recycleBin.get(id);
			if (!item) continue;
			recycleBin.delete(id);
			store.workItems.set(id, item);
			item.rev++;
			item.fields['System.IsDeleted'] = false;
			recordRevision(item);
			made.restored.push(id);
		}
		return made;
	}

	/** @param {Json} body */
	function addBuilds(body) {
		const ids = [];
		for (let i = 0; i < Number(body.count ?? 1); i++) {
			const id = nextBuildId++;
			const finishTime = new Date(now()).toISOString();
			const definition = { id: 12, name: body.definition ?? 'web-shop-ci' };
			builds.push({
				id,
				buildNumber: `${finishTime.slice(0, 10).replace(/-/g, '')}.${id}`,
				status: 'completed',
				result: body.result ?? 'succeeded',
				queueTime: finishTime,
				startTime: finishTime,
				finishTime,
				definition,
				project: { id: store.project.id, name: store.project.name },
				url: `${store.base()}/${store.project.id}/_apis/build/Builds/${id}`,
				_links: { web: { href: `${store.base()}/${store.project.id}/_build/results?buildId=${id}` } },
			});
			ids.push(id);
		}
		return { ids };
	}

	/**
	 * The control endpoints under /__fake/polling/.
	 * @param {string} method @param {string} path @param {Json | undefined} body
	 * @returns {[number, Json]}
	 */
	function control(method, path, body) {
		if (path === '/__fake/polling/state' && method === 'GET') {
			return [200, { ...counters, revisions: revisions.length, builds: builds.length, holdMs, recent }];
		}
		if (method !== 'POST') return [404, { message: 'unknown polling control endpoint' }];
		if (path === '/__fake/polling/workItems') return [200, changeWorkItems(body ?? {})];
		if (path === '/__fake/polling/builds') return [200, addBuilds(body ?? {})];
		if (path === '/__fake/polling/hold') {
			holdMs = Number(body?.ms ?? 0);
			return [200, { holdMs }];
		}
		if (path === '/__fake/polling/expireTokens') {
			tokenEpoch++;
			return [200, { tokenEpoch }];
		}
		if (path === '/__fake/polling/reset') {
			for (const id of ownWorkItems) {
				store.workItems.delete(id);
				recycleBin.delete(id);
			}
			ownWorkItems.clear();
			revisions = [];
			builds = [];
			for (const key of Object.keys(counters)) counters[/** @type {keyof typeof counters} */ (key)] = 0;
			return [200, { reset: true }];
		}
		return [404, { message: 'unknown polling control endpoint' }];
	}

	return { api, control, recordRevision };
}

module.exports = { azureDevOpsPolling };
