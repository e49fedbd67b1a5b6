// @ts-check
'use strict';
/**
 * Runs first in `npm run release` (locally, and in the publish workflow): refuses to release while the
 * package still carries the placeholders it has until the repository is known (CONTRIBUTING.md, "Releasing"):
 * package.json's `repository` and `author`, and the documentation links of the nodes and credentials
 * (`REPOSITORY_URL` in nodes/shared/documentation.ts, the codex files and the credentials, which must all point
 * at the repository npm's provenance will name, at `DOCUMENTATION_BASE_URL`: its `/blob/main/` guides).
 */
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
/** What follows REPOSITORY_URL in every documentation link (`DOCUMENTATION_BASE_URL`, nodes/shared/documentation.ts). */
const DOCUMENTATION_PATH = '/blob/main/';

/**
 * The web address of a package.json repository URL (`git+https://github.com/o/r.git` → `https://github.com/o/r`).
 * @param {unknown} url
 */
function repositoryWebUrl(url) {
	if (typeof url !== 'string') return undefined;
	return url.trim().replace(/^git\+/, '').replace(/\.git$/, '').replace(/\/+$/, '');
}

/**
 * What still has to be set before a release; empty when nothing.
 * @param {{ manifest: Record<string, any>, repositoryUrl: string | undefined, codexUrls: Record<string, string[]> }} release
 *   manifest: package.json; repositoryUrl: `REPOSITORY_URL`; codexUrls: the documentation URLs of each codex file
 *   and credential
 * @returns {string[]}
 */
function releaseProblems({ manifest, repositoryUrl, codexUrls }) {
	const problems = [];
	const placeholder = (/** @type {unknown} */ value) => typeof value !== 'string' || !value.trim() || /\.invalid\b|<[^>]*>/.test(value);
	const repository = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
	const web = repositoryWebUrl(repository);
	if (placeholder(repository) || !web || !/^https:\/\/github\.com\/[^/]+\/[^/]+$/.test(web)) {
		problems.push(
			'package.json: set "repository" to the public GitHub repository the publish workflow runs in, e.g. {"type": "git", "url": "git+https://github.com/<owner>/<repo>.git"} (npm provenance names it, and n8n\'s scanner fetches the source from it)',
		);
	}
	const author = typeof manifest.author === 'string' ? { name: manifest.author, email: manifest.author } : (manifest.author ?? {});
	if (placeholder(author.name) || placeholder(author.email)) {
		problems.push('package.json: set "author" to the real maintainers\' name and e-mail');
	}
	if (placeholder(repositoryUrl) || (web && repositoryUrl !== web)) {
		problems.push(`nodes/shared/documentation.ts: set REPOSITORY_URL to ${web && !placeholder(web) ? web : "the repository's web address"}`);
	}
	for (const [file, urls] of Object.entries(codexUrls)) {
		if (!repositoryUrl || urls.some((url) => !url.startsWith(`${repositoryUrl}${DOCUMENTATION_PATH}`))) {
			problems.push(`${file}: its documentation URLs must start with REPOSITORY_URL${DOCUMENTATION_PATH} followed by a guide and a heading anchor`);
		}
	}
	return problems;
}

/** The documentation URLs of every codex file and credential, by path. @returns {Record<string, string[]>} */
function readCodexUrls() {
	/** @type {Record<string, string[]>} */
	const result = {};
	for (const file of readdirSync(join(ROOT, 'credentials')).filter((name) => name.endsWith('.credentials.ts'))) {
		const path = `credentials/${file}`;
		const url = /documentationUrl =\s*'([^']*)'/.exec(readFileSync(join(ROOT, path), 'utf8'))?.[1];
		result[path] = [url ?? '(no documentationUrl)'];
	}
	for (const service of readdirSync(join(ROOT, 'nodes'), { withFileTypes: true })) {
		if (!service.isDirectory()) continue;
		for (const file of readdirSync(join(ROOT, 'nodes', service.name)).filter((name) => name.endsWith('.node.json'))) {
			const path = `nodes/${service.name}/${file}`;
			const { resources = {} } = JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
			result[path] = Object.values(resources).flatMap((links) => (Array.isArray(links) ? links.map((link) => String(link?.url)) : []));
		}
	}
	return result;
}

function main() {
	const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
	const source = readFileSync(join(ROOT, 'nodes', 'shared', 'documentation.ts'), 'utf8');
	const repositoryUrl = /export const REPOSITORY_URL = '([^']*)'/.exec(source)?.[1];
	const problems = releaseProblems({ manifest, repositoryUrl, codexUrls: readCodexUrls() });
	if (problems.length === 0) return;
	process.stderr.write(`Not ready to release (CONTRIBUTING.md, "Releasing"):\n${problems.map((problem) => `- ${problem}\n`).join('')}`);
	process.exitCode = 1;
}

if (require.main === module) main();

module.exports = { releaseProblems, repositoryWebUrl };
