import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The package as n8n loads it (the built `dist/`, read by scripts/describe.js): English text in every node and
 * credential, and codex files with their documentation (test/docs.test.cts checks where the links land).
 */
const ROOT = join(__dirname, '..');
const built = existsSync(join(ROOT, 'dist', 'nodes'));
const describeAll = (): Record<string, any> => require('../scripts/describe.js').describeAll();
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };

/** Chinese, Japanese and Korean characters, and the full-width forms that come with them. */
const CJK = /[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/;

function* strings(value: unknown, path: string): Generator<[string, string]> {
	if (typeof value === 'string') yield [path, value];
	else if (Array.isArray(value)) for (const [index, entry] of value.entries()) yield* strings(entry, `${path}[${index}]`);
	else if (value && typeof value === 'object') for (const [key, entry] of Object.entries(value)) yield* strings(entry, `${path}.${key}`);
}

(built ? describe : describe.skip)('the built package', () => {
	it('has English text only: no Chinese, Japanese or Korean in any node or credential description', () => {
		const found = Object.entries(describeAll()).flatMap(([name, description]) =>
			[...strings(description, name)].filter(([, text]) => CJK.test(text)).map(([path, text]) => `${path}: ${text}`),
		);
		expect(found).toEqual([]);
	});

	it('gives every node a codex file with categories, aliases and documentation links', () => {
		for (const file of manifest.n8n.nodes) {
			const codexFile = join(ROOT, `${file}on`);
			expect(existsSync(codexFile)).toBe(true);
			const codex = JSON.parse(readFileSync(codexFile, 'utf8'));
			const name = file.split('/').pop()!.split('.')[0];
			expect(codex.node).toBe(`n8n-nodes-testops.${name.charAt(0).toLowerCase()}${name.slice(1)}`);
			expect(codex.categories.length).toBeGreaterThan(0);
			expect(codex.alias.length).toBeGreaterThan(0);
			for (const kind of ['primaryDocumentation', 'credentialDocumentation']) {
				expect(codex.resources[kind]).toHaveLength(1);
			}
		}
	});

	it("lets TAPD users find the TAPD nodes by TAPD's Chinese words", () => {
		for (const node of ['Tapd', 'TapdTrigger']) {
			const { alias } = JSON.parse(readFileSync(join(ROOT, 'dist', 'nodes', 'Tapd', `${node}.node.json`), 'utf8'));
			expect(alias).toEqual(expect.arrayContaining(['缺陷', '需求', '任务', '迭代']));
		}
	});
});

if (!built) {
	it('needs the built package: run npm run build first', () => {
		expect(built).toBe(true);
	});
}
