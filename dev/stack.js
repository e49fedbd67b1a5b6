// @ts-check
'use strict';
const { readdirSync, readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const { N8nClient } = require('./n8nClient');
const { installPackageLikeUsers } = require('./package');
const { startN8n } = require('./n8nProcess');
const { REPO_ROOT } = require('./runtime');

/**
 * @typedef {{ url: string, close(): Promise<void> }} FakeServer a fake third-party API on 127.0.0.1
 * @typedef {{ name: string, type: string, data: Record<string, unknown> }} CredentialSeed
 * @typedef {object} StackState
 * @property {string} n8nUrl
 * @property {string} n8nVersion the running n8n's version (dev/n8nVersions.js: 2.40.7 unless TESTOPS_N8N_VERSION says)
 * @property {string} apiKey
 * @property {string} ownerPassword
 * @property {Record<string, string>} fakes
 * @property {string} logFile
 * @property {string} userFolder
 * @property {number} [pid] n8n's process (group) id, for a single-process stack (the benchmark reads its CPU)
 * @property {string} [webhookBaseUrl] where production webhooks are served, when not by `n8nUrl` (queue mode)
 * @property {import('./queueStack').QueueState} [queue] the queue-mode processes (dev/queueStack.js)
 *
 * @typedef {object} LaunchedN8n what `launch` started
 * @property {string} url the main n8n (editor, API)
 * @property {string} logFile
 * @property {string} version n8n's version
 * @property {() => Promise<void>} stop
 * @property {number} [pid]
 * @property {string} [webhookBaseUrl]
 * @property {import('./queueStack').QueueState} [queue]
 * @property {import('./queueStack').QueueProcesses} [processes] crash or restart one process (queue mode)
 * @typedef {{ apiUrl: string, apiKey: string }} OwnApi this n8n's public API, for the Check Webhooks credential
 * @typedef {object} Stack
 * @property {StackState} state
 * @property {N8nClient} n8n
 * @property {() => Promise<void>} stop
 * @property {() => Promise<void>} crash SIGKILL n8n (single-process stacks only; the fakes keep running)
 * @property {() => Promise<N8nClient>} restart start n8n again on the same folder, port and database
 * @property {import('./queueStack').QueueProcesses} [processes] one process of the queue-mode set at a time
 *
 * @typedef {object} StackOptions
 * @property {string} userFolder
 * @property {number} [port]
 * @property {boolean} [echoLogs]
 * @property {boolean} fresh start from an empty database (tests) or keep what a previous run left (npm start)
 * @property {Record<string, () => Promise<FakeServer>>} [fakeServers] started before n8n, by name
 * @property {(fakes: Record<string, string>, self: OwnApi) => CredentialSeed[]} credentials created once, by name
 * @property {string} ownerPassword the instance owner's (random: generated once per folder or per test run)
 * @property {string} [apiKey] a key an earlier start minted, reused while n8n takes it
 * @property {Record<string, string>} [env] n8n settings beyond dev/n8nProcess.js's (the benchmark's engine)
 * @property {import('./n8nProcess').N8nOptions['runtime']} [runtime] another n8n than the pinned one
 * @property {(userFolder: string) => Promise<LaunchedN8n>} [launch] starts n8n once the package is installed in
 *   `userFolder`: one `n8n start` on SQLite unless told (the queue-mode stack passes its own)
 */

/**
 * The example workflows as users import them, with node types and credential ids resolved for this instance.
 * @param {Map<string, string>} credentialIds by credential name
 */
function exampleWorkflows(credentialIds) {
	return readExamples().map(({ file, workflow }) => {
		for (const node of workflow.nodes) {
			for (const reference of Object.values(node.credentials ?? {})) {
				const ref = /** @type {{ id: string, name: string }} */ (reference);
				const id = credentialIds.get(ref.name);
				if (!id) throw new Error(`${file}: no credential named "${ref.name}" was created`);
				ref.id = id;
			}
		}
		const { name, nodes, connections } = workflow;
		return { name, nodes, connections, settings: { executionOrder: 'v1' } };
	});
}

/** @returns {Array<{ file: string, workflow: any }>} the files of `examples/`, parsed, by file name */
function readExamples() {
	const dir = join(REPO_ROOT, 'examples');
	return readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(readFileSync(join(dir, file), 'utf8')) }));
}

