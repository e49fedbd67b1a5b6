// @ts-check
'use strict';
/**
 * `npm run bench:scale` (builds first): what the action nodes' outbound calls cost as data grows. The built
 * nodes run in this process (dev/inProcess.js) against the fakes of dev/fakes/ on loopback, holding 100, 10,000
 * and 100,000 defects: Azure DevOps with WIQL's 20,000 cap, batches of 200 and Analytics; TAPD with its
 * per-account quota of 60 requests a minute, answering 429 with Retry-After. For each operation it prints the
 * requests sent, the bytes received, the wall time, the peak heap growth, and the time the retry policy
 * waited, on virtual time (a wait costs nothing here; dev/virtualClock.js). The fake Azure DevOps runs in a
 * child process, so that the heap measured is the node's; the fake TAPD runs in this one (its quota reads the
 * virtual clock), so TAPD's heap figures include the fake's. Nothing is asserted: a benchmark prints, the unit
 * tests check counts and exactness.
 *
 * Options: `--sizes 100,10000` (defect counts), `--only kpi` (operations whose name contains the text).
 */
const { fork } = require('node:child_process');
const { join } = require('node:path');

const { E2E_SECRETS } = require('../dev/credentials');
const { startAzureDevOps } = require('../dev/fakes/azureDevOps');
const { TAPD_FAKE, startTapd } = require('../dev/fakes/tapd');
const { runNode } = require('../dev/inProcess');
const { useVirtualClock } = require('../dev/virtualClock');

const dist = join(__dirname, '..', 'dist', 'nodes');
const load = (/** @type {string} */ file) => require(join(dist, file));
const { retryClock } = load('shared/http/retry.js');
const { forgetRateLimits } = load('shared/http/sendWithRetry.js');
const { forgetKpis } = load('shared/kpiCache.js');
const { AzureDevOps } = load('AzureDevOps/AzureDevOps.node.js');
const { Tapd } = load('Tapd/Tapd.node.js');

const argument = (/** @type {string} */ name) => {
	const index = process.argv.indexOf(`--${name}`);
	return index < 0 ? undefined : process.argv[index + 1];
};
const SIZES = (argument('sizes') ?? '100,10000,100000').split(',').map(Number);
const ONLY = argument('only');

const clock = useVirtualClock(retryClock);
const gc = /** @type {(() => void) | undefined} */ (/** @type {any} */ (globalThis).gc);

/**
 * Runs one operation twice: once timed, once for memory, with a garbage collection every few milliseconds (when
 * `--expose-gc` is given) so that the peak is of live objects, not of garbage not yet collected.
 * @param {() => Promise<{ items: unknown[], meter: { requests: number, bytes: number, byStatus: Record<number, number> } }>} run
 */
async function measure(run) {
	const reset = () => {
		forgetRateLimits();
		forgetKpis();
		gc?.();
	};
	reset();
	const waitedBefore = clock.now();
	const started = process.hrtime.bigint();
	const { items, meter } = await run();
	const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
	const waitedS = (clock.now() - waitedBefore) / 1000;
	reset();
	const baseline = process.memoryUsage().heapUsed;
	let peak = baseline;
	const sampler = setInterval(() => {
		gc?.();
		peak = Math.max(peak, process.memoryUsage().heapUsed);
	}, 5);
	try {
		await run();
		peak = Math.max(peak, process.memoryUsage().heapUsed);
	} finally {
		clearInterval(sampler);
	}
	return { items: items.length, ...meter, wallMs, heapMb: (peak - baseline) / 2 ** 20, waitedS };
}

