// @ts-check
'use strict';
/**
 * `npm start`: a local n8n (embedded SQLite in ./.n8n-local) with this package and the example workflows
 * loaded. Examples that need no third-party account are published; the others wait for you to fill in
 * their credentials. Data is kept between runs; delete .n8n-local to start over.
 *
 * `npm run start:queue` (`npm start -- --queue`): the same in n8n's queue mode (dev/queueStack.js):
 * PostgreSQL, Redis, a main, a worker and two webhook processes behind a round-robin balancer, in
 * ./.n8n-local-queue. Its database is temporary: everything but the secrets (local-secrets.json) is gone when
 * it stops.
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const { localCredentials, localSecrets, rememberApiKey } = require('../dev/credentials');
const { OWNER } = require('../dev/n8nClient');
const { REPO_ROOT } = require('../dev/runtime');
const { startQueueStack } = require('../dev/queueStack');
const { startStack } = require('../dev/stack');

const QUEUE = process.argv.includes('--queue');
/** Where the secrets are kept between runs; the queue-mode stack's n8n folder inside it starts empty each time. */
const SECRETS_FOLDER = join(REPO_ROOT, QUEUE ? '.n8n-local-queue' : '.n8n-local');
const USER_FOLDER = QUEUE ? join(SECRETS_FOLDER, 'n8n') : SECRETS_FOLDER;
const PORT = Number(process.env.N8N_PORT ?? 5678);

/** Examples whose triggers work without a third-party account: published on start. */
const PUBLISHED_ON_START = [
	'Testany: report failed test cases',
	'Testany: one run per notification across webhook processes',
	"UiPath Test Manager: answer the dashboard's defect KPIs",
];

/**
 * Webhook paths by node type name, read from the built node descriptions.
 * @returns {Map<string, string[]>}
 */
function webhookPathsByType() {
	const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
	const paths = new Map();
	for (const file of manifest.n8n.nodes) {
		const exported = require(join(REPO_ROOT, file));
		for (const NodeClass of Object.values(exported)) {
			const { description } = new /** @type {any} */ (NodeClass)();
			paths.set(description.name, (description.webhooks ?? []).map((/** @type {any} */ w) => w.path));
		}
	}
	return paths;
}

async function main() {
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
		? // A fresh folder each time; no fakes: like `npm start`, the examples' accounts are placeholders to replace.
			await startQueueStack({ ...options, fresh: true, fakeServers: {} })
		: await startStack({ ...options, fresh: false });
	rememberApiKey(SECRETS_FOLDER, stack.state.apiKey);
	const stop = async () => {
		process.stdout.write('\nStopping n8n…\n');
		await stack.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);

	const paths = webhookPathsByType();
	const lines = [
		'',
		`n8n is running: ${stack.state.n8nUrl}`,
		`Log in as ${OWNER.email} / ${secrets.ownerPassword} (generated for this folder; kept in ${SECRETS_FOLDER}/local-secrets.json)`,
		`n8n's log: ${stack.state.logFile}`,
		...queueLines(stack.state),
		'',
		'Example workflows:',
	];
	/** @type {{ data: Array<{ id: string, name: string, active: boolean, nodes: any[] }> }} */
	const { data: workflows } = await stack.n8n.api('GET', '/workflows?limit=250');
	for (const workflow of workflows.sort((a, b) => a.name.localeCompare(b.name))) {
		if (PUBLISHED_ON_START.includes(workflow.name) && !workflow.active) await stack.n8n.publish(workflow.id);
		const published = PUBLISHED_ON_START.includes(workflow.name) || workflow.active;
		lines.push(`- ${workflow.name} (${published ? 'published' : 'not published: fill in its credentials first'})`);
		lines.push(`  ${stack.state.n8nUrl}/workflow/${workflow.id}`);
		for (const node of workflow.nodes.filter((n) => n.webhookId)) {
			if (node.type === 'n8n-nodes-base.webhook') {
				// n8n's own Webhook node serves its path parameter as a full path.
				lines.push(`  webhook (${node.name}): ${stack.state.webhookBaseUrl ?? stack.state.n8nUrl}/webhook/${node.parameters.path}`);
				continue;
			}
			// Paths with parameters (Test Manager's KPI path) are derived by the sender from the base URL.
			const declared = paths.get(String(node.type).replace(/^n8n-nodes-testops\./, '')) ?? [];
			for (const path of new Set(declared.filter((p) => !p.includes(':')))) {
				const url = stack.n8n.webhookUrl(node.webhookId, path);
				const suffix = node.type.endsWith('.testanyTrigger') ? `?token=${secrets.testanyToken}` : '';
				lines.push(`  webhook (${node.name}): ${url}${suffix}`);
			}
		}
	}
	lines.push('', 'Press Ctrl+C to stop.', '');
	process.stdout.write(lines.join('\n'));
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

main().catch((error) => {
	process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
	process.exit(1);
});
