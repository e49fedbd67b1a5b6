// @ts-check
'use strict';
const { fetchFresh } = require('./http');

/**
 * @typedef {{ name: string, type: string, webhookId?: string, parameters: Record<string, unknown> }} WorkflowNode
 * @typedef {{ id: string, name: string, active: boolean, nodes: WorkflowNode[] }} WorkflowSummary
 * @typedef {{ json: Record<string, any> }} Item
 * @typedef {{ data?: { main: Item[][] } }} NodeRun
 * @typedef {object} Execution
 * @property {string} id
 * @property {string} workflowId
 * @property {string} status
 * @property {boolean} finished
 * @property {string} mode
 * @property {{ resultData: { runData: Record<string, NodeRun[]>, error?: { message: string } } }} [data]
 */

/** The instance owner the stack creates (dev/stack.js); the editor's own endpoints (`/rest`) need their session. */
const OWNER = { email: 'owner@testops.local', password: 'TestOps-owner-1', firstName: 'Test', lastName: 'Ops' };

const FINAL_STATUSES = new Set(['success', 'error', 'canceled', 'crashed']);

/** @param {number} ms */
const sleep = async (ms) => await new Promise((r) => setTimeout(r, ms));

/**
 * Logs in as the instance owner. @param {string} url @returns {Promise<string>} the session cookie
 */
async function ownerLogin(url) {
	const login = await fetchFresh(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
	});
	if (!login.ok) throw new Error(`Owner login failed: ${login.status} ${await login.text()}`);
	return (login.headers.get('set-cookie') ?? '').split(';')[0];
}

/**
 * A small client for n8n's public API (`/api/v1`), the editor's endpoints (`/rest`, as the instance owner)
 * and its webhook endpoints, as the harness, the tests and `npm start` use them.
 */
class N8nClient {
	/**
	 * @param {string} url
	 * @param {string} apiKey
	 */
	constructor(url, apiKey) {
		this.url = url;
		this.apiKey = apiKey;
		/** @type {string | undefined} */
		this.sessionCookie = undefined;
	}