/** The fake Azure DevOps in a child process (this script with `--serve-azure`): its URL, and how to stop it. */
async function azureInChild() {
	const child = fork(__filename, ['--serve-azure'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const url = await new Promise((resolve, reject) => {
		child.once('message', (message) => resolve(/** @type {{ url: string }} */ (message).url));
		child.once('exit', (code) => reject(new Error(`the fake Azure DevOps stopped (${code})`)));
	});
	return { url: /** @type {string} */ (url), close: async () => void child.kill() };
}

async function main() {
	const azure = await azureInChild();
	const tapd = await startTapd({ now: clock.now });
	const post = async (/** @type {string} */ url, /** @type {unknown} */ body) =>
		await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	const azureCredentials = { azureDevOpsApi: { organizationUrl: `${azure.url}/fabrikam`, personalAccessToken: E2E_SECRETS.azureDevOpsPat } };
	const tapdCredentials = { tapdApi: { baseUrl: tapd.url, authType: 'apiAccount', apiUser: TAPD_FAKE.apiUser, apiPassword: TAPD_FAKE.apiPassword, requestsPerMinute: 60 } };
	const project = { __rl: true, mode: 'id', value: 'Fabrikam Web' };
	const workspaceId = { __rl: true, mode: 'id', value: TAPD_FAKE.workspaceId };
	const kpi = { resource: 'defectKpi', operation: 'get', project };
	const flatQuery = "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND [System.WorkItemType] = 'Bug' ORDER BY [System.ChangedDate] DESC";
	const noCache = { cacheSeconds: 0 };

	// TAPD operations start with a quiet account: the fake's quota window is emptied, as the node's is.
	/** @type {Array<{ name: string, before?: () => Promise<unknown>, run: () => Promise<any> }>} */
	const operations = [
		{ name: 'Azure DevOps Defect KPI, area path (Analytics)', before: async () => await post(`${azure.url}/__fake/scale/mode`, { analytics: 'on' }), run: async () => await runNode(new AzureDevOps(), { parameters: { ...kpi, source: 'areaPath', areaPath: 'Fabrikam Web', kpiOptions: noCache }, credentials: azureCredentials }) },
		{ name: 'Azure DevOps Defect KPI, area path (WIQL, Analytics refused)', before: async () => await post(`${azure.url}/__fake/scale/mode`, { analytics: 'forbidden' }), run: async () => await runNode(new AzureDevOps(), { parameters: { ...kpi, source: 'areaPath', areaPath: 'Fabrikam Web', kpiOptions: noCache }, credentials: azureCredentials }) },
		{ name: 'Azure DevOps Defect KPI, WIQL source (flat query)', run: async () => await runNode(new AzureDevOps(), { parameters: { ...kpi, source: 'wiql', query: flatQuery, kpiOptions: noCache }, credentials: azureCredentials }) },
		{ name: 'Azure DevOps Work Item Query, Return All (default fields)', run: async () => await runNode(new AzureDevOps(), { parameters: { resource: 'workItem', operation: 'query', project, query: flatQuery, returnAll: true, readOptions: {} }, credentials: azureCredentials }) },
		{ name: 'TAPD Defect KPI (/bugs/count)', before: async () => await post(`${tapd.url}/__fake/scale/quota`, { perMinute: 60 }), run: async () => await runNode(new Tapd(), { parameters: { resource: 'defectKpi', operation: 'compute', workspaceId, iterationId: '', criticalSeverities: ['fatal', 'serious'], moderateSeverities: ['normal'], kpiOptions: noCache }, credentials: tapdCredentials }) },
		{ name: 'TAPD Bug Get Many, Return All (quota 60/min)', before: async () => await post(`${tapd.url}/__fake/scale/quota`, { perMinute: 60 }), run: async () => await runNode(new Tapd(), { parameters: { resource: 'bug', operation: 'getAll', workspaceId, returnAll: true, filters: {}, queryOptions: {} }, credentials: tapdCredentials }) },
		{ name: 'TAPD Bug Get Many, Return All (TAPD allows 45/min, the node 60)', before: async () => await post(`${tapd.url}/__fake/scale/quota`, { perMinute: 45 }), run: async () => await runNode(new Tapd(), { parameters: { resource: 'bug', operation: 'getAll', workspaceId, returnAll: true, filters: {}, queryOptions: {} }, credentials: tapdCredentials }) },
	].filter((operation) => !ONLY || operation.name.toLowerCase().includes(ONLY.toLowerCase()));

	console.log(`bench:scale on Node ${process.version}, ${new Date().toISOString()}${gc ? '' : ' (run with --expose-gc for a steadier heap baseline)'}`);
	console.log('| operation | defects | items out | requests | 429s | received | wall time | peak live heap growth | waited (virtual) |');
	console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
	try {
		for (const size of SIZES) {
			await post(`${azure.url}/__fake/scale/seed`, { count: size });
			await post(`${tapd.url}/__fake/scale/seed`, { bugs: size });
			for (const operation of operations) {
				const m = await measure(async () => (await operation.before?.(), await operation.run())).catch((/** @type {Error} */ error) => ({ error: error.message }));
				if ('error' in m) {
					console.log(`| ${operation.name} | ${size} | failed: ${m.error} | | | | | | |`);
					continue;
				}
				console.log(
					`| ${operation.name} | ${size.toLocaleString('en')} | ${m.items.toLocaleString('en')} | ${m.requests} | ${m.byStatus[429] ?? 0} | ${(m.bytes / 2 ** 20).toFixed(2)} MB | ${(m.wallMs / 1000).toFixed(2)} s | ${m.heapMb.toFixed(1)} MB | ${m.waitedS.toFixed(0)} s |`,
				);
			}
		}
	} finally {
		await azure.close();
		await tapd.close();
	}
}

if (process.argv.includes('--serve-azure')) {
	startAzureDevOps().then((fake) => process.send?.({ url: fake.url }));
} else {
	main().catch((error) => {
		console.error(error);
		process.exitCode = 1;
	});
}
