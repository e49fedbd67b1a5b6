// @ts-check
'use strict';
/**
 * Prints every built node's and credential's description as canonical JSON, so that a restructuring can be
 * checked to change none of them: `node scripts/describe.js > before.json`, change, build, compare.
 * Functions (methods, authenticate hooks) are listed by name; everything else is data.
 */
const { readFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..');

/** @param {unknown} value @returns {unknown} */
function canonical(value) {
	if (typeof value === 'function') return `[function ${value.name}]`;
	if (Array.isArray(value)) return value.map(canonical);
	if (value && typeof value === 'object') {
		/** @type {Record<string, unknown>} */
		const sorted = {};
		for (const key of Object.keys(value).sort()) sorted[key] = canonical(/** @type {any} */ (value)[key]);
		return sorted;
	}
	return value;
}

/** The class n8n loads from a built file: named as the file, e.g. `TapdTrigger` from `TapdTrigger.node.js`. @param {string} file */
function instances(file) {
	const className = /** @type {string} */ (file.split('/').pop()).split('.')[0];
	const Class = require(join(root, file))[className];
	return [new Class()];
}

function describeAll() {
	const { n8n } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
	/** @type {Record<string, unknown>} */
	const out = {};
	for (const file of n8n.nodes) {
		for (const node of instances(file)) {
			out[`node:${node.description.name}`] = canonical({
				description: node.description,
				methods: Object.fromEntries(
					Object.entries(node.methods ?? {}).map(([kind, table]) => [kind, Object.keys(table).sort()]),
				),
				webhookMethods: Object.keys(node.webhookMethods ?? {}),
			});
		}
	}
	for (const file of n8n.credentials) {
		for (const credential of instances(file)) {
			const { name, displayName, documentationUrl, icon, properties, extends: extendsTypes, test, authenticate } = credential;
			out[`credential:${name}`] = canonical({ name, displayName, documentationUrl, icon, properties, extends: extendsTypes, test, authenticate: typeof authenticate });
		}
	}
	return out;
}

if (require.main === module) process.stdout.write(`${JSON.stringify(describeAll(), null, 1)}\n`);

module.exports = { describeAll };
