// @ts-check
'use strict';
const { createHash } = require('node:crypto');

/**
 * A secret for the test set-up (fake accounts, e2e deliveries, the benchmark): the same in every process, and
 * derived rather than written out, so that no secret-shaped literal sits in the source for a scanner to flag
 * (`npm run scan`). These values protect nothing.
 * @param {string} label what the secret is for, e.g. `tapd api password`
 * @param {number} [length] hex characters, 32 by default
 */
function fixtureSecret(label, length = 32) {
	return createHash('sha256').update(`n8n-nodes-testops test fixture: ${label}`).digest('hex').slice(0, length);
}

module.exports = { fixtureSecret };
