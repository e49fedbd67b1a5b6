// @ts-check
'use strict';
/**
 * Which n8n versions the package supports and the suite runs on (docs/n8n-versions.md): the one place that
 * names them. `scripts/install-n8n.sh` asks this file (run as `node dev/n8nVersions.js install <version>`)
 * whether a version is supported and what it needs to install here, before the minutes an install takes.
 */

/** The n8n `npm start` and the e2e suite run unless told otherwise: the newest 2.x that installs here. */
const DEFAULT_N8N_VERSION = '2.40.7';

/**
 * The oldest version of each major line with the n8n API the package needs (docs/n8n-versions.md says which
 * API sets each floor: on 1.x, the credentials' Allowed HTTP Request Domains); a newer major line is untested,
 * so refused.
 */
const OLDEST_SUPPORTED = { 1: '1.110.0', 2: '2.0.0' };

/**
 * What each line needs to install from the registry reachable here, as npm `overrides`: 1.x's `xlsx` points
 * at a host outside the registry (the registry's 0.18.5 replaces it); a newer `linkedom` than 0.18.12 needs a
 * package the registry lacks (2.x).
 * @type {Record<number, Record<string, string>>}
 */
const INSTALL_OVERRIDES = { 1: { xlsx: '0.18.5' }, 2: { linkedom: '0.18.12' } };

/** The variable that selects another n8n (`TESTOPS_N8N_VERSION=1.123.81 npm test`). */
const VERSION_VARIABLE = 'TESTOPS_N8N_VERSION';

/** @param {string} version @returns {number[] | undefined} major, minor, patch of a plain release */
function parse(version) {
	const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
	return match ? match.slice(1).map(Number) : undefined;
}

/** @param {number[]} a @param {number[]} b @returns {number} */
const compare = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** The supported range in words, for messages and the README. */
const SUPPORTED_RANGE = `n8n ${OLDEST_SUPPORTED[1]} or later on the 1.x line, or ${OLDEST_SUPPORTED[2]} or later on the 2.x line`;

/**
 * Why `version` cannot be used, or `undefined` when it is supported.
 * @param {string} version
 * @returns {string | undefined}
 */
function unsupportedReason(version) {
	const parts = parse(version);
	if (!parts) return `"${version}" is not an n8n release version (x.y.z).`;
	const oldest = OLDEST_SUPPORTED[/** @type {1 | 2} */ (parts[0])];
	if (!oldest) return `n8n ${version} is not supported: this package supports ${SUPPORTED_RANGE}.`;
	const floor = /** @type {number[]} */ (parse(oldest));
	if (compare(parts, floor) < 0) {
		return `n8n ${version} is older than ${oldest}, the oldest ${parts[0]}.x with the n8n API this package needs (docs/n8n-versions.md): this package supports ${SUPPORTED_RANGE}.`;
	}
	return undefined;
}

/**
 * The version a run uses: `--n8n <version>` (or `--n8n=<version>`) among `argv`, else TESTOPS_N8N_VERSION, else
 * the default; refused when unsupported.
 * @param {string[]} [argv]
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string}
 */
function selectedN8nVersion(argv = process.argv, env = process.env) {
	const index = argv.findIndex((arg) => arg === '--n8n' || arg.startsWith('--n8n='));
	const fromFlag = index < 0 ? undefined : argv[index].startsWith('--n8n=') ? argv[index].slice(6) : argv[index + 1];
	if (index >= 0 && !fromFlag) throw new Error('--n8n needs a version, e.g. --n8n 1.123.81');
	const version = (fromFlag ?? env[VERSION_VARIABLE] ?? '').trim() || DEFAULT_N8N_VERSION;
	const reason = unsupportedReason(version);
	if (reason) throw new Error(reason);
	return version;
}

/**
 * @param {string} version a supported one
 * @returns {Record<string, string>} the npm overrides it needs to install here
 */
function installOverrides(version) {
	const major = /** @type {number[]} */ (parse(version))[0];
	return INSTALL_OVERRIDES[major] ?? {};
}

/** The major line of a version (1 or 2). @param {string} version */
const majorOf = (version) => Number(version.split('.')[0]);

module.exports = {
	DEFAULT_N8N_VERSION,
	OLDEST_SUPPORTED,
	SUPPORTED_RANGE,
	VERSION_VARIABLE,
	installOverrides,
	majorOf,
	selectedN8nVersion,
	unsupportedReason,
};

// Run by scripts/install-n8n.sh: `node dev/n8nVersions.js default` prints the default version;
// `node dev/n8nVersions.js install <version>` prints the npm overrides it needs as JSON, or why the version is
// refused on stderr with exit code 2.
if (require.main === module) {
	const [command, version = DEFAULT_N8N_VERSION] = process.argv.slice(2);
	const reason = command === 'install' ? unsupportedReason(version) : undefined;
	if (command === 'default') process.stdout.write(`${DEFAULT_N8N_VERSION}\n`);
	else if (command !== 'install') process.exitCode = 64;
	else if (reason) process.exitCode = 2;
	else process.stdout.write(`${JSON.stringify(installOverrides(version))}\n`);
	if (process.exitCode) process.stderr.write(`${reason ?? 'usage: node dev/n8nVersions.js default | install <version>'}\n`);
}
