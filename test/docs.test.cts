import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

import { DOCUMENTATION_BASE_URL } from '../nodes/shared/documentation';

/**
 * The documentation a newcomer reads: every relative link and anchor of the README, the guides in docs/ and
 * CONTRIBUTING.md resolves, every repository path it names in code exists, and every node's and credential's
 * documentation link lands on a heading of a guide. Anchors are GitHub's: the rendered heading text in lower
 * case, punctuation dropped, spaces as dashes, repeats numbered.
 */
const ROOT = join(__dirname, '..');

function markdownUnder(folder: string): string[] {
	return readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
		const path = `${folder}/${entry.name}`;
		if (entry.isDirectory()) return markdownUnder(path);
		return entry.name.endsWith('.md') ? [path] : [];
	});
}

const DOCUMENTS = ['README.md', 'README.zh-CN.md', 'CONTRIBUTING.md', 'e2e/README.md', ...markdownUnder('docs')];

/** The file's lines outside fenced code blocks, and the fenced lines apart. */
function split(file: string): { prose: Array<[number, string]>; fenced: Array<[number, string]> } {
	const prose: Array<[number, string]> = [];
	const fenced: Array<[number, string]> = [];
	let inFence = false;
	readFileSync(join(ROOT, file), 'utf8')
		.split('\n')
		.forEach((line, index) => {
			if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
			else (inFence ? fenced : prose).push([index + 1, line]);
		});
	return { prose, fenced };
}

/** GitHub's anchor for a heading's text (github-slugger, on the text as rendered). */
function githubSlug(heading: string): string {
	const rendered = heading
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/[`*]/g, '')
		.trim()
		.toLowerCase();
	return rendered.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

const anchorCache = new Map<string, Set<string>>();
function anchorsOf(file: string): Set<string> {
	const cached = anchorCache.get(file);
	if (cached) return cached;
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	for (const [, line] of split(file).prose) {
		const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
		if (heading) {
			const base = githubSlug(heading[1]);
			const count = seen.get(base) ?? 0;
			seen.set(base, count + 1);
			anchors.add(count === 0 ? base : `${base}-${count}`);
		}
		for (const [, id] of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(id);
	}
	anchorCache.set(file, anchors);
	return anchors;
}

/** Link targets in prose: inline links and images, and reference definitions; code spans are not links. */
function linksOf(file: string): Array<{ line: number; target: string }> {
	return split(file).prose.flatMap(([line, text]) => {
		const prose = text.replace(/`[^`]*`/g, '');
		const definition = /^\s*\[[^\]]+\]:\s*(\S+)/.exec(prose);
		const inline = [...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1]);
		return [...(definition ? [definition[1]] : []), ...inline].map((target) => ({ line, target }));
	});
}

const external = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

/** What is wrong with a relative link of `file`, or undefined when it resolves. */
function brokenLink(file: string, target: string): string | undefined {
	const [rawPath, rawAnchor] = target.split('#', 2) as [string, string | undefined];
	const path = decodeURIComponent(rawPath);
	const resolved = path === '' ? file : relative(ROOT, path.startsWith('/') ? join(ROOT, path) : join(ROOT, dirname(file), path));
	if (resolved.startsWith('..') || !existsSync(join(ROOT, resolved))) return `no file ${resolved}`;
	if (rawAnchor === undefined) return undefined;
	if (!resolved.endsWith('.md')) return `an anchor into ${resolved}, which has no headings`;
	return anchorsOf(resolved).has(decodeURIComponent(rawAnchor)) ? undefined : `no heading #${rawAnchor} in ${resolved}`;
}

