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
const { safeRegex } = require('n8n-workflow');

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
 * Whether the editor accepts the value in this mode (every regex validation of the mode).
 * @param {INodeProperties} property @param {string} modeName @param {string} value
 */
function accepts(property, modeName, value) {
	const validations = /** @type {Array<{ type: string, properties: { regex: string } }>} */ (modeOf(property, modeName).validation ?? []);
	return validations.every((rule) => rule.type !== 'regex' || safeRegex.test(rule.properties.regex, value));
}

module.exports = { extractFromUrl, accepts, modeOf };
