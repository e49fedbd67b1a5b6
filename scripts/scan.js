// @ts-check
'use strict';
/**
 * `npm run scan`: n8n's community-package scanner (`@n8n/scan-community-package`, pinned in package.json), run
 * here as it runs on a published version, with its own code and lint configuration:
 *   1. the source checkout: `analyzePackage(<repository>, SOURCE_FILE_PATTERNS)` (package.json, nodes/,
 *      credentials/), as the scanner lints the commit the npm provenance names;
 *   2. the package as npm would publish it: `npm pack`, unpacked, `analyzePackage(<dir>, ['**\/*.js', 'package.json'])`;
 *   3. everything else in the repository that holds values a reader could take for secrets (examples/, test
 *      fixtures, dev/, e2e/, scripts/), with the scanner's `no-hardcoded-secrets` rule alone: its other rules are
 *      for node code and would refuse, rightly, what test tooling must do (spawn n8n, read files).
 * The scanner's provenance check and its download of the published tarball need a published version and the
 * public registry, so they are not reproduced. Exits 1 on any finding.
 */
const { execFileSync } = require('node:child_process');
const { mkdirSync, mkdtempSync, readdirSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { dirname, join } = require('node:path');

const { packOnce } = require('../dev/package');
const { REPO_ROOT } = require('../dev/runtime');

const SCANNER = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
const SECRET_RULE = '@n8n/community-nodes/no-hardcoded-secrets';
/** Leg 3: the files the scanner would read (it lints `.js`, `.ts` and `.json`), outside what legs 1 and 2 cover. */
const FIXTURE_PATTERNS = ['{examples,test,dev,e2e,scripts}/**/*.{js,ts,json}', '*.{js,mjs,json}'];

/** @typedef {{ passed: boolean, message?: string, details?: string }} ScanResult */

/**
 * The scanner creates a temporary folder when it is loaded (`tmp`, named `tmp-<pid>-…`) and never removes it.
 * @returns {void}
 */
function removeScannerTemp() {
	const prefix = `tmp-${process.pid}-`;
	for (const name of readdirSync(tmpdir())) {
		if (name.startsWith(prefix)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
	}
}

/** @param {string} tarball @returns {string} the unpacked package */
function unpack(tarball) {
	const dir = mkdtempSync(join(tmpdir(), 'n8n-nodes-testops-scan-'));
	const packageDir = join(dir, 'package');
	mkdirSync(packageDir);
	execFileSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	return packageDir;
}

/** Leg 3: the scanner's own secrets rule and parser settings, nothing else. @returns {Promise<ScanResult>} */
async function scanFixtures() {
	const { ESLint } = require('eslint');
	const { createRequire } = require('node:module');
	const fromScanner = createRequire(SCANNER);
	const { n8nCommunityNodesPlugin } = await import(fromScanner.resolve('@n8n/eslint-plugin-community-nodes'));
	const parser = fromScanner('@typescript-eslint/parser');
	const eslint = new ESLint({
		cwd: REPO_ROOT,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: [
			{ plugins: { '@n8n/community-nodes': n8nCommunityNodesPlugin }, rules: { [SECRET_RULE]: 'error' } },
			{ files: ['**/*.json', '**/*.ts'], languageOptions: { parser } },
		],
	});
	const results = await eslint.lintFiles(FIXTURE_PATTERNS);
	if (!results.some((result) => result.errorCount > 0)) return { passed: true };
	const formatter = await eslint.loadFormatter('stylish');
	return { passed: false, message: 'hardcoded secrets', details: String(await formatter.format(results)) };
}

async function main() {
	const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(SCANNER);
	const tarball = packOnce();
	const packageDir = unpack(tarball);
	/** @type {Array<[string, () => Promise<ScanResult>]>} */
	const legs = [
		['source (package.json, nodes/, credentials/)', () => analyzePackage(REPO_ROOT, SOURCE_FILE_PATTERNS)],
		['packed tarball (npm pack)', () => analyzePackage(packageDir, ['**/*.js', 'package.json'])],
		['examples, test fixtures, dev/, e2e/, scripts/ (secrets rule)', scanFixtures],
	];
	let failed = false;
	try {
		for (const [label, run] of legs) {
			const result = await run();
			process.stdout.write(`scan: ${label}: ${result.passed ? '0 findings' : result.message}\n`);
			if (!result.passed) {
				failed = true;
				if (result.details) process.stdout.write(`${result.details}\n`);
			}
		}
	} finally {
		for (const dir of [dirname(packageDir), dirname(tarball)]) rmSync(dir, { recursive: true, force: true });
		removeScannerTemp();
	}
	process.exitCode = failed ? 1 : 0;
}

main().catch((error) => {
	removeScannerTemp();
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exitCode = 1;
});
