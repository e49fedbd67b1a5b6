// @ts-check
'use strict';
/**
 * A resource locator's URL and ID modes as n8n applies them: the regex that takes the value out of a pasted
 * URL (n8n's `extractValue`, run with n8n's own `safeRegex`, exactly one group) and the regexes the editor
 * checks a value against. Tests feed them real and wrong addresses.
 *
 * @typedef {import('n8n-workflow').INodeProperties} INodeProperties
 * @typedef {import('n8n-workflow').INodePropertyMode} INodePropertyMode
 */
const { NodeHelpers, safeRegex } = require('n8n-workflow');

/** @param {INodeProperties} property @param {string} name @returns {INodePropertyMode} */
function modeOf(property, name) {
	const mode = property.modes?.find((candidate) => candidate.name === name);
	if (!mode) throw new Error(`${property.name} has no ${name} mode`);
	return mode;
}

/**
 * What n8n hands the node for a URL typed into the locator, or undefined when n8n would refuse it.
 * @param {INodeProperties} property @param {string} url
 */
function extractFromUrl(property, url) {
	const extractor = modeOf(property, 'url').extractValue;
	if (!extractor || typeof extractor.regex !== 'string') throw new Error(`${property.name}: no URL regex`);
	const match = safeRegex.exec(extractor.regex, url);
	if (!match) return undefined;
	if (match.length !== 2) throw new Error(`${property.name}: the URL regex must have exactly one group`);
	return match[1];
}

/**
 * Whether n8n accepts the value in this mode, asked of n8n-workflow itself: the parameter issues it reports
 * (the ones that keep a workflow from being published).
 * @param {INodeProperties} property @param {string} modeName @param {string} value
 */
function accepts(property, modeName, value) {
	const values = { [property.name]: { __rl: true, mode: modeName, value } };
	const node = { id: 'n', name: 'Node', type: 'test', typeVersion: 1, position: /** @type {[number, number]} */ ([0, 0]), parameters: values };
	const issues = NodeHelpers.getParameterIssues({ ...property, displayOptions: undefined }, values, '', node, null);
	return !issues.parameters?.[property.name];
}

module.exports = { extractFromUrl, accepts, modeOf };
