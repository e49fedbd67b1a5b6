// @ts-check
'use strict';
/**
 * Unit tests run the retry policy on virtual time (jest `setupFilesAfterEnv`, dev/virtualClock.js): a wait
 * costs nothing, jitter is fixed at its middle, and no rate-limit hold, quota window or cached defect KPI
 * outlives a test. A test that wants to see the waits spies on `retryClock.sleep`.
 */
const { useVirtualClock } = require('../../dev/virtualClock');
const { retryClock } = require('../../nodes/shared/http/retry');
const { forgetRateLimits } = require('../../nodes/shared/http/sendWithRetry');
const { forgetKpis } = require('../../nodes/shared/kpiCache');

useVirtualClock(retryClock);

beforeEach(() => {
	forgetRateLimits();
	forgetKpis();
});
