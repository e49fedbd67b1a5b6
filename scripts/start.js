// @ts-check
'use strict';
/**
 * `npm start`: the demo. A local n8n (embedded SQLite), started afresh in ./.n8n-demo, with this package, the
 * fake TAPD, Azure DevOps and Test Manager services of dev/fakes on loopback, the example credentials pointing
 * at them and every example published; `npm run send-sample -- <sample>` then sends each trigger a delivery.
 * (`--demo` says the same.)
 *
 * `npm start -- --own-accounts`: the same n8n in ./.n8n-local with the example workflows and placeholder
 * credentials for the real services. Examples that need no third-party account are published; the others
 * wait for you to fill in their credentials. Data is kept between runs; delete .n8n-local to start over.
 *
 * `npm run start:queue` (`npm start -- --queue`): like `--own-accounts` in n8n's queue mode
 * (dev/queueStack.js): PostgreSQL, Redis, a main, a worker and two webhook processes behind a round-robin
 * balancer, in ./.n8n-local-queue. Its database is temporary: everything but the secrets (local-secrets.json)
 * is gone when it stops.
 *
 * `-- --n8n <version>` (or TESTOPS_N8N_VERSION=<version>) runs another supported n8n than 2.40.7, installed on first
 * use (docs/n8n-versions.md); a version outside the supported range is refused before anything starts.
 */
const { rmSync } = require('node:fs');
const { join } = require('node:path');

const { demoCredentials, localCredentials, localSecrets, rememberApiKey } = require('../dev/credentials');
const { DEMO_FOLDER_NAME, SAMPLES, publishDemo, samplesFor, triggerWebhooks } = require('../dev/demo');
const { fakeServers } = require('../dev/fakes');
const { OWNER } = require('../dev/n8nClient');
const { DEFAULT_N8N_VERSION, selectedN8nVersion } = require('../dev/n8nVersions');
const { REPO_ROOT } = require('../dev/runtime');
const { startQueueStack } = require('../dev/queueStack');
const { startStack } = require('../dev/stack');

const QUEUE = process.argv.includes('--queue');
const DEMO = !QUEUE && !process.argv.includes('--own-accounts');
/** `--n8n <version>` or TESTOPS_N8N_VERSION; another n8n than the default keeps its own .n8n-local (n8n cannot open a newer one's database). */
const N8N_VERSION = versionOrExit();
const LOCAL_FOLDER = N8N_VERSION === DEFAULT_N8N_VERSION ? '.n8n-local' : `.n8n-local-${N8N_VERSION}`;
/** Where the secrets are kept between runs; the queue-mode stack's n8n folder inside it starts empty each time. */
const SECRETS_FOLDER = join(REPO_ROOT, QUEUE ? '.n8n-local-queue' : DEMO ? DEMO_FOLDER_NAME : LOCAL_FOLDER);
const USER_FOLDER = QUEUE ? join(SECRETS_FOLDER, 'n8n') : SECRETS_FOLDER;
const PORT = Number(process.env.N8N_PORT ?? 5678);

/** Examples whose triggers work without a third-party account: published on start with your own accounts (in the demo: all). */
const PUBLISHED_ON_START = [
	'Testany: report failed test cases',
	'Testany: one run per notification across webhook processes',
	"UiPath Test Manager: answer the dashboard's defect KPIs",
];

