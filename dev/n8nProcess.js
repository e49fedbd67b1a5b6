// @ts-check
'use strict';
const { spawn } = require('node:child_process');
const { chmodSync, createWriteStream, existsSync, mkdirSync } = require('node:fs');
const { createServer } = require('node:net');
const { join } = require('node:path');

const { n8nRuntime } = require('./runtime');

/**
 * @typedef {object} RunningN8n
 * @property {string} url
 * @property {number} port
 * @property {string} logFile
 * @property {string} version n8n's version, as installed (dev/n8nVersions.js)
 * @property {number} pid n8n's process id, also the id of its process group (the task runners are in it)
 * @property {() => Promise<void>} stop
 * @property {() => Promise<void>} kill SIGKILL, as a crash or an out-of-memory kill would end n8n: no shut-down runs
 *
 * @typedef {object} N8nOptions
 * @property {string} userFolder where n8n keeps its SQLite database, settings and log
 * @property {number} [port]
 * @property {boolean} [echoLogs] also copy n8n's output to this process's stdout (for `npm start`)
 * @property {Record<string, string>} [env]
 * @property {import('./runtime').N8nRuntime} [runtime] another n8n than the selected one (the benchmark's
 *   patched copy); when absent, the version `--n8n` or TESTOPS_N8N_VERSION selects, else the default (dev/runtime.js)
 * @property {boolean} [appendLog] keep what an earlier run on this folder logged (a restart after a crash)
 * @property {'start' | 'webhook' | 'worker'} [command] n8n's process type: `start` (a main) unless told; queue
 *   mode adds `webhook` and `worker` processes (a worker serves only its health check, on `port`)
 * @property {string} [logName] the log's file name in `userFolder`, `n8n.log` unless told (processes sharing a
 *   user folder need their own)
 */

/** @returns {Promise<number>} a port nothing listens on right now */
async function freePort() {
	return await new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

/** @param {number} ms */
const sleep = async (ms) => await new Promise((r) => setTimeout(r, ms));

/**
 * Whether `url` answers 2xx (and, when `json`, with a JSON body: n8n's editor answers unknown paths with its page).
 * @param {string} url
 * @param {boolean} [json]
 */
async function answers(url, json = false) {
	try {
		const response = await fetch(url);
		await response.arrayBuffer();
		return response.ok && (!json || /json/.test(response.headers.get('content-type') ?? ''));
	} catch {
		return false; // not listening yet
	}
}

/**
 * Waits until n8n is ready. A main (`n8n start`) must also serve its editor endpoints: n8n 1.x answers
 * `/healthz/readiness` before its `/rest` routes exist, so a main is ready once `GET /rest/settings` answers JSON.
 * @param {string} url
 * @param {import('node:child_process').ChildProcess} child
 * @param {string} logFile
 * @param {boolean} isMain
 */
async function waitUntilReady(url, child, logFile, isMain) {
	const deadline = Date.now() + 180_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`n8n exited with code ${child.exitCode}; see ${logFile}`);
		const ready = (await answers(`${url}/healthz/readiness`)) && (!isMain || (await answers(`${url}/rest/settings`, true)));
		if (ready) return;
		await sleep(500);
	}
	throw new Error(`n8n did not become ready within 180 s; see ${logFile}`);
}

/**
 * Signals n8n's whole process group (n8n starts task runners) and waits for it to end: `stop` asks (SIGTERM,
 * then SIGKILL after 20 s), `kill` does not ask.
 * @param {import('node:child_process').ChildProcess} child
 */
function stopper(child) {
	/** @param {NodeJS.Signals} signal */
	const signalGroup = (signal) => {
		try {
			if (child.pid !== undefined) process.kill(-child.pid, signal);
		} catch {
			// already gone
		}
	};
	const exited = new Promise((r) => child.once('exit', r));
	process.once('exit', () => signalGroup('SIGKILL')); // last resort: never leave an n8n behind
	const kill = async () => {
		signalGroup('SIGKILL');
		await exited;
	};
	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		signalGroup('SIGTERM');
		/** @type {NodeJS.Timeout | undefined} */
		let timer;
		const gaveUp = new Promise((resolve) => (timer = setTimeout(() => resolve(false), 20_000)));
		const done = await Promise.race([exited.then(() => true), gaveUp]);
		clearTimeout(timer); // a pending 20 s timer would keep this process alive after the tests
		if (!done) await kill();
	};
	return { stop, kill };
}

/**
 * n8n's folder holds the encryption key of every credential (`.n8n/config`) and the database: only this user
 * may read them. n8n checks the settings file's mode itself (N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS, on by
 * default, left on); the folders are closed here, and a settings file from an earlier, laxer run is fixed.
 * @param {string} userFolder
 */
function protectUserFolder(userFolder) {
	const n8nFolder = join(userFolder, '.n8n');
	mkdirSync(n8nFolder, { recursive: true, mode: 0o700 });
	chmodSync(userFolder, 0o700);
	chmodSync(n8nFolder, 0o700);
	const settingsFile = join(n8nFolder, 'config');
	if (existsSync(settingsFile)) chmodSync(settingsFile, 0o600);
}

/**
 * Starts a real n8n on loopback with its embedded SQLite database in `userFolder`.
 * @param {N8nOptions} options
 * @returns {Promise<RunningN8n>}
 */
async function startN8n(options) {
	const runtime = options.runtime ?? n8nRuntime();
	const port = options.port ?? (await freePort());
	const url = `http://127.0.0.1:${port}`;
	protectUserFolder(options.userFolder);
	const logFile = join(options.userFolder, options.logName ?? 'n8n.log');
	const log = createWriteStream(logFile, { flags: options.appendLog ? 'a' : 'w', mode: 0o600 });
	const command = options.command ?? 'start';
	// A worker has no HTTP server of its own: its health check server tells when it is ready.
	const workerHealth =
		command === 'worker' ? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' } : {};
	const child = spawn(runtime.nodeBinary, [runtime.n8nEntry, command], {
		cwd: options.userFolder,
		detached: true, // its own process group, so stop() reaches the task runners too
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {
			PATH: `${join(runtime.nodeBinary, '..')}:${process.env.PATH ?? ''}`,
			HOME: process.env.HOME ?? options.userFolder,
			N8N_USER_FOLDER: options.userFolder,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			WEBHOOK_URL: `${url}/`,
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_LOG_LEVEL: 'info',
			NODE_ENV: 'production',
			...workerHealth,
			...options.env,
		},
	});
	child.stdout?.pipe(log);
	child.stderr?.pipe(log);
	if (options.echoLogs) {
		child.stdout?.pipe(process.stdout);
		child.stderr?.pipe(process.stderr);
	}
	const { stop, kill } = stopper(child);
	try {
		await waitUntilReady(url, child, logFile, command === 'start');
	} catch (error) {
		await stop();
		throw error;
	}
	const version = runtime.version ?? 'unknown';
	return { url, port, logFile, version, pid: /** @type {number} */ (child.pid), stop, kill };
}

module.exports = { freePort, startN8n };
