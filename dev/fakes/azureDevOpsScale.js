// @ts-check
'use strict';
const { compileWiql } = require('./wiql');

/**
 * The fake Azure DevOps at scale (issue 22), kept apart from the rest of the fake: any number of synthetic
 * bugs, made from their index when asked for (so 100,000 cost no memory), WIQL with its documented 20,000-result
 * cap (`VS402337`), the Analytics OData service (`{project}/_odata/v4.0-preview/WorkItems?$apply=…`) answering
 * `filter(…)/groupby((…), aggregate($count as Count))`, Analytics turned off or refused, and a rate limit that
 * answers 429 with `Retry-After` and `X-RateLimit-*`.
 *
 * Control endpoints: `POST /__fake/scale/seed` `{ count, areaPath? }` (bugs in the project, under its area path;
 * `count` 0 removes them), `POST /__fake/scale/mode` `{ analytics: 'on'|'off'|'forbidden', limitNext?: n,
 * retryAfterSeconds? }` (Analytics answers, or 404 as where it is off, or 401 VS403527 as for a token or user
 * without access; the next n API calls are refused with 429), `GET /__fake/scale/state` (counts of calls by kind).
 *
 * @typedef {{ id: number, rev: number, fields: Record<string, any>, relations: any[] }} WorkItem
 * @typedef {{ id: string, name: string }} Project
 */

/** 7 states and 6 severities: every pair occurs, in a mix a test can recount from the index. */
const STATES = ['New', 'Active', 'Active', 'Resolved', 'Closed', 'Removed', 'Active'];
const SEVERITIES = ['1 - Critical', '2 - High', '3 - Medium', '3 - Medium', '4 - Low', undefined];
/** Synthetic ids start here, far above the fake's own work items. */
const FIRST_ID = 1_000_001;
const WIQL_CAP = 20_000;

/** Analytics property → work item field. */
const PROPERTIES = /** @type {Record<string, string>} */ ({
	workitemid: 'System.Id',
	workitemtype: 'System.WorkItemType',
	state: 'System.State',
	severity: 'Microsoft.VSTS.Common.Severity',
	priority: 'Microsoft.VSTS.Common.Priority',
	'area/areapath': 'System.AreaPath',
	title: 'System.Title',
});

/** @param {string} property */
const fieldOfProperty = (property) => PROPERTIES[property.toLowerCase()] ?? property.replace(/^Custom_/, 'Custom.');

/**
 * The synthetic bug at `index`: its state, severity and area follow from the index alone.
 * @param {number} index @param {Project} project @param {string} areaPath
 * @returns {WorkItem}
 */
function syntheticBug(index, project, areaPath) {
	const severity = SEVERITIES[index % SEVERITIES.length];
	return {
		id: FIRST_ID + index,
		rev: 1,
		relations: [],
		fields: {
			'System.TeamProject': project.name,
			'System.WorkItemType': 'Bug',
			'System.State': STATES[index % STATES.length],
			'System.AreaPath': index % 3 === 0 ? `${areaPath}\\Checkout` : areaPath,
			'System.Title': `Synthetic bug ${index}`,
			...(severity ? { 'Microsoft.VSTS.Common.Severity': severity } : {}),
		},
	};
}

/**
 * What scans of the synthetic bugs see: their fields but the title, shared by all bugs of one state, severity
 * and area, so that scanning 100,000 of them allocates almost nothing.
 * @param {Project} project @param {string} areaPath
 */
function scanner(project, areaPath) {
	/** @type {Map<number, Record<string, any>>} */
	const shared = new Map();
	/** @param {number} index @returns {WorkItem} */
	return (index) => {
		const combination = (index % STATES.length) * 100 + (index % SEVERITIES.length) * 10 + (index % 3 === 0 ? 1 : 0);
		let fields = shared.get(combination);
		if (!fields) {
			const { 'System.Title': _title, ...rest } = syntheticBug(index, project, areaPath).fields;
			fields = rest;
			shared.set(combination, fields);
		}
		return { id: FIRST_ID + index, rev: 1, relations: [], fields };
	};
}

/**
 * A small OData `$filter` evaluator: eq, ne, and, or, not, parentheses, startswith(property, 'text').
 * @param {string} text
 * @returns {(item: WorkItem) => boolean}
 */
