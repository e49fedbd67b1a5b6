// @ts-check
'use strict';
/**
 * `npm test`'s end-to-end step: the e2e suite on the newest n8n 2.x (`npm run test:e2e`) and on the 1.x
 * maintenance line (`npm run test:e2e:1.x`) at the same time. Each line is its own jest process with its own
 * n8n, fakes, folders and free ports; they share only the built dist/. Both mostly wait on n8n (publications,
 * polls, restarts, outages), so together they take little longer than the longer line alone, which keeps CI
 * near its 25-minute aim on 2 cores (CONTRIBUTING.md, "Tests").
 *
 * The first line prints as it runs; the second line's output is held and printed whole once the first is done,
 * so that neither is interleaved. Exits with the first failing line's status.
 */
const { spawn } = require('node:child_process');
const { resolve } = require('node:path');

const LINES = ['test:e2e', 'test:e2e:1.x'];
const root = resolve(__dirname, '..');

// npm passes its own path when it runs a script; use it so that the same npm runs the lines.
const npmCli = process.env.npm_execpath;
const [command, prefix] = npmCli && /npm-cli\.js$/.test(npmCli) ? [process.execPath, [npmCli]] : ['npm', []];

/** @type {import('node:child_process').ChildProcess[]} */
const children = [];
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
	process.on(signal, () => {
		for (const child of children) child.kill(signal);
	});
}

/**
 * @param {string} script
 * @param {boolean} live whether its output goes straight to ours
 * @returns {Promise<{ script: string, status: number, output: Buffer }>}
 */
function runLine(script, live) {
	return new Promise((done) => {
		const child = spawn(command, [...prefix, 'run', script], {
			cwd: root,
			stdio: ['ignore', live ? 'inherit' : 'pipe', live ? 'inherit' : 'pipe'],
		});
		children.push(child);
		/** @type {Buffer[]} */
		const chunks = [];
		child.stdout?.on('data', (chunk) => chunks.push(chunk));
		child.stderr?.on('data', (chunk) => chunks.push(chunk));
		child.on('error', (error) => chunks.push(Buffer.from(`could not start npm run ${script}: ${error.message}\n`)));
		child.on('close', (code) => done({ script, status: code ?? 1, output: Buffer.concat(chunks) }));
	});
}

async function main() {
	const [first, ...others] = LINES;
	const running = [runLine(first, true), ...others.map((script) => runLine(script, false))];
	const results = [];
	for (const line of running) {
		const result = await line;
		if (result.output.length > 0) {
			process.stdout.write(`\n--- npm run ${result.script} (ran alongside ${first}) ---\n`);
			process.stdout.write(result.output);
		}
		results.push(result);
	}
	const failed = results.filter((result) => result.status !== 0);
	for (const result of failed) process.stderr.write(`npm run ${result.script} failed (exit status ${result.status})\n`);
	process.exitCode = failed.length > 0 ? failed[0].status : 0;
}

void main();
