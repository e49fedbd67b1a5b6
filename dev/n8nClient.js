// @ts-check
'use strict';
const { fetchFresh } = require('./http');

/**
 * @typedef {{ name: string, type: string, webhookId?: string, parameters: Record<string, unknown>, credentials?: Record<string, { id: string, name: string }> }} WorkflowNode
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

/**
 * The instance owner the stack creates (dev/stack.js); the editor's own endpoints (`/rest`) need their session.
 * Its password is random: generated once per `npm start` folder (dev/credentials.js) or per e2e run.
 */
const OWNER = { email: 'owner@testops.local', firstName: 'Test', lastName: 'Ops' };

/** The password an earlier `npm start` gave every owner; replaced by a random one when found. */
const FORMER_FIXED_PASSWORD = 'TestOps-owner-1';

/** The label of the one API key the stack keeps. */
const API_KEY_LABEL = 'testops';

const FINAL_STATUSES = new Set(['success', 'error', 'canceled', 'crashed']);

/** @param {number} ms */
const sleep = async (ms) => await new Promise((r) => setTimeout(r, ms));

/**
 * Logs in as the instance owner.
 * @param {string} url
 * @param {string} password
 * @returns {Promise<string | undefined>} the session cookie, `undefined` when the password is refused
 */
async function tryOwnerLogin(url, password) {
	const login = await fetchFresh(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password }),
	});
	const text = await login.text();
	if (login.status === 401) return undefined;
	if (!login.ok) throw new Error(`Owner login failed: ${login.status} ${text}`);
	return (login.headers.get('set-cookie') ?? '').split(';')[0];
}

/** @param {string} url @param {string} password @returns {Promise<string>} the session cookie */
async function ownerLogin(url, password) {
	const cookie = await tryOwnerLogin(url, password);
	if (!cookie) throw new Error('Owner login failed: the password was refused');
	return cookie;
}

/**
 * A small client for n8n's public API (`/api/v1`), the editor's endpoints (`/rest`, as the instance owner)
 * and its webhook endpoints, as the harness, the tests and `npm start` use them.
 */
class N8nClient {
	/**
	 * @param {string} url
	 * @param {string} apiKey
	 * @param {string} ownerPassword for the editor's endpoints
	 * @param {string} [webhookBaseUrl] where production webhooks are served, when not by `url` (queue mode's
	 *   load balancer in front of the webhook processes)
	 */
	constructor(url, apiKey, ownerPassword, webhookBaseUrl = url) {
		this.url = url;
		this.apiKey = apiKey;
		this.ownerPassword = ownerPassword;
		this.webhookBaseUrl = webhookBaseUrl;
		/** @type {string | undefined} */
		this.sessionCookie = undefined;
	}

