// @ts-check
'use strict';
/**
 * Summarizes the V8 CPU profiles n8n wrote with `--cpu-prof` (`npm run bench:n8n -- --profile`): self time
 * by package, and the functions of this package and of n8n's webhook and expression code that cost most.
 */
const { readFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const { PACKAGE_NAME } = require('../../dev/package');

/**
 * @typedef {{ id: number, callFrame: { functionName: string, url: string, lineNumber: number }, children?: number[] }} ProfileNode
 * @typedef {{ nodes: ProfileNode[], samples: number[], timeDeltas: number[] }} Profile
 */

/** The package a script URL belongs to: the last `node_modules/<name>` in it, else a short label. */
function packageOf(/** @type {string} */ url) {
	if (!url) return '(native / idle / gc)';
	const parts = url.split('/node_modules/');
	if (parts.length === 1) return url.startsWith('node:') ? '(node core)' : '(other)';
	const rest = parts[parts.length - 1].split('/');
	return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
}

/**
 * @param {string} dir where the .cpuprofile files are
 * @returns {string} the summary, as text
 */
function summarizeProfiles(dir) {
	/** @type {Map<string, number>} */
	const byPackage = new Map();
	/** @type {Map<string, number>} */
	const byFunction = new Map();
	let total = 0;
	for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
		/** @type {Profile} */
		const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
		const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
		profile.samples.forEach((id, index) => {
			const node = nodes.get(id);
			if (!node) return;
			const micros = profile.timeDeltas[index] ?? 0;
			const { functionName, url, lineNumber } = node.callFrame;
			if (functionName === '(idle)' || functionName === '(program)') return;
			total += micros;
			const pkg = packageOf(url);
			byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
			const where = url.split('/node_modules/').pop() ?? url;
			const key = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
			byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
		});
	}
	const ms = (/** @type {number} */ micros) => `${(micros / 1000).toFixed(0).padStart(7)} ms ${((micros / total) * 100).toFixed(1).padStart(5)}%`;
	const top = (/** @type {Map<string, number>} */ map, /** @type {number} */ n, /** @type {(key: string) => boolean} */ keep) =>
		[...map].filter(([key]) => keep(key)).sort((a, b) => b[1] - a[1]).slice(0, n).map(([key, micros]) => `  ${ms(micros)}  ${key}`);
	return [
		`Busy CPU in the profiles: ${(total / 1000).toFixed(0)} ms (idle excluded)`,
		'Self time by package:',
		...top(byPackage, 15, () => true),
		`Functions of ${PACKAGE_NAME}:`,
		...top(byFunction, 15, (key) => key.includes(`${PACKAGE_NAME}/`)),
		'Functions overall:',
		...top(byFunction, 25, () => true),
	].join('\n');
}

module.exports = { summarizeProfiles };
