// @ts-check
'use strict';
/**
 * `npm run send-sample -- <sample> [webhook URL or workflow name]`: sends a trigger of the running demo
 * (`npm start`) the delivery its service would send, signed as that service signs it, and prints the answer;
 * for a polling example, makes a change in the fake service that its next poll reads. Without a sample name it
 * lists the samples. e2e/demo.test.cts runs `sendSampleCommand` on the suite's n8n.
 */
const { join } = require('node:path');

const { localSecrets } = require('../dev/credentials');
const { DEMO_FOLDER_NAME, POLLING_SAMPLES, SAMPLES, makePollingChange, readDemoState, sendSample } = require('../dev/demo');
const { REPO_ROOT } = require('../dev/runtime');

/**
 * @param {string[]} args the sample's name, then optionally where to send it
 * @param {{ folder?: string, write?: (text: string) => void }} [options] the demo's folder (where `npm start`
 *   keeps its state and secrets) and where the report goes
 * @returns {Promise<number>} the exit code: 1 when the trigger refused the sample
 */
async function sendSampleCommand([name, target], { folder = join(REPO_ROOT, DEMO_FOLDER_NAME), write = (text) => process.stdout.write(text) } = {}) {
	if (!name) {
		const lines = ['Usage: npm run send-sample -- <sample> [webhook URL or workflow name]', '', 'Samples:'];
		for (const [sampleName, sample] of Object.entries(SAMPLES)) lines.push(`- ${sampleName}: ${sample.description} (to "${sample.workflow}")`);
		for (const [sampleName, sample] of Object.entries(POLLING_SAMPLES)) lines.push(`- ${sampleName}: ${sample.description} (for "${sample.workflow}")`);
		write(`${lines.join('\n')}\n`);
		return 0;
	}
	const state = readDemoState(folder);
	if (Object.hasOwn(POLLING_SAMPLES, name)) {
		const { sent, poller, answer } = await makePollingChange(state, name);
		write(
			[
				`${sent.method} ${sent.url}`,
				`  a change for "${poller.node}" of "${poller.workflow}", which reads it at its next poll (within a minute)`,
				`Answer: HTTP ${answer.status}`,
				JSON.stringify(answer.body, null, 2),
				'',
				`The execution: ${state.n8nUrl}/workflow/${poller.workflowId}/executions`,
				'',
			].join('\n'),
		);
		return answer.status >= 400 ? 1 : 0;
	}
	const { sent, webhook, answer } = await sendSample({ state, secrets: localSecrets(folder) }, name, target);
	const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body, null, 2);
	write(
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
	return answer.status >= 400 ? 1 : 0;
}

if (require.main === module) {
	sendSampleCommand(process.argv.slice(2)).then(
		(code) => {
			process.exitCode = code;
		},
		(error) => {
			process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
			process.exitCode = 1;
		},
	);
}

module.exports = { sendSampleCommand };
