// @ts-check
'use strict';
/**
 * Virtual time for the retry policy (`retryClock` in nodes/shared/http/retry.ts), for unit tests and
 * `npm run bench:scale`: a wait costs nothing, yet waits end in the order of their ends and the clock moves
 * to each end as it comes, so concurrent requests see the same times as they would in real life. Sleepers
 * are woken one per turn of the event loop (`setImmediate`), after the work already under way has run.
 */

/** @param {number} [start] */
function virtualClock(start = Date.parse('2026-12-01T12:00:00Z')) {
	let now = start;
	let sequence = 0;
	let scheduled = false;
	/** @type {{ at: number, sequence: number, wake: () => void }[]} */
	const sleepers = [];

	function wakeNext() {
		scheduled = false;
		if (sleepers.length === 0) return;
		sleepers.sort((a, b) => a.at - b.at || a.sequence - b.sequence);
		const next = /** @type {(typeof sleepers)[number]} */ (sleepers.shift());
		now = Math.max(now, next.at);
		next.wake();
		schedule();
	}

	function schedule() {
		if (scheduled || sleepers.length === 0) return;
		scheduled = true;
		setImmediate(wakeNext);
	}

	return {
		now: () => now,
		/** @param {number} ms */
		sleep: async (ms) => {
			if (!(ms > 0)) return;
			await new Promise((resolve) => {
				sleepers.push({ at: now + ms, sequence: sequence++, wake: () => resolve(undefined) });
				schedule();
			});
		},
		/** Jitter fixed at its middle, so that runs repeat exactly. */
		random: () => 0.5,
		/** Moves the clock forward by hand (a test that waits outside the policy). @param {number} ms */
		advance: (ms) => {
			now += ms;
		},
	};
}

/**
 * Puts a virtual clock in place of `retryClock`'s functions and returns it.
 * @param {{ now: () => number, sleep: (ms: number) => Promise<void>, random: () => number }} retryClock
 */
function useVirtualClock(retryClock) {
	const clock = virtualClock();
	retryClock.now = clock.now;
	retryClock.sleep = clock.sleep;
	retryClock.random = clock.random;
	return clock;
}

module.exports = { virtualClock, useVirtualClock };
