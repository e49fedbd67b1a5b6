// @ts-check
'use strict';
/**
 * The first step of `npm start` and `npm test`: installs the dependencies (`npm ci`) when node_modules lacks
 * any of them, so that both commands work as the very first command in a fresh clone. Plain Node, no
 * dependency. It is chained in the scripts themselves rather than a `prestart`/`pretest` hook because
 * .npmrc's `ignore-scripts=true` also turns those hooks off.
 */
const { spawnSync } = require('node:child_process');
const { existsSync, readFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const wanted = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
const missing = wanted.filter((name) => !existsSync(join(root, 'node_modules', name, 'package.json')));

if (missing.length > 0) {
	process.stdout.write(`Installing the dependencies first (npm ci): ${missing.length} of ${wanted.length} are missing.\n`);
	// npm passes its own path when it runs a script; use it so that the same npm installs.
	const npmCli = process.env.npm_execpath;
	const [command, args] = npmCli && /npm-cli\.js$/.test(npmCli) ? [process.execPath, [npmCli]] : ['npm', []];
	const result = spawnSync(command, [...args, 'ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) {
		process.stderr.write('npm ci failed: see its output above.\n');
		process.exit(result.status ?? 1);
	}
}
