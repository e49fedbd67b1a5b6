// @ts-check
'use strict';
/**
 * n8n in queue mode, as a team runs it to scale out (docs/n8n.md, "Queue mode"): PostgreSQL and Redis, one
 * main (`n8n start`: editor, API, publishing; production webhooks turned off on it), `webhook` processes that
 * run the triggers' `webhook()` behind a round-robin load balancer, and a `worker` that runs the executions.
 * Every process shares the user folder (the package installed by npm in its `.n8n/nodes`, loaded by each the
 * same way) and the encryption key.
 */
const { randomBytes } = require('node:crypto');

const { fakeServers } = require('./fakes');
const { e2eCredentials } = require('./credentials');
const { freePort, startN8n } = require('./n8nProcess');
const { startPostgres, startRedis } = require('./queueServices');
const { startRoundRobinProxy } = require('./roundRobinProxy');
const { startStack } = require('./stack');

/**
 * @typedef {object} QueueState
 * @property {string[]} webhookProcessUrls each webhook process, reachable directly (the balancer is `webhookBaseUrl`)
 * @property {string} workerLogFile
 * @property {string[]} webhookLogFiles
 *
 * @typedef {'main' | 'worker' | 'webhook-1' | 'webhook-2'} QueueProcessName `webhook-N`: the N-th webhook process
 *
 * @typedef {object} QueueProcesses one n8n process of the set at a time, for the fault tests
 * @property {(name: QueueProcessName) => Promise<void>} crash SIGKILL, as a crash or an out-of-memory kill ends
 *   it: no shut-down runs; the others keep running
 * @property {(name: QueueProcessName) => Promise<void>} restart starts it again with the same settings and port
 *   (a webhook process stays behind the balancer), its log appended to
 *
 * @typedef {object} QueueOptions
 * @property {number} [port] the main's port (free one unless told)
 * @property {number} [webhookProcesses] how many `n8n webhook` processes (2 unless told)
 * @property {boolean} [echoLogs]
 */

/**
 * Starts PostgreSQL, Redis and the n8n processes for a user folder in which the package is installed; used as
 * `startStack`'s `launch`.
 * @param {string} userFolder
 * @param {QueueOptions} [options]
 * @returns {Promise<import('./stack').LaunchedN8n & { processes: QueueProcesses }>}
 */
async function launchQueueMode(userFolder, options = {}) {
	/** @type {Array<() => Promise<void>>} stops, in the order to run them */
	const stops = [];
	const stop = async () => {
		for (const step of stops.splice(0)) await step();
	};
	try {
		const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
		stops.push(redis.stop, postgres.stop);

		// The balancer's address is the public webhook URL every process announces (and TAPD / Azure DevOps
		// registrations point at), so it is chosen before the processes start.
		const webhookPorts = await Promise.all(Array.from({ length: options.webhookProcesses ?? 2 }, freePort));
		const webhookProcessUrls = webhookPorts.map((port) => `http://127.0.0.1:${port}`);
		const proxy = await startRoundRobinProxy(webhookProcessUrls);
		stops.unshift(proxy.close);

		/** @type {Record<string, string>} */
		const env = {
			EXECUTIONS_MODE: 'queue',
			N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			WEBHOOK_URL: `${proxy.url}/`,
			// Production webhooks only on the webhook processes, so that every delivery crosses the balancer.
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		};
		/** @typedef {Omit<import('./n8nProcess').N8nOptions, 'userFolder' | 'env'>} ProcessOptions */
		/** Each process by name, with the options it was started with (a restart reuses them and its port). */
		/** @type {Map<string, { options: ProcessOptions, process: import('./n8nProcess').RunningN8n }>} */
		const running = new Map();
		stops.unshift(async () => {
			await Promise.all([...running.values()].map(async (entry) => await entry.process.stop()));
		});
		/** @param {string} name @param {ProcessOptions} processOptions */
		const start = async (name, processOptions) => {
			const started = await startN8n({ ...processOptions, userFolder, echoLogs: options.echoLogs, env });
			running.set(name, { options: { ...processOptions, port: started.port }, process: started });
			return started;
		};
		// The main first: it creates the database schema the others expect.
		const main = await start('main', { port: options.port, logName: 'n8n-main.log' });
		// The others together; all settled before going on, so that a failure leaves none of them behind.
		const settled = await Promise.allSettled([
			start('worker', { command: 'worker', logName: 'n8n-worker.log' }),
			...webhookPorts.map(async (port, index) => await start(`webhook-${index + 1}`, { command: 'webhook', port, logName: `n8n-webhook-${index + 1}.log` })),
		]);
		const failed = settled.find((result) => result.status === 'rejected');
		if (failed) throw failed.reason;
		const [worker, ...webhooks] = settled.map((result) => /** @type {PromiseFulfilledResult<import('./n8nProcess').RunningN8n>} */ (result).value);
		/** @param {string} name */
		const entry = (name) => {
			const found = running.get(name);
			if (!found) throw new Error(`No n8n process named "${name}" (${[...running.keys()].join(', ')})`);
			return found;
		};
		/** @type {QueueProcesses} */
		const processes = {
			crash: async (name) => await entry(name).process.kill(),
			restart: async (name) => {
				const { options: processOptions, process } = entry(name);
				await process.stop(); // nothing to do after a crash
				await start(name, { ...processOptions, appendLog: true });
			},
		};
		return {
			url: main.url,
			logFile: main.logFile,
			version: main.version,
			webhookBaseUrl: proxy.url,
			queue: { webhookProcessUrls, workerLogFile: worker.logFile, webhookLogFiles: webhooks.map((w) => w.logFile) },
			processes,
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

/**
 * The whole stack in queue mode: the fakes, PostgreSQL, Redis and the n8n processes, seeded with the
 * credentials and the example workflows like `startStack` (the e2e suite's fakes and credentials unless told).
 * @param {{ userFolder: string, fresh: boolean, ownerPassword: string, apiKey?: string,
 *   fakeServers?: import('./stack').StackOptions['fakeServers'],
 *   credentials?: import('./stack').StackOptions['credentials'] } & QueueOptions} options
 * @returns {Promise<import('./stack').Stack>}
 */
async function startQueueStack(options) {
	const { port, webhookProcesses, echoLogs } = options;
	return await startStack({
		userFolder: options.userFolder,
		fresh: options.fresh,
		ownerPassword: options.ownerPassword,
		apiKey: options.apiKey,
		echoLogs,
		fakeServers: options.fakeServers ?? fakeServers,
		credentials: options.credentials ?? e2eCredentials,
		launch: async (userFolder) => await launchQueueMode(userFolder, { port, webhookProcesses, echoLogs }),
	});
}

module.exports = { launchQueueMode, startQueueStack };
