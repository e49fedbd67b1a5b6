import type { IDataObject } from 'n8n-workflow';

/**
 * The watermark of a stream that a service lists in the order of a timestamp of its own (a build's finish
 * time, a TAPD item's `modified`). Two facts make "everything after the newest time read" lose records:
 * several records share one instant, split across pages (TAPD's times have whole seconds), and a record can
 * become visible after newer ones (a slow write, a replica behind). So every poll reads again from
 * `at - lookback` and skips the keys it already emitted, which the window keeps for exactly that long.
 * Only the service's own times are compared: n8n's clock is used once, for "start now".
 */
export interface TimeWindow {
	/** Milliseconds since the epoch; records before it are never emitted (the start, or what was pruned). */
	since: number;
	/** The newest instant of a record dealt with (emitted, or left out by a filter). */
	at: number;
	/** The keys emitted at `at - lookback` or later, by instant (decimal milliseconds: static data is JSON). */
	seen: Record<string, string[]>;
}

/** One record a poll dealt with: its key, its instant, and whether it was emitted or left out by a filter. */
export interface Dealt {
	key: string;
	instant: number;
	emitted: boolean;
}

/** Keys a window keeps at most; beyond, the oldest instants go and `since` moves past them. */
export const MAX_SEEN_KEYS = 5000;

export const startWindow = (since: number): TimeWindow => ({ since, at: since, seen: {} });

const isInstant = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value);

/** A window read back from static data, or `undefined` when there is none or it is damaged. */
export function windowFrom(value: unknown): TimeWindow | undefined {
	if (value === null || typeof value !== 'object') return undefined;
	const { since, at, seen } = value as IDataObject;
	if (!isInstant(since) || !isInstant(at) || seen === null || typeof seen !== 'object')
		return undefined;
	const keys: Record<string, string[]> = {};
	for (const [instant, list] of Object.entries(seen as IDataObject)) {
		if (Array.isArray(list)) keys[instant] = list.filter((key) => typeof key === 'string');
	}
	return { since, at, seen: keys };
}

/** How long after the newest record read n8n's and the service's clocks may disagree, beyond the lookback. */
export const CLOCK_SKEW_ALLOWANCE_MS = 15_000;

/**
 * Where the next read starts: `lookbackMs` before the newest instant read, while that instant is recent, so
 * that a record the service shows late is still read; once the lookback (and an allowance for the two
 * clocks) has passed, from that instant itself, so that an unchanged stream costs one request however large
 * its last burst was. Never before `since`.
 */
export function floorOf(window: TimeWindow, lookbackMs: number, now = Date.now()): number {
	const recent = now - window.at < lookbackMs + CLOCK_SKEW_ALLOWANCE_MS;
	return Math.max(window.since, recent ? window.at - lookbackMs : window.at);
}

/** Whether a record is still to be emitted: not before the start, and not emitted already. */
export function isWanted(window: TimeWindow, key: string, instant: number): boolean {
	if (instant < window.since) return false;
	return !(window.seen[String(instant)] ?? []).includes(key);
}

/**
 * The window after a poll dealt with `dealt`: `at` moves to the newest of them, the emitted keys join
 * `seen`, and what is older than the lookback is forgotten. When more keys than {@link MAX_SEEN_KEYS} remain,
 * the oldest instants are forgotten too and `since` moves past them, so that they are never read again (a
 * record made visible that late is lost rather than emitted twice).
 */
export function advance(
	window: TimeWindow,
	dealt: readonly Dealt[],
	lookbackMs: number,
): TimeWindow {
	const seen: Record<string, string[]> = {};
	for (const [instant, keys] of Object.entries(window.seen)) seen[instant] = [...keys];
	let at = window.at;
	for (const record of dealt) {
		at = Math.max(at, record.instant);
		if (!record.emitted) continue;
		const keys = (seen[String(record.instant)] ??= []);
		if (!keys.includes(record.key)) keys.push(record.key);
	}
	const instants = Object.keys(seen)
		.map(Number)
		.filter((instant) => instant >= at - lookbackMs)
		.sort((a, b) => b - a);
	const kept: Record<string, string[]> = {};
	let since = window.since;
	let count = 0;
	for (const instant of instants) {
		const keys = seen[String(instant)];
		if (count > 0 && count + keys.length > MAX_SEEN_KEYS) {
			since = Math.max(since, instant + 1);
			break;
		}
		kept[String(instant)] = keys;
		count += keys.length;
	}
	return { since, at, seen: kept };
}
