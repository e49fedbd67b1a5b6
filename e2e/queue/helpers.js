// @ts-check
'use strict';
const { readFileSync } = require('node:fs');

const { queueContext } = require('../harness/context');

/** @param {number} ms */
const sleep = async (ms) => await new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The queue-mode stack seen from a test file: `n8n.webhookUrl()` goes through the balancer, `viaProcess` to
 * one webhook process.
 */
function queueStack() {
	const context = queueContext();
	const { n8n, queue, control } = context;
	/** @param {import('../../dev/queueStack').QueueProcessName} name @param {'crash' | 'restart'} action */
	const steer = async (name, action) => {
		const answer = await fetch(`${control.url}/processes/${name}/${action}`, { method: 'POST', headers: { authorization: `Bearer ${control.token}` } });
		if (answer.status !== 204) throw new Error(`${action} ${name}: ${answer.status} ${await answer.text()}`);
	};
	return {
		...context,
		/**
		 * SIGKILL one n8n process (`worker`, `webhook-1`, `webhook-2`); the others keep running.
		 * @param {import('../../dev/queueStack').QueueProcessName} name
		 */
		crash: async (name) => await steer(name, 'crash'),
		/**
		 * Starts it again with its settings and port; resolves once it is ready.
		 * @param {import('../../dev/queueStack').QueueProcessName} name
		 */
		restart: async (name) => await steer(name, 'restart'),
		/**
		 * A production webhook URL on webhook process `index` (0 or 1), bypassing the balancer.
		 * @param {number} index @param {string} webhookId @param {string} path
		 */
		viaProcess(index, webhookId, path) {
			return `${queue.webhookProcessUrls[index]}/webhook/${webhookId}/${path}`;
		},
		/**
		 * Whether the worker ran the execution (its log names every execution it starts).
		 * @param {import('../../dev/n8nClient').Execution} execution
		 */
		ranOnWorker(execution) {
			return readFileSync(queue.workerLogFile, 'utf8').includes(`Worker started execution ${execution.id} `);
		},
		/**
		 * The webhook id of a trigger node of a workflow.
		 * @param {string} workflowId @param {string} nodeName @returns {Promise<string>}
		 */
		async webhookIdOf(workflowId, nodeName) {
			/** @type {{ nodes: Array<{ name: string, webhookId?: string }> }} */
			const workflow = await n8n.api('GET', `/workflows/${workflowId}`);
			const node = workflow.nodes.find((candidate) => candidate.name === nodeName);
			if (!node?.webhookId) throw new Error(`No webhook node "${nodeName}" in ${workflowId}`);
			return node.webhookId;
		},
		/** The number of executions of a workflow right now. @param {string} workflowId */
		async executionCount(workflowId) {
			return (await n8n.executions(workflowId)).length;
		},
	};
}

/**
 * Waits until `read` gives something `done` accepts (registrations finish after n8n answers the publish).
 * @template T
 * @param {() => Promise<T>} read
 * @param {(value: T) => boolean} done
 * @param {string} what
 * @param {number} [timeoutMs]
 * @returns {Promise<T>}
 */
async function waitUntil(read, done, what, timeoutMs = 30_000) {
	for (const deadline = Date.now() + timeoutMs; ; await sleep(200)) {
		const value = await read();
		if (done(value)) return value;
		if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value).slice(0, 500)}`);
	}
}

module.exports = { queueStack, sleep, waitUntil };