	/**
	 * Sets up the instance owner (on first start; a reused user folder has one already), logs in and mints an
	 * API key with every scope.
	 * @param {string} url
	 * @returns {Promise<N8nClient>}
	 */
	static async asOwner(url) {
		const setup = await fetch(`${url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		await setup.arrayBuffer(); // 400 when the owner exists already: fine
		const client = new N8nClient(url, '');
		/** @type {{ data: string[] }} */
		const { data: scopes } = await client.rest('GET', '/api-keys/scopes');
		/** @type {{ data: { rawApiKey: string } }} */
		const created = await client.rest('POST', '/api-keys', { label: `testops-${Date.now()}`, scopes, expiresAt: null });
		client.apiKey = created.data.rawApiKey;
		return client;
	}

	/**
	 * @template [T=any]
	 * @param {string} method
	 * @param {string} path below /api/v1
	 * @param {unknown} [body]
	 * @returns {Promise<T>}
	 */
	async api(method, path, body) {
		return await this.send(method, `/api/v1${path}`, { 'X-N8N-API-KEY': this.apiKey }, body);
	}

	/**
	 * The editor's own endpoints, as the instance owner.
	 * @template [T=any]
	 * @param {string} method
	 * @param {string} path below /rest
	 * @param {unknown} [body]
	 * @returns {Promise<T>}
	 */
	async rest(method, path, body) {
		return await this.send(method, `/rest${path}`, { cookie: await this.ownerSession() }, body);
	}

	/**
	 * @template T
	 * @param {string} method
	 * @param {string} path
	 * @param {Record<string, string>} headers
	 * @param {unknown} body
	 * @returns {Promise<T>}
	 */
	async send(method, path, headers, body) {
		const response = await fetchFresh(`${this.url}${path}`, {
			method,
			headers: { ...headers, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`n8n ${method} ${path} answered ${response.status}: ${text}`);
		return text ? JSON.parse(text) : /** @type {T} */ (/** @type {unknown} */ (undefined));
	}

	/** A session cookie of the instance owner, for the editor's endpoints. @returns {Promise<string>} */
	async ownerSession() {
		this.sessionCookie ??= await ownerLogin(this.url);
		return this.sessionCookie;
	}

	/**
	 * What the editor's "Test" button does: tests the stored credential `name` with the form's `data`.
	 * @param {string} name
	 * @param {string} type
	 * @param {Record<string, unknown>} data
	 * @returns {Promise<{ status: string, message: string }>}
	 */
	async testCredential(name, type, data) {
		/** @type {{ data: Array<{ id: string, name: string }> }} */
		const { data: stored } = await this.api('GET', '/credentials?limit=250');
		const credential = stored.find((candidate) => candidate.name === name);
		if (!credential) throw new Error(`No credential named "${name}"`);
		/** @type {{ data: { status: string, message: string } }} */
		const tested = await this.rest('POST', '/credentials/test', { credentials: { id: credential.id, name, type, data } });
		return tested.data;
	}

	/** The production URL of a trigger's webhook. @param {string} webhookId @param {string} path */
	webhookUrl(webhookId, path) {
		return `${this.url}/webhook/${webhookId}/${path}`;
	}

	/** @param {string} name @returns {Promise<WorkflowSummary>} */
	async workflowByName(name) {
		/** @type {{ data: WorkflowSummary[] }} */
		const { data } = await this.api('GET', `/workflows?name=${encodeURIComponent(name)}`);
		const match = data.find((workflow) => workflow.name === name);
		if (!match) throw new Error(`No workflow named "${name}" was imported`);
		return match;
	}

	/**
	 * Publishes a workflow. n8n registers webhooks a moment after it answers, so this waits until each of
	 * `probeUrls` stops answering 404 (probes carry no credentials: they start nothing).
	 * @param {string} workflowId
	 * @param {string[]} [probeUrls]
	 */
	async publish(workflowId, probeUrls = []) {
		await this.api('POST', `/workflows/${workflowId}/activate`);
		for (const url of probeUrls) await this.waitForWebhook(url, (status) => status !== 404);
	}

	/** @param {string} workflowId @param {string[]} [probeUrls] waits until these answer 404 */
	async unpublish(workflowId, probeUrls = []) {
		await this.api('POST', `/workflows/${workflowId}/deactivate`);
		for (const url of probeUrls) await this.waitForWebhook(url, (status) => status === 404);
	}

	/**
	 * @param {string} url
	 * @param {(status: number) => boolean} done
	 * @param {number} [timeoutMs]
	 */
	async waitForWebhook(url, done, timeoutMs = 15_000) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const response = await fetchFresh(url, { method: 'POST' });
			await response.arrayBuffer();
			if (done(response.status)) return;
			if (Date.now() > deadline) throw new Error(`${url} still answers ${response.status}`);
			await sleep(150);
		}
	}

	/** Executions of a workflow, newest first, with their data. @param {string} workflowId @returns {Promise<Execution[]>} */
	async executions(workflowId) {
		/** @type {{ data: Execution[] }} */
		const { data } = await this.api('GET', `/executions?workflowId=${workflowId}&includeData=true&limit=250`);
		return data;
	}

	/**
	 * Waits until the workflow has exactly `count` finished executions; returns them, newest first.
	 * @param {string} workflowId
	 * @param {number} count
	 * @param {number} [timeoutMs]
	 * @returns {Promise<Execution[]>}
	 */
	async waitForExecutionCount(workflowId, count, timeoutMs = 30_000) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const executions = await this.executions(workflowId);
			if (executions.length > count) {
				throw new Error(`Expected ${count} executions of ${workflowId}, found ${executions.length}`);
			}
			if (executions.length === count && executions.every((e) => FINAL_STATUSES.has(e.status))) {
				return executions;
			}
			if (Date.now() > deadline) {
				throw new Error(`Expected ${count} finished executions of ${workflowId}, found ${executions.length}`);
			}
			await sleep(250);
		}
	}

	/**
	 * The json of every item a node output in an execution (first output, first run).
	 * @param {Execution} execution
	 * @param {string} nodeName
	 * @returns {Array<Record<string, any>>}
	 */
	nodeOutput(execution, nodeName) {
		const runs = execution.data?.resultData.runData[nodeName];
		if (!runs?.length) throw new Error(`Node "${nodeName}" did not run in execution ${execution.id}`);
		return (runs[0].data?.main[0] ?? []).map((item) => item.json);
	}
}

module.exports = { N8nClient, OWNER };
