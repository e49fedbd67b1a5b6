// @ts-check
'use strict';
/**
 * `npm run send-sample -- <sample> [webhook URL or workflow name]`: sends a trigger of the running demo
 * (`npm start -- --demo`) the delivery its service would send, signed as that service signs it, and prints
 * the answer. Without a sample name it lists the samples.
 */
const { join } = require('node:path');

const { localSecrets } = require('../dev/credentials');
const { DEMO_FOLDER_NAME, SAMPLES, readDemoState, sendSample } = require('../dev/demo');
const { REPO_ROOT } = require('../dev/runtime');

const folder = join(REPO_ROOT, DEMO_FOLDER_NAME);

async function main() {
	const [name, target] = process.argv.slice(2);
	if (!name) {
		const lines = ['Usage: npm run send-sample -- <sample> [webhook URL or workflow name]', '', 'Samples:'];
		for (const [sampleName, sample] of Object.entries(SAMPLES)) lines.push(`- ${sampleName}: ${sample.description} (to "${sample.workflow}")`);
		process.stdout.write(`${lines.join('\n')}\n`);
		return;
	}
	const state = readDemoState(folder);
	const { sent, webhook, answer } = await sendSample({ state, secrets: localSecrets(folder) }, name, target);
	const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body, null, 2);
	process.stdout.write(
		[
			`${sent.method} ${sent.url.split('?')[0]}`,
			`  to "${webhook.node}" of "${webhook.workflow}"`,
			`Answer: HTTP ${answer.status}`,
			...(body === undefined ? [] : [body]),
			'',
			`The execution: ${state.n8nUrl}/workflow/${webhook.workflowId}/executions`,
			'',
		].join('\n'),
	);
	if (answer.status >= 400) process.exitCode = 1;
}

main().catch((error) => {
	process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
	process.exit(1);
});
