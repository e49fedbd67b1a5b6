// @ts-check
'use strict';
/**
 * `npm run bench:n8n -- --patched`: the n8n change proposed in docs/performance.md, applied to a COPY of the
 * pinned n8n in a temporary folder, so that its gain is measured by the same benchmark. The cached runtime is
 * never written to: the copy is a folder of symbolic links to the runtime's packages except `n8n` itself (the
 * CLI package, ~100 MB), which is copied and then patched. Each patch replaces one exact passage of n8n
 * 2.40.7's compiled code and fails loudly when that passage is not found.
 */
const { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const { n8nRuntime } = require('../../dev/runtime');

/** @typedef {{ file: string, why: string, from: string, to: string }} Patch */

/** @type {Patch[]} */
const PATCHES = [
	{
		file: 'dist/webhooks/live-webhooks.js',
		why: 'webhookPhaseNeedsIsolate: any node whose parameters hold no expression and whose webhook description is natively resolvable skips the isolate, not only n8n-nodes-base.webhook v2+',
		from: `        if (startNode.type !== n8n_workflow_1.WEBHOOK_NODE_TYPE)
            return true;
        if (startNode.typeVersion === 1)
            return true;
`,
		to: '',
	},
	{
		file: 'dist/webhooks/webhook-helpers.js',
		why: 'parseRequestBody: a version-1 node with static parameters has its options.binaryData read directly instead of through an expression',
		from: `        binaryData = workflow.expression.getSimpleParameterValue(workflowStartNode, '={{$parameter["options"]["binaryData"]}}', executionMode, additionalKeys, undefined, false);`,
		to: `        binaryData = (0, n8n_workflow_1.nodeParametersAreStatic)(workflowStartNode)
            ? workflowStartNode.parameters.options?.binaryData
            : workflow.expression.getSimpleParameterValue(workflowStartNode, '={{$parameter["options"]["binaryData"]}}', executionMode, additionalKeys, undefined, false);`,
	},
	{
		file: 'dist/credentials-helper.js',
		why: 'applyDefaultsAndOverwrites: a credential whose values hold no expression is returned without building a Workflow and acquiring an isolate for it',
		from: `        else {
            const workflow = new n8n_workflow_1.Workflow({
                nodes: [mockNode],`,
		to: `        else if ((function holdsExpression(value) {
            if (typeof value === 'string')
                return value.startsWith('=');
            return value !== null && typeof value === 'object' && Object.values(value).some(holdsExpression);
        })(decryptedData)) {
            const workflow = new n8n_workflow_1.Workflow({
                nodes: [mockNode],`,
	},
];

/**
 * Builds the patched copy. @returns {{ runtime: { nodeBinary: string, n8nEntry: string }, n8nDir: string, remove(): void }}
 */
function createPatchedN8n() {
	const pinned = n8nRuntime();
	const pinnedModules = resolve(pinned.n8nEntry, '..', '..', '..');
	const root = mkdtempSync(join(tmpdir(), 'testops-n8n-patched-'));
	const modules = join(root, 'node_modules');
	mkdirSync(modules);
	for (const entry of readdirSync(pinnedModules)) {
		if (entry === 'n8n') cpSync(join(pinnedModules, entry), join(modules, entry), { recursive: true, verbatimSymlinks: true });
		else symlinkSync(join(pinnedModules, entry), join(modules, entry));
	}
	const n8nDir = join(modules, 'n8n');
	for (const patch of PATCHES) {
		const file = join(n8nDir, patch.file);
		const code = readFileSync(file, 'utf8');
		if (code.split(patch.from).length !== 2) throw new Error(`Patch for ${patch.file} does not apply: is this n8n 2.40.7?`);
		writeFileSync(file, code.replace(patch.from, patch.to));
	}
	return {
		runtime: { nodeBinary: pinned.nodeBinary, n8nEntry: join(n8nDir, 'bin', 'n8n') },
		n8nDir,
		remove: () => {
			if (existsSync(root)) rmSync(root, { recursive: true, force: true });
		},
	};
}

module.exports = { PATCHES, createPatchedN8n };
