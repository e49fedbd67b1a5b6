// @ts-check
'use strict';
/**
 * A node's description as n8n shows it, in the node and in its AI tool variant, computed with n8n's own
 * `NodeHelpers` (the code that evaluates `displayOptions`, `@tool` included, and fills in defaults).
 *
 * @typedef {import('n8n-workflow').INodeTypeDescription} INodeTypeDescription
 * @typedef {import('n8n-workflow').INodeParameters} INodeParameters
 */
const { NodeHelpers } = require('n8n-workflow');

const NODE = { typeVersion: 1 };

/** The tool variant's description, named as n8n names it (`convertNodeToAiTool`: the name gets `Tool`). @param {INodeTypeDescription} description */
const toolVariant = (description) => ({ ...description, name: `${description.name}Tool` });

/** The parameters n8n runs the node with: the given values and every shown default. @param {INodeTypeDescription} description @param {INodeParameters} values */
function resolvedParameters(description, values) {
	return /** @type {INodeParameters} */ (NodeHelpers.getNodeParameters(description.properties, values, true, false, NODE, description));
}

/** The property named `name` that n8n shows for these values, if any. @param {INodeTypeDescription} description @param {INodeParameters} values @param {string} name */
function shownProperty(description, values, name) {
	const parameters = resolvedParameters(description, values);
	return description.properties.find((property) => property.name === name && NodeHelpers.displayParameter(parameters, property, NODE, description));
}

/** The values an options property offers, as shown for these values. @param {INodeTypeDescription} description @param {INodeParameters} values @param {string} name */
function shownChoices(description, values, name) {
	return (shownProperty(description, values, name)?.options ?? []).map((option) => ('value' in option ? option.value : undefined));
}

module.exports = { toolVariant, resolvedParameters, shownProperty, shownChoices };
