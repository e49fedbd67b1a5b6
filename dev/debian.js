// @ts-check
'use strict';
const { execFileSync } = require('node:child_process');

/** @param {string} name */
function installed(name) {
	try {
		return execFileSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).includes('install ok installed');
	} catch {
		return false;
	}
}

/**
 * Makes sure Debian packages the tests need (PostgreSQL, Redis, Chromium …) are installed, installing the
 * missing ones with apt-get (as root, or through sudo). Tests call this themselves, so that `npm test` works
 * on a fresh machine.
 * @param {string[]} names
 */
function ensureDebianPackages(names) {
	const missing = names.filter((name) => !installed(name));
	if (missing.length === 0) return;
	const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	/** @param {string[]} args */
	const apt = (args) =>
		execFileSync(asRoot ? 'apt-get' : 'sudo', asRoot ? args : ['-n', 'apt-get', ...args], {
			stdio: ['ignore', 'ignore', 'inherit'],
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
	process.stderr.write(`[debian] installing ${missing.join(', ')}\n`);
	try {
		apt(['install', '-y', '--no-install-recommends', ...missing]);
	} catch {
		apt(['update', '-q']); // a fresh machine has no package lists yet
		apt(['install', '-y', '--no-install-recommends', ...missing]);
	}
	const still = missing.filter((name) => !installed(name));
	if (still.length > 0) throw new Error(`Could not install the Debian packages ${still.join(', ')}`);
}

module.exports = { ensureDebianPackages };