/** Repository paths named in code (`dev/demo.js`, a layout line), without placeholders such as <Service> or *. */
const REPOSITORY_PATH = /^(?:nodes|credentials|dev|e2e|scripts|test|docs|examples|\.github)\/[\w./-]*$/;
function namedPaths(file: string): Array<{ line: number; path: string }> {
	const { prose, fenced } = split(file);
	const inCode = prose.flatMap(([line, text]) => [...text.matchAll(/`([^`]+)`/g)].map((match) => ({ line, path: match[1] })));
	const inBlocks = fenced.map(([line, text]) => ({ line, path: text.trim().split(/\s+/)[0] }));
	return [...inCode, ...inBlocks].filter(({ path }) => REPOSITORY_PATH.test(path));
}

describe('the documentation', () => {
	it('covers the README, CONTRIBUTING.md, the Chinese README and a guide per service', () => {
		expect(DOCUMENTS).toEqual(
			expect.arrayContaining(['docs/testany.md', 'docs/test-manager.md', 'docs/tapd.md', 'docs/azure-devops.md', 'docs/operations.md']),
		);
	});

	it.each(DOCUMENTS)('%s: every relative link and anchor resolves', (file) => {
		const broken = linksOf(file)
			.filter(({ target }) => !external(target))
			.flatMap(({ line, target }) => {
				const problem = brokenLink(file, target);
				return problem ? [`${file}:${line}: ${target} (${problem})`] : [];
			});
		expect(broken).toEqual([]);
	});

	it.each(DOCUMENTS)('%s: every repository path it names in code exists', (file) => {
		const missing = namedPaths(file)
			.filter(({ path }) => !existsSync(join(ROOT, path)))
			.map(({ line, path }) => `${file}:${line}: ${path}`);
		expect(missing).toEqual([]);
	});

	it('gives each service guide the same sections, in the same order', () => {
		const outline = ['Set up', 'What it accepts and answers', 'Options', 'Output', 'Examples', 'Assumptions'];
		for (const guide of ['docs/testany.md', 'docs/test-manager.md', 'docs/tapd.md', 'docs/azure-devops.md']) {
			const sections = split(guide).prose.flatMap(([, line]) => /^## (.*)$/.exec(line)?.slice(1) ?? []);
			expect({ guide, sections }).toEqual({ guide, sections: outline });
		}
	});

	it('keeps the README a front page of at most 300 lines', () => {
		expect(readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n').length).toBeLessThanOrEqual(300);
	});

	it('computes anchors as GitHub does', () => {
		expect(githubSlug('Credential: TAPD API (`tapdApi`)')).toBe('credential-tapd-api-tapdapi');
		expect(githubSlug("Issue 16's targets")).toBe('issue-16s-targets');
		expect(githubSlug('Local development (`npm start`)')).toBe('local-development-npm-start');
		expect(githubSlug('Defect KPIs: one meaning for TAPD and Azure DevOps')).toBe('defect-kpis-one-meaning-for-tapd-and-azure-devops');
		expect(githubSlug('如何 使用 *TAPD*')).toBe('如何-使用-tapd');
	});
});

const built = existsSync(join(ROOT, 'dist', 'nodes'));

(built ? describe : describe.skip)("the built package's documentation links", () => {
	const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };

	/** What is wrong with a documentation URL, or undefined when it lands on a heading of a guide. */
	const problemOf = (url: string): string | undefined => {
		if (!url.startsWith(DOCUMENTATION_BASE_URL)) return `does not start with ${DOCUMENTATION_BASE_URL}`;
		const target = url.slice(DOCUMENTATION_BASE_URL.length);
		if (!target.includes('#')) return 'names no heading';
		return brokenLink('README.md', target);
	};

	it("land on a heading of a guide: each node's codex links", () => {
		const problems = manifest.n8n.nodes.flatMap((file) => {
			const codex = JSON.parse(readFileSync(join(ROOT, `${file}on`), 'utf8'));
			return ['primaryDocumentation', 'credentialDocumentation'].flatMap((kind) =>
				(codex.resources[kind] as Array<{ url: string }>).flatMap(({ url }) => {
					const problem = problemOf(url);
					return problem ? [`${file}on ${kind}: ${url} (${problem})`] : [];
				}),
			);
		});
		expect(problems).toEqual([]);
	});

	it("land on a heading of a guide: each credential's documentationUrl", () => {
		const described: Record<string, any> = require('../scripts/describe.js').describeAll();
		const credentials = Object.entries(described).filter(([name]) => name.startsWith('credential:'));
		expect(credentials.length).toBeGreaterThan(0);
		const problems = credentials.flatMap(([name, { documentationUrl }]) => {
			const problem = problemOf(String(documentationUrl));
			return problem ? [`${name}: ${documentationUrl} (${problem})`] : [];
		});
		expect(problems).toEqual([]);
	});
});

if (!built) {
	it('needs the built package: run npm run build first', () => {
		expect(built).toBe(true);
	});
}