async function main() {
	// The demo's fakes keep their data in memory and listen on new ports: it starts from scratch every time.
	if (DEMO) rmSync(SECRETS_FOLDER, { recursive: true, force: true });
	const secrets = localSecrets(SECRETS_FOLDER);
	const options = {
		userFolder: USER_FOLDER,
		port: PORT,
		credentials: (/** @type {Record<string, string>} */ _fakes, /** @type {import('../dev/stack').OwnApi} */ self) =>
			localCredentials(secrets, self),
		ownerPassword: secrets.ownerPassword,
		apiKey: secrets.apiKey,
	};
	const stack = QUEUE
		? // A fresh folder each time; no fakes: as with --own-accounts, the examples' accounts are placeholders to replace.
			await startQueueStack({ ...options, fresh: true, fakeServers: {} })
		: DEMO
			? await startStack({ ...options, fresh: false, fakeServers, credentials: (fakes, self) => demoCredentials(secrets, fakes, self) })
			: await startStack({ ...options, fresh: false });
	rememberApiKey(SECRETS_FOLDER, stack.state.apiKey);
	const stop = async () => {
		process.stdout.write('\nStopping n8n…\n');
		await stack.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);

	const lines = [
		'',
		`n8n ${stack.state.n8nVersion} is running: ${stack.state.n8nUrl}`,
		`Log in as ${OWNER.email} / ${secrets.ownerPassword} (generated for this folder; kept in ${SECRETS_FOLDER}/local-secrets.json)`,
		`n8n's log: ${stack.state.logFile}`,
		...queueLines(stack.state),
		...(DEMO ? ['', 'Demo: fake TAPD, Azure DevOps and UiPath Test Manager services on loopback:', ...Object.entries(stack.state.fakes).map(([name, url]) => `- ${name}: ${url}`)] : []),
		'',
		'Example workflows:',
	];
	const { workflows, webhooks, published } = DEMO ? await startDemo(stack) : await publishWithoutAccounts(stack);
	for (const workflow of workflows) {
		lines.push(`- ${workflow.name} (${published.has(workflow.id) ? 'published' : 'not published: fill in its credentials first'})`);
		lines.push(`  ${stack.state.n8nUrl}/workflow/${workflow.id}`);
		for (const node of workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.webhook')) {
			// n8n's own Webhook node serves its path parameter as a full path.
			lines.push(`  webhook (${node.name}): ${stack.state.webhookBaseUrl ?? stack.state.n8nUrl}/webhook/${node.parameters.path}`);
		}
		for (const webhook of webhooks.filter((candidate) => candidate.workflowId === workflow.id)) {
			const suffix = webhook.type === 'testanyTrigger' ? `?token=${secrets.testanyToken}` : '';
			lines.push(`  webhook (${webhook.node}): ${webhook.url}${suffix}`);
			for (const { name, isDefault } of DEMO ? samplesFor(webhook) : []) {
				lines.push(`    send a sample: npm run send-sample -- ${name}${isDefault ? '' : ` ${webhook.url}`}`);
			}
		}
	}
	if (DEMO) {
		lines.push('', 'In another terminal, `npm run send-sample -- <sample>` sends one of these, then prints the answer:');
		for (const [name, sample] of Object.entries(SAMPLES)) lines.push(`- ${name}: ${sample.description}`);
		lines.push('Each delivery starts an execution: open the workflow, then Executions.');
		lines.push('', 'The demo starts afresh at every npm start. For a lasting n8n with your own accounts: npm start -- --own-accounts');
	}
	lines.push('', 'Press Ctrl+C to stop.', '');
	process.stdout.write(lines.join('\n'));
}

/**
 * The demo: every example published, where each trigger listens recorded for `npm run send-sample`.
 * @param {import('../dev/stack').Stack} stack
 */
async function startDemo(stack) {
	const { n8nUrl, fakes } = stack.state;
	const { workflows, webhooks, registered } = await publishDemo(stack.n8n, { folder: USER_FOLDER, n8nUrl, fakes });
	if (!registered) process.stdout.write("Some triggers have not registered at the fake services yet; see n8n's log.\n");
	return { workflows, webhooks, published: new Set(workflows.map((workflow) => workflow.id)) };
}

/**
 * With your own accounts: the examples that need none are published, the others wait for their credentials.
 * @param {import('../dev/stack').Stack} stack
 */
async function publishWithoutAccounts(stack) {
	/** @type {{ data: Array<{ id: string, name: string, active: boolean, nodes: any[] }> }} */
	const { data: workflows } = await stack.n8n.api('GET', '/workflows?limit=250');
	workflows.sort((a, b) => a.name.localeCompare(b.name));
	const published = new Set(workflows.filter((workflow) => workflow.active).map((workflow) => workflow.id));
	for (const workflow of workflows) {
		if (!PUBLISHED_ON_START.includes(workflow.name) || published.has(workflow.id)) continue;
		await stack.n8n.publish(workflow.id);
		published.add(workflow.id);
	}
	return { workflows, webhooks: triggerWebhooks(stack.n8n, workflows), published };
}

/**
 * What the queue-mode stack adds: where webhooks are served and the other processes' logs.
 * @param {import('../dev/stack').StackState} state
 */
function queueLines({ queue, webhookBaseUrl }) {
	if (!queue) return [];
	return [
		`Queue mode: production webhooks at ${webhookBaseUrl} (a round-robin balancer in front of the webhook processes`,
		`  ${queue.webhookProcessUrls.join(', ')}); executions run on the worker (log: ${queue.workerLogFile}).`,
		'  The database is temporary: published workflows and executions are gone when this stops.',
	];
}

/** The selected n8n version, or its refusal (with the supported range) and exit before anything starts. */
function versionOrExit() {
	try {
		return selectedN8nVersion();
	} catch (error) {
		process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
		return process.exit(2);
	}
}

main().catch((error) => {
	process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
	process.exit(1);
});
