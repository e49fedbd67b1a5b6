// @ts-check
'use strict';
/**
 * Unit tests run the retry policy on virtual time (jest `setupFilesAfterEnv`, dev/virtualClock.js): a wait
 * costs nothing, jitter is fixed at its middle, and no rate-limit hold or quota window outlives a test. A
 * test that wants to see the waits spies on `retryClock.sleep`.
 */
const { useVirtualClock } = require('../../dev/virtualClock');
const { retryClock } = require('../../nodes/shared/http/retry');
const { forgetRateLimits } = require('../../nodes/shared/http/sendWithRetry');

useVirtualClock(retryClock);

beforeEach(() => forgetRateLimits());
