// @ts-check
'use strict';
/**
 * `npm start`: a local n8n (embedded SQLite in ./.n8n-local) with this package and the example workflows
 * loaded. Examples that need no third-party account are published; the others wait for you to fill in
 * their credentials. Data is kept between runs; delete .n8n-local to start over.
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const { localCredentials, localSecrets, rememberApiKey } = require('../dev/credentials');
const { OWNER } = require('../dev/n8nClient');
const { REPO_ROOT } = require('../dev/runtime');
const { startStack } = require('../dev/stack');

const USER_FOLDER = join(REPO_ROOT, '.n8n-local');
const PORT = Number(process.env.N8N_PORT ?? 5678);

/** Examples whose triggers work without a third-party account: published on start. */
const PUBLISHED_ON_START = ['Testany: report failed test cases', "UiPath Test Manager: answer the dashboard's defect KPIs"];

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
	const secrets = localSecrets(USER_FOLDER);
	const stack = await startStack({
		userFolder: USER_FOLDER,
		port: PORT,
		fresh: false,
		credentials: (_fakes, self) => localCredentials(secrets, self),
		ownerPassword: secrets.ownerPassword,
		apiKey: secrets.apiKey,
	});
	rememberApiKey(USER_FOLDER, stack.state.apiKey);
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
		`Log in as ${OWNER.email} / ${secrets.ownerPassword} (generated for this folder; kept in .n8n-local/local-secrets.json)`,
		`n8n's log: ${stack.state.logFile}`,
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
				lines.push(`  webhook (${node.name}): ${stack.state.n8nUrl}/webhook/${node.parameters.path}`);
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

main().catch((error) => {
	process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
	process.exit(1);
});