/** @returns {string[]} the example workflows' names: what `npm start` and the e2e stack import (other suites add their own) */
function exampleNames() {
	return readExamples().map(({ workflow }) => workflow.name);
}

/**
 * Starts the fake third-party servers, then a real n8n with the packed package installed by npm, and seeds it with the
 * credentials and every example workflow (unpublished). `stop()` ends all of it.
 * @param {StackOptions} options
 * @returns {Promise<Stack>}
 */
async function startStack(options) {
	if (options.fresh) rmSync(options.userFolder, { recursive: true, force: true });
	/** @type {FakeServer[]} */
	const started = [];
	/** @type {LaunchedN8n & { kill?: () => Promise<void>, port?: number } | undefined} */
	let n8nProcess;
	const stop = async () => {
		await n8nProcess?.stop();
		await Promise.all(started.map(async (fake) => await fake.close()));
	};
	try {
		/** @type {Record<string, string>} */
		const fakes = {};
		for (const [name, start] of Object.entries(options.fakeServers ?? {})) {
			const fake = await start();
			started.push(fake);
			fakes[name] = fake.url;
		}
		// The packed package, installed with npm into the user folder's .n8n/nodes as users install it.
		installPackageLikeUsers(options.userFolder);

		const n8nOptions = {
			userFolder: options.userFolder,
			port: options.port,
			echoLogs: options.echoLogs,
			env: options.env,
			runtime: options.runtime,
		};
		n8nProcess = options.launch ? await options.launch(options.userFolder) : await startN8n(n8nOptions);
		const { webhookBaseUrl, queue } = n8nProcess;
		const n8n = await N8nClient.asOwner(n8nProcess.url, options.ownerPassword, options.apiKey, webhookBaseUrl);
		const port = n8nProcess.port;
		const crash = async () => {
			if (!n8nProcess?.kill) throw new Error('crash() needs the single n8n process of a regular-mode stack');
			await n8nProcess.kill();
		};
		const restart = async () => {
			n8nProcess = await startN8n({ ...n8nOptions, port, appendLog: true });
			return await N8nClient.asOwner(n8nProcess.url, options.ownerPassword, n8n.apiKey);
		};

		const credentialIds = await n8n.credentialIds();
		for (const seed of options.credentials(fakes, { apiUrl: `${n8nProcess.url}/api/v1`, apiKey: n8n.apiKey })) {
			if (credentialIds.has(seed.name)) continue;
			/** @type {{ id: string }} */
			const created = await n8n.api('POST', '/credentials', seed);
			credentialIds.set(seed.name, created.id);
		}
		/** @type {{ data: Array<{ name: string }> }} */
		const workflows = await n8n.api('GET', '/workflows?limit=250');
		const imported = new Set(workflows.data.map((workflow) => workflow.name));
		for (const workflow of exampleWorkflows(credentialIds)) {
			if (!imported.has(workflow.name)) await n8n.api('POST', '/workflows', workflow);
		}
		const { ownerPassword, userFolder } = options;
		const state = {
			n8nUrl: n8nProcess.url,
			n8nVersion: n8nProcess.version,
			apiKey: n8n.apiKey,
			ownerPassword,
			fakes,
			logFile: n8nProcess.logFile,
			userFolder,
			pid: n8nProcess.pid,
			webhookBaseUrl,
			queue,
		};
		return { state, n8n, stop, crash, restart, processes: n8nProcess.processes };
	} catch (error) {
		await stop();
		throw error;
	}
}

module.exports = { startStack, exampleWorkflows, exampleNames };
