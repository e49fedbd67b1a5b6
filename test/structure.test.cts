import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The shape of the sources under nodes/ and credentials/: small files (one job each) and no import cycle, so
 * that a reader can follow any file's dependencies to their end.
 */
const ROOT = join(__dirname, '..');
const MAX_LINES = 300;

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

const SOURCES = ['nodes', 'credentials'].flatMap((dir) => sourceFiles(join(ROOT, dir)));
const shown = (file: string) => relative(ROOT, file);

/** Every relative module a file names: imports (type-only ones too), re-exports and dynamic imports. */
function relativeSpecifiers(text: string): string[] {
	const found: string[] = [];
	const patterns = [/\bfrom\s+['"](\.{1,2}\/[^'"]*)['"]/g, /\bimport\s*\(?\s*['"](\.{1,2}\/[^'"]*)['"]/g];
	for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.push(match[1]);
	return found;
}

/** The file a relative specifier names: `x.ts`, or `x/index.ts`. */
function resolveSource(from: string, specifier: string): string | undefined {
	const base = resolve(dirname(from), specifier);
	return [`${base}.ts`, join(base, 'index.ts'), base].find((path) => path.endsWith('.ts') && existsSync(path));
}

/** Each file's relative imports, as files. */
function importGraph(files: string[]): Map<string, string[]> {
	const graph = new Map<string, string[]>();
	for (const file of files) {
		const targets = relativeSpecifiers(readFileSync(file, 'utf8'))
			.map((specifier) => resolveSource(file, specifier))
			.filter((target): target is string => target !== undefined);
		graph.set(file, [...new Set(targets)]);
	}
	return graph;
}

/** Every cycle a depth-first walk meets, each as the files along it (first file repeated at the end). */
function importCycles(graph: Map<string, string[]>): string[][] {
	const cycles: string[][] = [];
	const state = new Map<string, 'open' | 'done'>();
	const path: string[] = [];
	const visit = (file: string) => {
		state.set(file, 'open');
		path.push(file);
		for (const next of graph.get(file) ?? []) {
			if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next]);
			else if (!state.has(next)) visit(next);
		}
		path.pop();
		state.set(file, 'done');
	};
	for (const file of graph.keys()) if (!state.has(file)) visit(file);
	return cycles;
}

describe('sources under nodes/ and credentials/', () => {
	it('are found', () => {
		expect(SOURCES.length).toBeGreaterThan(100);
	});

	it(`have at most ${MAX_LINES} lines each`, () => {
		const long = SOURCES.map((file) => [shown(file), readFileSync(file, 'utf8').split('\n').length - 1] as const)
			.filter(([, lines]) => lines > MAX_LINES)
			.map(([file, lines]) => `${file}: ${lines} lines`);
		expect(long).toEqual([]);
	});

	it('import each other without a cycle', () => {
		const graph = importGraph(SOURCES);
		expect([...graph.values()].flat().length).toBeGreaterThan(300); // the walk does see the imports
		expect(importCycles(graph).map((cycle) => cycle.map(shown).join(' → '))).toEqual([]);
	});
});

describe('the import walk', () => {
	it('reads imports, type-only imports and re-exports, not packages', () => {
		const text = [
			"import { a } from './a';",
			"import type { B } from '../b/b';",
			"export { c } from './c';",
			"import {\n\td,\n} from './d';",
			"import { sleep } from 'n8n-workflow';",
			"import { createHash } from 'node:crypto';",
		].join('\n');
		expect(relativeSpecifiers(text)).toEqual(['./a', '../b/b', './c', './d']);
	});

	it('finds a cycle of two and of three files, and none in a chain', () => {
		expect(importCycles(new Map([['a', ['b']], ['b', ['a']]]))).toEqual([['a', 'b', 'a']]);
		expect(importCycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual([['a', 'b', 'c', 'a']]);
		expect(importCycles(new Map([['a', ['b']], ['b', ['c']], ['c', []]]))).toEqual([]);
	});
});
