// @ts-check
'use strict';
const { execFileSync } = require('node:child_process');
const { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const { REPO_ROOT } = require('./runtime');

/** The package's name, as users install it and as n8n prefixes its node types. */
const PACKAGE_NAME = 'n8n-nodes-testops';

/** npm without this project's settings (npm exports them as npm_config_* under `npm test`). */
function cleanEnv() {
	/** @type {NodeJS.ProcessEnv} */
	const env = {};
	for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('npm_config_')) env[key] = value;
	return env;
}

/** @type {string | undefined} */
let packed;

/**
 * Packs the built package (`npm pack`: exactly what npm publishes) once per process.
 * @returns {string} the tarball's path
 */
function packOnce() {
	if (packed && existsSync(packed)) return packed;
	if (!existsSync(join(REPO_ROOT, 'dist', 'nodes'))) throw new Error('dist/ is missing: run `npm run build` first');
	const dir = mkdtempSync(join(tmpdir(), 'n8n-nodes-testops-pack-'));
	execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', dir], { cwd: REPO_ROOT, env: cleanEnv(), stdio: ['ignore', 'pipe', 'inherit'] });
	const tarball = readdirSync(dir).find((file) => file.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack wrote no tarball');
	packed = join(dir, tarball);
	return packed;
}

/**
 * Installs the package into an n8n user folder as the README tells users to: npm into `~/.n8n/nodes`
 * (`N8N_USER_FOLDER/.n8n/nodes`), without peer dependencies (n8n provides `n8n-workflow` and `zod` to
 * community packages itself). n8n then loads its nodes as `n8n-nodes-testops.<name>`.
 * @param {string} userFolder n8n's N8N_USER_FOLDER
 */
function installPackageLikeUsers(userFolder) {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	rmSync(join(nodesDir, 'node_modules', PACKAGE_NAME), { recursive: true, force: true });
	mkdirSync(nodesDir, { recursive: true });
	if (!existsSync(join(nodesDir, 'package.json'))) {
		writeFileSync(join(nodesDir, 'package.json'), `${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2)}\n`);
	}
	execFileSync(
		'npm',
		['install', '--omit=peer', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', packOnce()],
		{ cwd: nodesDir, env: cleanEnv(), stdio: ['ignore', 'ignore', 'inherit'] },
	);
}

module.exports = { PACKAGE_NAME, installPackageLikeUsers, packOnce };
