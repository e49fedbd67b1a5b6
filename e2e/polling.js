// @ts-check
'use strict';
const { randomUUID } = require('node:crypto');

const { AZURE_DEVOPS_FAKE } = require('../dev/fakes/azureDevOps');
const { TAPD_FAKE } = require('../dev/fakes/tapd');

/**
 * What the polling triggers' end-to-end files share (the single-process suite's and the queue suite's): the
 * workflows they publish, the fakes' polling controls (dev/fakes/azureDevOpsPolling.js, tapdPolling.js) and
 * the items n8n's executions hold.
 */

/** @param {number} ms */
const sleep = async (ms) => await new Promise((resolve) => setTimeout(resolve, ms));

/**
 * n8n's Poll Times for a poll every `seconds` seconds: one Custom entry per second of the minute. n8n 2.40.7
 * refuses a cron whose seconds field is anything but one number ("at least a minute"), but runs every entry
 * of Poll Times (docs/polling.md, "How often").
 * @param {number} seconds a divisor of 60
 */
const everySeconds = (seconds) => ({
	item: Array.from({ length: 60 / seconds }, (_, i) => ({ mode: 'custom', cronExpression: `${i * seconds} * * * * *` })),
});

/**
 * A workflow whose only node is a polling trigger of this package: its executions hold exactly what was emitted.
 * @param {string} name
 * @param {'azureDevOpsPollingTrigger' | 'tapdPollingTrigger'} type
 * @param {Record<string, unknown>} parameters
 * @param {string} credentialId
 */
function pollingWorkflow(name, type, parameters, credentialId) {
	const credential = type === 'tapdPollingTrigger' ? { tapdApi: { id: credentialId, name: 'TAPD account' } } : { azureDevOpsApi: { id: credentialId, name: 'Azure DevOps account' } };
	const location =
		type === 'tapdPollingTrigger'
			? { workspaceId: { __rl: true, mode: 'id', value: TAPD_FAKE.workspaceId } }
			: { project: { __rl: true, mode: 'id', value: AZURE_DEVOPS_FAKE.project.id } };
	return {
		name,
		nodes: [{ id: randomUUID(), name: 'Poll', type: `n8n-nodes-testops.${type}`, typeVersion: 1, position: [0, 0], parameters: { ...location, ...parameters }, credentials: credential }],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

/**
 * The polling controls of the fakes at `azureDevOps` and `tapd`.
 * @param {string} azureDevOps @param {string} tapd
 */
function pollingFakes(azureDevOps, tapd) {
	/** @param {string} url @param {unknown} [body] @returns {Promise<any>} */
	const call = async (url, body) => {
		const answer = await fetch(url, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		if (!answer.ok) throw new Error(`${url}: ${answer.status} ${await answer.text()}`);
		return await answer.json();
	};
	return {
		azureDevOps: {
			/** @param {Record<string, unknown>} body */
			workItems: async (body) => await call(`${azureDevOps}/__fake/polling/workItems`, body),
			/** @param {Record<string, unknown>} body */
			builds: async (body) => await call(`${azureDevOps}/__fake/polling/builds`, body),
			/** @param {number} ms */
			hold: async (ms) => await call(`${azureDevOps}/__fake/polling/hold`, { ms }),
			state: async () => await call(`${azureDevOps}/__fake/polling/state`),
			reset: async () => await call(`${azureDevOps}/__fake/polling/reset`, {}),
		},
		tapd: {
			/** @param {Record<string, unknown>} body @returns {Promise<Array<{ id: string, action: string, modified: string }>>} */
			changes: async (body) => (await call(`${tapd}/__fake/polling/changes`, body)).made,
			/** @param {number} ms */
			hold: async (ms) => await call(`${tapd}/__fake/polling/hold`, { ms }),
			state: async () => await call(`${tapd}/__fake/polling/state`),
			reset: async () => await call(`${tapd}/__fake/polling/reset`, {}),
		},
	};
}

/**
 * Every item the trigger (named `Poll`) handed to n8n in the workflow's executions, oldest execution first.
 * An execution n8n saved with a poll's items and was killed before it ran (marked `crashed` at the next
 * start) holds them on its execution stack, kept for a retry: they count as emitted, as n8n holds them.
 * @param {import('../dev/n8nClient').N8nClient} n8n @param {string} workflowId
 * @returns {Promise<Array<Record<string, any>>>}
 */
async function emittedItems(n8n, workflowId) {
	/** @type {Array<Record<string, any>>} */
	const items = [];
	for (let cursor = ''; ; ) {
		/** @type {{ data: import('../dev/n8nClient').Execution[], nextCursor?: string | null }} */
		const page = await n8n.api('GET', `/executions?workflowId=${workflowId}&includeData=true&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
		for (const execution of page.data) {
			const ran = execution.data?.resultData.runData.Poll?.[0]?.data?.main[0];
			/** @type {any} */
			const data = execution.data;
			const waiting = data?.executionData?.nodeExecutionStack?.find((/** @type {any} */ entry) => entry.node?.name === 'Poll')?.data?.main[0];
			items.unshift(...(ran ?? waiting ?? []).map((/** @type {any} */ item) => item.json));
		}
		if (!page.nextCursor) return items;
		cursor = page.nextCursor;
	}
}

/**
 * The routes of a fake's logged requests (`<epoch ms> <route>`) since `since`, oldest first, as one letter each
 * (`letters` maps the routes to keep), to match a poll's pattern against.
 * @param {string[]} recent @param {number} since @param {Record<string, string>} letters
 */
function requestPattern(recent, since, letters) {
	return recent
		.filter((entry) => Number(entry.split(' ')[0]) >= since)
		.map((entry) => letters[entry.split(' ')[1]] ?? '')
		.join('');
}

/**
 * How many distinct `dedupe_key`s came, and which came more than once.
 * @param {Array<Record<string, any>>} items
 */
function tally(items) {
	const counts = new Map();
	for (const item of items) counts.set(item.dedupe_key, (counts.get(item.dedupe_key) ?? 0) + 1);
	return { distinct: counts.size, twice: [...counts].filter(([, count]) => count > 1).map(([key]) => key) };
}

module.exports = { sleep, everySeconds, pollingWorkflow, pollingFakes, emittedItems, tally, requestPattern };
