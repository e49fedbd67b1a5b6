// @ts-check
'use strict';
/**
 * Polling triggers under test, run as n8n runs them: an IPollFunctions (parameters, credentials, the node's
 * static data, the mode, `getPollBudgetMs`, `__emitError`) built on the shared hook context, and an `n8n` that
 * keeps the static data only when a poll returns, as n8n saves it with the items, and can crash in between.
 *
 * @typedef {import('n8n-workflow').IDataObject} IDataObject
 * @typedef {{ poll(this: import('n8n-workflow').IPollFunctions): Promise<import('n8n-workflow').INodeExecutionData[][] | null> }} PollingNode
 * @typedef {{ parameters?: IDataObject, credentials?: IDataObject, http?: jest.Mock, staticData?: IDataObject,
 *   mode?: 'trigger' | 'manual', budgetMs?: number, workflowId?: string }} PollOptions
 */

const { hookContext } = require('./contexts');

/** @param {PollOptions} [options] */
function pollContext(options = {}) {
	const { context, mock, staticData } = hookContext({
		parameters: options.parameters,
		credentials: options.credentials,
		http: options.http,
		staticData: options.staticData,
		workflowId: options.workflowId,
	});
	/** What the trigger reported through n8n's failed executions. */
	const emitError = jest.fn();
	Object.assign(mock, {
		getMode: () => options.mode ?? 'trigger',
		getActivationMode: () => 'activate',
		getPollBudgetMs: () => options.budgetMs ?? 300_000,
		__emit: jest.fn(),
		__emitError: emitError,
	});
	const poll = /** @type {import('n8n-workflow').IPollFunctions} */ (/** @type {unknown} */ (context));
	return { context: poll, mock, staticData, emitError };
}

let pollingN8ns = 0;

/**
 * An n8n that runs one polling trigger again and again, as n8n's default engine does: the static data lives in
 * memory from poll to poll and is saved to the database with the items of a poll that returns some. A crash
 * loses the poll under way and everything not saved; the next poll starts from what was.
 * @param {PollingNode} node
 * @param {Omit<PollOptions, 'staticData'>} options
 */
function pollingN8n(node, options) {
	// The triggers remember this process's polls in memory (nodes/shared/polling/poll.ts): a crash or restart
	// starts a new process without that memory, here a workflow id of its own.
	const n8nId = ++pollingN8ns;
	let processes = 1;
	const workflowId = () => `workflow-${n8nId}-process-${processes}`;
	/** The static data as last saved with items: what a restart starts from. @type {IDataObject} */
	let saved = {};
	/** The static data in memory. @type {IDataObject} */
	let memory = {};
	/** Every item a poll returned and n8n kept, in order. @type {IDataObject[]} */
	const emitted = [];
	/** @type {ReturnType<typeof pollContext>[]} */
	const contexts = [];
	return {
		emitted,
		contexts,
		get saved() {
			return saved;
		},
		/**
		 * One poll; `crash` kills n8n before its items and static data are saved.
		 * @param {{ crash?: boolean, parameters?: IDataObject }} [run]
		 */
		async poll(run = {}) {
			const context = pollContext({ ...options, parameters: run.parameters ?? options.parameters, staticData: structuredClone(memory), workflowId: workflowId() });
			contexts.push(context);
			const output = await node.poll.call(context.context);
			if (run.crash) {
				memory = structuredClone(saved);
				processes++;
				return { output, items: [] };
			}
			memory = structuredClone(context.staticData);
			const items = (output?.[0] ?? []).map((item) => item.json);
			if (items.length) saved = structuredClone(memory);
			emitted.push(...items);
			return { output, items };
		},
		/** Publishing: n8n runs a first poll and then saves the static data, whatever the poll returned. */
		async activate() {
			const result = await this.poll();
			saved = structuredClone(memory);
			return result;
		},
		/** n8n stops without a crash in a poll: what is only in memory is lost. */
		restart() {
			memory = structuredClone(saved);
			processes++;
		},
	};
}

/**
 * The keys that came more than once, and how many distinct ones came.
 * @param {IDataObject[]} items
 */
function repeats(items) {
	const counts = new Map();
	for (const item of items) counts.set(item.dedupe_key, (counts.get(item.dedupe_key) ?? 0) + 1);
	return { distinct: counts.size, twice: [...counts].filter(([, count]) => count > 1).map(([key]) => key) };
}

/**
 * An `httpRequestWithAuthentication` that really calls the fake Azure DevOps of `dev/fakes/azureDevOps.js`, with
 * the personal access token as Basic credentials, as the credential sends it; JSON answers come parsed.
 * @param {string} pat
 * @returns {jest.Mock}
 */
function liveAzureDevOpsHttp(pat) {
	return jest.fn(async (/** @type {string} */ _type, /** @type {any} */ options) => {
		const url = new URL(options.url);
		for (const [key, value] of Object.entries(options.qs ?? {})) url.searchParams.set(key, String(value));
		const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
		const headers = { ...options.headers, authorization: `Basic ${Buffer.from(`:${pat}`).toString('base64')}`, ...(body && !options.headers?.['Content-Type'] ? { 'content-type': 'application/json' } : {}) };
		const answer = await fetch(url, { method: options.method ?? 'GET', headers, body });
		const text = await answer.text();
		const json = (answer.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text;
		return { statusCode: answer.status, body: json, headers: Object.fromEntries(answer.headers) };
	});
}

module.exports = { pollContext, pollingN8n, repeats, liveAzureDevOpsHttp };
