import {
	CLOCK_SKEW_ALLOWANCE_MS,
	MAX_SEEN_KEYS,
	advance,
	floorOf,
	isWanted,
	startWindow,
	windowFrom,
} from '../../../nodes/shared/polling/timeWindow';

const LOOKBACK = 60_000;

describe('a time window', () => {
	it('wants what is at or after the start and not yet emitted at its instant', () => {
		const window = advance(startWindow(1000), [{ key: 'a', instant: 2000, emitted: true }], LOOKBACK);
		expect(isWanted(window, 'x', 999)).toBe(false);
		expect(isWanted(window, 'x', 1000)).toBe(true);
		expect(isWanted(window, 'a', 2000)).toBe(false);
		// The same item changed again is another change.
		expect(isWanted(window, 'a', 3000)).toBe(true);
		expect(isWanted(window, 'b', 2000)).toBe(true);
	});

	it('moves over records left out by a filter without remembering them', () => {
		const window = advance(
			startWindow(0),
			[
				{ key: 'a', instant: 10_000, emitted: true },
				{ key: 'b', instant: 20_000, emitted: false },
			],
			LOOKBACK,
		);
		expect(window.at).toBe(20_000);
		expect(window.seen).toEqual({ '10000': ['a'] });
	});

	it('reads again from a lookback before the newest instant while it is recent, never before the start', () => {
		const window = { since: 0, at: 100_000, seen: {} };
		expect(floorOf(window, LOOKBACK, 100_000 + LOOKBACK)).toBe(40_000);
		expect(floorOf({ ...window, since: 50_000 }, LOOKBACK, 100_000)).toBe(50_000);
		// Once the lookback and the clock allowance have passed: from the newest instant itself.
		expect(floorOf(window, LOOKBACK, 100_000 + LOOKBACK + CLOCK_SKEW_ALLOWANCE_MS)).toBe(100_000);
	});

	it('forgets keys older than the lookback', () => {
		let window = advance(startWindow(0), [{ key: 'old', instant: 1000, emitted: true }], LOOKBACK);
		window = advance(window, [{ key: 'new', instant: 1000 + LOOKBACK + 1, emitted: true }], LOOKBACK);
		expect(Object.values(window.seen).flat()).toEqual(['new']);
	});

	it('keeps at most MAX_SEEN_KEYS and then moves its start past what it forgot, so it is never read again', () => {
		const dealt = Array.from({ length: MAX_SEEN_KEYS + 10 }, (_, i) => ({
			key: `k${i}`,
			instant: 1000 + i,
			emitted: true,
		}));
		const window = advance(startWindow(0), dealt, LOOKBACK * 1000);
		const kept = Object.values(window.seen).flat();
		expect(kept).toHaveLength(MAX_SEEN_KEYS);
		expect(kept).not.toContain('k0');
		expect(window.since).toBe(1000 + 10);
		expect(isWanted(window, 'k0', 1000)).toBe(false);
	});

	it('reads back only a whole window from static data', () => {
		const window = advance(startWindow(5), [{ key: 'a', instant: 9, emitted: true }], LOOKBACK);
		expect(windowFrom(JSON.parse(JSON.stringify(window)))).toEqual(window);
		expect(windowFrom(undefined)).toBeUndefined();
		expect(windowFrom({ since: '5', at: 9, seen: {} })).toBeUndefined();
		expect(windowFrom({ since: 5, at: 9, seen: { '9': ['a', 7] } })).toEqual({ since: 5, at: 9, seen: { '9': ['a'] } });
	});
});