	/**
	 * Sets up the instance owner with `ownerPassword` (on first start; a reused user folder has one already,
	 * and one with the former fixed password gets this one instead) and logs in. Keeps one API key: `apiKey`
	 * when n8n still takes it, otherwise a new one (30 days) that replaces the stack's earlier ones.
	 * @param {string} url
	 * @param {string} ownerPassword
	 * @param {string} [apiKey] a key minted by an earlier start
	 * @param {string} [webhookBaseUrl]
	 * @returns {Promise<N8nClient>} its `apiKey` is the key to keep
	 */
	static async asOwner(url, ownerPassword, apiKey, webhookBaseUrl) {
		const setup = await fetch(`${url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ ...OWNER, password: ownerPassword }),
		});
		await setup.arrayBuffer(); // 400 when the owner exists already: fine
		const client = new N8nClient(url, apiKey ?? '', ownerPassword, webhookBaseUrl);
		client.sessionCookie = await tryOwnerLogin(url, ownerPassword);
		if (!client.sessionCookie) await client.replaceFormerPassword();
		if (apiKey && (await fetch(`${url}/api/v1/workflows?limit=1`, { headers: { 'X-N8N-API-KEY': apiKey } })).ok) {
			return client;
		}
		/** @typedef {Array<{ id: string, label: string }>} ApiKeys */
		/** @type {{ data: { items: ApiKeys } | ApiKeys }} n8n 2.x answers a page of them, 1.x the list */
		const { data: keys } = await client.rest('GET', '/api-keys');
		for (const key of (Array.isArray(keys) ? keys : keys.items).filter((k) => k.label === API_KEY_LABEL)) {
			await client.rest('DELETE', `/api-keys/${key.id}`);
		}
		/** @type {{ data: string[] }} */
		const { data: scopes } = await client.rest('GET', '/api-keys/scopes');
		const expiresAt = Math.floor(Date.now() / 1000) + 30 * 24 * 3600;
		/** @type {{ data: { rawApiKey: string } }} */
		const created = await client.rest('POST', '/api-keys', { label: API_KEY_LABEL, scopes, expiresAt });
		client.apiKey = created.data.rawApiKey;
		return client;
	}

	/** An owner made by an earlier `npm start` has the former fixed password: it gets this client's instead. */
	async replaceFormerPassword() {
		const cookie = await tryOwnerLogin(this.url, FORMER_FIXED_PASSWORD);
		if (!cookie) throw new Error(`n8n refused the owner's password; delete the user folder to start over`);
		this.sessionCookie = cookie;
		await this.rest('PATCH', '/me/password', { currentPassword: FORMER_FIXED_PASSWORD, newPassword: this.ownerPassword });
		this.sessionCookie = undefined;
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
		this.sessionCookie ??= await ownerLogin(this.url, this.ownerPassword);
		return this.sessionCookie;
	}

	/**
	 * The stored credentials' ids by name, read through the editor's endpoint: n8n 1.x's public API cannot list
	 * credentials (it has no `GET /api/v1/credentials`).
	 * @returns {Promise<Map<string, string>>}
	 */
	async credentialIds() {
		/** @type {{ data: Array<{ id: string, name: string }> }} */
		const { data } = await this.rest('GET', '/credentials');
		return new Map(data.map((credential) => [credential.name, credential.id]));
	}

	/** @param {string} name @returns {Promise<string>} the id of the stored credential `name` */
	async credentialId(name) {
		const id = (await this.credentialIds()).get(name);
		if (!id) throw new Error(`No credential named "${name}"`);
		return id;
	}

	/**
	 * What the editor's "Test" button does: tests the stored credential `name` with the form's `data`.
	 * @param {string} name
	 * @param {string} type
	 * @param {Record<string, unknown>} data
	 * @returns {Promise<{ status: string, message: string }>}
	 */
	async testCredential(name, type, data) {
		const id = await this.credentialId(name);
		/** @type {{ data: { status: string, message: string } }} */
		const tested = await this.rest('POST', '/credentials/test', { credentials: { id, name, type, data } });
		return tested.data;
	}

	/**
	 * What the editor asks when a resource locator's list opens or scrolls: one page of a node's
	 * `methods.listSearch` function, run with a stored credential (`credential`: [type, name]).
	 * @param {{ node: string, parameter: string, method: string, credential: [string, string], parameters?: Record<string, unknown>, filter?: string, paginationToken?: string }} request
	 *   node: the node type, e.g. `n8n-nodes-testops.tapd`
	 * @returns {Promise<{ results: Array<{ name: string, value: string, url?: string }>, paginationToken?: string }>}
	 */
	async listSearch(request) {
		const [type, name] = request.credential;
		const id = await this.credentialId(name);
		/** @type {{ data: { results: Array<{ name: string, value: string, url?: string }>, paginationToken?: string } }} */
		const answer = await this.rest('POST', '/dynamic-node-parameters/resource-locator-results', {
			path: request.parameter,
			nodeTypeAndVersion: { name: request.node, version: 1 },
			methodName: request.method,
			currentNodeParameters: request.parameters ?? {},
			credentials: { [type]: { id, name } },
			...(request.filter === undefined ? {} : { filter: request.filter }),
			...(request.paginationToken === undefined ? {} : { paginationToken: request.paginationToken }),
		});
		return answer.data;
	}

	/** The production URL of a trigger's webhook. @param {string} webhookId @param {string} path */
	webhookUrl(webhookId, path) {
		return `${this.webhookBaseUrl}/webhook/${webhookId}/${path}`;
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

	/**
	 * What n8n recorded of each trigger's registration when the workflow was last published (the editor shows it).
	 * @param {string} workflowId
	 * @returns {Promise<{ status: string, triggers: Array<{ nodeId: string, status: string, errorMessage: string | null }> }>}
	 */
	async publicationStatus(workflowId) {
		const answer = await this.rest('GET', `/workflows/${workflowId}/publication-status`);
		return answer.data ?? answer;
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
	 * @param {string} [method] how to probe: POST, or GET for a webhook that answers only GET
	 */
	async waitForWebhook(url, done, timeoutMs = 15_000, method = 'POST') {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const response = await fetchFresh(url, { method });
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
