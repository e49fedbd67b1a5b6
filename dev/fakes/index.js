// @ts-check
'use strict';
const { startAzureDevOps } = require('./azureDevOps');
const { startTestManager } = require('./testManager');
const { startTapd } = require('./tapd');

/**
 * Fake third-party servers the end-to-end suite starts before n8n, by name (the name is also the key of
 * `fakeUrl(name)` in tests). Each behaves like the documented API on 127.0.0.1 — paths, status codes, error
 * bodies — and exposes its state to tests under `/__fake/…`.
 * @type {Record<string, () => Promise<import('../stack').FakeServer>>}
 */
const fakeServers = {
	testManager: startTestManager,
	tapd: startTapd,
	azureDevOps: startAzureDevOps,
};

module.exports = { fakeServers };
