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

/** Parameter types that hold a value a user types; switches and choices are not secrets, whatever their name. */
const VALUE_TYPES = new Set(['string', 'json', 'hidden', 'number']);
const SECRET_NAME = /secret|token|passw(or)?d|api_?key|private_?key/i;

/**
 * Every parameter of a node description, at any depth (collections' options, fixed collections' values), as
 * `path: type`, and those that would hold a secret: n8n copies parameters into executions, workflow history
 * and exports, so secrets belong in credentials.
 */
function parameters(properties: unknown, path: string): Array<{ path: string; holdsSecret: boolean }> {
	const found: Array<{ path: string; holdsSecret: boolean }> = [];
	for (const property of Array.isArray(properties) ? properties : []) {
		if (!property || typeof property !== 'object' || typeof property.name !== 'string') continue;
		const here = `${path}.${property.name}`;
		if (property.type !== undefined) {
			const holdsSecret = property.typeOptions?.password === true || (VALUE_TYPES.has(property.type) && SECRET_NAME.test(property.name));
			found.push({ path: `${here}: ${property.type}`, holdsSecret });
		}
		for (const option of Array.isArray(property.options) ? property.options : []) {
			if (option && Array.isArray(option.values)) found.push(...parameters(option.values, `${here}.${option.name}`));
			else if (option && option.type !== undefined) found.push(...parameters([option], here));
		}
		if (Array.isArray(property.values)) found.push(...parameters(property.values, here));
	}
	return found;
}

(built ? describe : describe.skip)('the built package', () => {
	it('has English text only: no Chinese, Japanese or Korean in any node or credential description', () => {
		const found = Object.entries(describeAll()).flatMap(([name, description]) =>
			[...strings(description, name)].filter(([, text]) => CJK.test(text)).map(([path, text]) => `${path}: ${text}`),
		);
		expect(found).toEqual([]);
	});

	it('holds no secret in any node parameter: secrets live in credentials', () => {
		const nodes = Object.entries(describeAll()).filter(([name]) => name.startsWith('node:'));
		expect(nodes.length).toBe(manifest.n8n.nodes.length);
		const all = nodes.flatMap(([name, node]) => parameters(node.description.properties, name));
		expect(all.length).toBeGreaterThan(200); // the walk reaches into collections
		expect(all.filter(({ holdsSecret }) => holdsSecret).map(({ path }) => path)).toEqual([]);
	});

	it('would see a secret anywhere in a description: password fields, and value fields named like secrets', () => {
		const planted = [
			{ name: 'url', type: 'string' },
			{ name: 'sendSecret', type: 'boolean' },
			{ name: 'additionalFields', type: 'collection', options: [{ name: 'rio_token', type: 'string' }, { name: 'owner', type: 'string' }] },
			{ name: 'headers', type: 'fixedCollection', options: [{ name: 'header', values: [{ name: 'value', type: 'string', typeOptions: { password: true } }] }] },
			{ name: 'apiKey', type: 'hidden' },
			{ name: 'client_secret', type: 'string' },
			{ name: 'userPassword', type: 'string' },
		];
		expect(parameters(planted, 'node:x').filter(({ holdsSecret }) => holdsSecret).map(({ path }) => path)).toEqual([
			'node:x.additionalFields.rio_token: string',
			'node:x.headers.header.value: string',
			'node:x.apiKey: hidden',
			'node:x.client_secret: string',
			'node:x.userPassword: string',
		]);
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