function compileODataFilter(text) {
	const tokens = [...text.matchAll(/\s*('(?:[^']|'')*'|[(),]|[A-Za-z_][\w/]*)/g)].map((m) => m[1]);
	let at = 0;
	const lower = (/** @type {unknown} */ v) => (v === undefined || v === null ? '' : String(v).toLowerCase());
	const getter = (/** @type {string} */ property) => {
		const field = fieldOfProperty(property);
		return field === 'System.Id' ? (/** @type {WorkItem} */ item) => item.id : (/** @type {WorkItem} */ item) => item.fields[field];
	};
	const literal = () => {
		const token = tokens[at++] ?? '';
		if (!token.startsWith("'")) throw new Error(`VS403483: The query specified in the URI is not valid: a literal is expected near ${token}.`);
		return token.slice(1, -1).replace(/''/g, "'");
	};
	/** @returns {(item: WorkItem) => boolean} */
	const primary = () => {
		const token = tokens[at++];
		if (token === '(') {
			const inner = expression();
			at++; // ')'
			return inner;
		}
		if (token?.toLowerCase() === 'not') {
			const inner = primary();
			return (item) => !inner(item);
		}
		if (token?.toLowerCase() === 'startswith') {
			at++; // '('
			const get = getter(tokens[at++]);
			at++; // ','
			const prefix = lower(literal());
			at++; // ')'
			return (item) => lower(get(item)).startsWith(prefix);
		}
		const get = getter(token);
		const op = tokens[at++]?.toLowerCase();
		const wanted = lower(literal());
		if (op === 'eq') return (item) => lower(get(item)) === wanted;
		if (op === 'ne') return (item) => lower(get(item)) !== wanted;
		throw new Error(`VS403483: The query specified in the URI is not valid: operator ${op} is not supported by this fake.`);
	};
	/** @returns {(item: WorkItem) => boolean} */
	const conjunction = () => {
		const parts = [primary()];
		while (tokens[at]?.toLowerCase() === 'and') at++, parts.push(primary());
		return (item) => parts.every((part) => part(item));
	};
	/** @returns {(item: WorkItem) => boolean} */
	const expression = () => {
		const parts = [conjunction()];
		while (tokens[at]?.toLowerCase() === 'or') at++, parts.push(conjunction());
		return (item) => parts.some((part) => part(item));
	};
	return expression();
}

/**
 * @param {{ projects: () => Project[], base: () => string }} options
 */
function createScale(options) {
	const bulk = { count: 0, project: options.projects()[0], areaPath: options.projects()[0].name };
	let scan = scanner(bulk.project, bulk.areaPath);
	const mode = { analytics: 'on', limitNext: 0, retryAfterSeconds: 1 };
	const calls = { wiql: 0, analytics: 0, limited: 0 };

	/** @param {number} id */
	const item = (id) => (bulk.count > 0 && id >= FIRST_ID && id < FIRST_ID + bulk.count ? syntheticBug(id - FIRST_ID, bulk.project, bulk.areaPath) : undefined);

	/**
	 * Visits every work item, the fake's own and the synthetic ones (without their titles), in ascending or
	 * descending id order, until `visit` returns false.
	 * @param {Map<number, WorkItem>} own @param {boolean} descending @param {(item: WorkItem) => boolean | void} visit
	 */
	function forEachItem(own, descending, visit) {
		const mine = [...own.values()].sort((a, b) => (descending ? b.id - a.id : a.id - b.id));
		if (!descending && mine.some((item) => visit(item) === false)) return;
		for (let n = 0; n < bulk.count; n++) {
			const index = descending ? bulk.count - 1 - n : n;
			if (visit(scan(index)) === false) return;
		}
		if (descending) mine.some((item) => visit(item) === false);
	}

	/**
	 * A WIQL answer, or an error `[status, message, typeKey]`: more than 20,000 results without `$top` is refused.
	 * @param {Map<number, WorkItem>} own @param {Project | undefined} project @param {string} query @param {number | undefined} top
	 */
	function wiql(own, project, query, top) {
		calls.wiql++;
		/** @type {ReturnType<typeof compileWiql>} */
		let compiled;
		try {
			compiled = compileWiql(query, { project: project?.name });
		} catch (e) {
			return /** @type {const} */ ([400, String(/** @type {Error} */ (e).message), 'InvalidQueryTextException']);
		}
		if (!compiled) return /** @type {const} */ ([400, 'TF51006: The query statement is missing a FROM clause.', 'InvalidQueryTextException']);
		const limit = top === undefined ? WIQL_CAP + 1 : Math.min(top, WIQL_CAP);
		/** @type {WorkItem[]} */
		let found = [];
		forEachItem(own, compiled.descending, (candidate) => {
			if (project && candidate.fields['System.TeamProject'] !== project.name) return true;
			if (!compiled.predicate(candidate)) return true;
			found.push(candidate);
			return compiled.latestChangedFirst || found.length < limit;
		});
		if (compiled.latestChangedFirst) {
			const changed = (/** @type {WorkItem} */ item) => String(item.fields['System.ChangedDate'] ?? '');
			found = found.sort((a, b) => changed(b).localeCompare(changed(a))).slice(0, limit);
		}
		const ids = found.map((item) => item.id);
		if (top === undefined && ids.length > WIQL_CAP) {
			return /** @type {const} */ ([400, `VS402337: The number of work items returned exceeds the size limit of ${WIQL_CAP}. Change the query to return fewer work items.`, 'WorkItemTrackingQueryResultSizeLimitExceededException']);
		}
		const base = options.base();
		return { queryType: 'flat', asOf: new Date().toISOString(), columns: [{ referenceName: 'System.Id', name: 'ID' }], workItems: ids.map((id) => ({ id, url: `${base}/_apis/wit/workItems/${id}` })) };
	}

	/**
	 * Analytics' answer to `GET {project}/_odata/{version}/WorkItems?$apply=…`: `[status, body]`.
	 * @param {Map<number, WorkItem>} own @param {Project} project @param {URL} url
	 * @returns {[number, unknown]}
	 */
	function analytics(own, project, url) {
		calls.analytics++;
		if (mode.analytics === 'off') return [404, 'Page not found.'];
		if (mode.analytics === 'forbidden') {
			return [401, { error: { code: '0', message: 'VS403527: Access to data from the Analytics OData endpoint is not available for all users. Either you have not been authenticated, or you do not have a paid license or subscription for this account.' } }];
		}
		const apply = url.searchParams.get('$apply') ?? '';
		const steps = apply.split(/\/(?=filter\(|groupby\(|aggregate\()/);
		/** @type {((item: WorkItem) => boolean)[]} */
		const filters = [];
		/** @type {string[]} */
		let groupBy = [];
		try {
			for (const step of steps) {
				const filter = /^filter\(([\s\S]*)\)$/.exec(step);
				const group = /^groupby\(\(([^)]*)\),\s*aggregate\(\$count as Count\)\)$/.exec(step);
				if (filter) filters.push(compileODataFilter(filter[1]));
				else if (group) groupBy = group[1].split(',').map((name) => name.trim());
				else if (step !== 'aggregate($count as Count)') throw new Error(`VS403483: The query specified in the URI is not valid: ${step} is not supported by this fake.`);
			}
		} catch (e) {
			return [400, { error: { code: '0', message: String(/** @type {Error} */ (e).message) } }];
		}
		/** @type {Map<string, { key: unknown[], count: number }>} */
		const groups = new Map();
		/** Group names by fields object: synthetic bugs share theirs. @type {Map<object, string>} */
		const names = new Map();
		const fieldsOfGroup = groupBy.map(fieldOfProperty);
		forEachItem(own, false, (candidate) => {
			if (candidate.fields['System.TeamProject'] !== project.name || !filters.every((f) => f(candidate))) return;
			let name = names.get(candidate.fields);
			if (name === undefined) {
				name = JSON.stringify(fieldsOfGroup.map((field) => candidate.fields[field] ?? null));
				names.set(candidate.fields, name);
			}
			const group = groups.get(name) ?? { key: JSON.parse(name), count: 0 };
			group.count++;
			groups.set(name, group);
		});
		const value = [...groups.values()].map((group) => ({ '@odata.id': null, ...Object.fromEntries(groupBy.map((property, i) => [property, group.key[i]])), Count: group.count }));
		const context = `${options.base()}/${encodeURIComponent(project.name)}/_odata/v4.0-preview/$metadata#WorkItems(${[...groupBy, 'Count'].join(',')})`;
		return [200, { '@odata.context': context, value }];
	}

	/** The next refused call of the rate-limit mode: `[status, headers, body]`, or undefined. */
	function limited() {
		if (mode.limitNext <= 0) return undefined;
		mode.limitNext--;
		calls.limited++;
		const headers = {
			'retry-after': String(mode.retryAfterSeconds),
			'x-ratelimit-resource': 'WorkItemTracking/User',
			'x-ratelimit-limit': '200',
			'x-ratelimit-remaining': '0',
			'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + mode.retryAfterSeconds),
		};
		return /** @type {const} */ ([429, headers, 'TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource WorkItemTracking in namespace User.']);
	}

	/**
	 * The scale block's control endpoints: `[status, body]`, or undefined for any other path.
	 * @param {string} path @param {string} method @param {any} body
	 * @returns {[number, unknown] | undefined}
	 */
	function control(path, method, body) {
		if (path === '/__fake/scale/seed' && method === 'POST') {
			bulk.count = Math.max(0, Math.floor(Number(body?.count ?? 0)));
			bulk.areaPath = typeof body?.areaPath === 'string' ? body.areaPath : bulk.project.name;
			scan = scanner(bulk.project, bulk.areaPath);
			return [200, { count: bulk.count, firstId: FIRST_ID, areaPath: bulk.areaPath }];
		}
		if (path === '/__fake/scale/mode' && method === 'POST') {
			if (body?.analytics !== undefined) mode.analytics = String(body.analytics);
			if (body?.limitNext !== undefined) mode.limitNext = Number(body.limitNext);
			if (body?.retryAfterSeconds !== undefined) mode.retryAfterSeconds = Number(body.retryAfterSeconds);
			return [200, { ...mode }];
		}
		if (path === '/__fake/scale/state' && method === 'GET') return [200, { bulk: { count: bulk.count, firstId: FIRST_ID, areaPath: bulk.areaPath }, mode, calls }];
		return undefined;
	}

	return { item, wiql, analytics, limited, control };
}

module.exports = { createScale, syntheticBug, STATES, SEVERITIES, FIRST_ID, WIQL_CAP };
