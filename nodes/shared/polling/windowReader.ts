import { advance, floorOf, isWanted, type Dealt, type TimeWindow } from './timeWindow';

/** A list endpoint that returns records oldest first, at or after an instant, a page at a time. */
export interface TimeOrderedSource<R> {
	/**
	 * The records at or after `floor` (milliseconds), oldest first: page 1, or a later page when every record
	 * of the earlier ones has the instant `floor` itself. Records before `floor` may come too: they are skipped.
	 */
	fetch(floor: number, page: number): Promise<R[]>;
	pageSize: number;
	instantOf(record: R): number;
	keyOf(record: R): string;
}

export interface WindowRead<R> {
	/** The records to emit, oldest first. */
	records: R[];
	/** The window once they are emitted: save it only together with them. */
	window: TimeWindow;
	/** Whether the poll stopped before it caught up (item cap, time budget or request cap). */
	more: boolean;
}

export interface ReadLimits<R> {
	lookbackMs: number;
	/** At most this many records are emitted by one poll. */
	maxRecords: number;
	/** No further request is started after this time (milliseconds since the epoch). */
	deadline: number;
	/** At most this many requests per poll, whatever the service answers. */
	maxRequests: number;
	/** Whether a record is wanted by the trigger's filters; those left out still move the window on. */
	wanted(record: R): boolean;
}

/**
 * Reads what is new since the window, in bounded batches. Pages are walked by time, not by offset: each next
 * request starts at the instant of the last record read (records of that instant come again and are skipped),
 * so a record that changes while the poll pages is never jumped over. Only when a whole page shares one
 * instant does it ask for the next page at that same instant. The window returned has moved only over what
 * was dealt with: records after the batch cap come again next poll.
 */
export async function readNewRecords<R>(
	source: TimeOrderedSource<R>,
	window: TimeWindow,
	limits: ReadLimits<R>,
	now: () => number = Date.now,
): Promise<WindowRead<R>> {
	const records: R[] = [];
	const dealt: Dealt[] = [];
	const readThisPoll = new Set<string>();
	let floor = floorOf(window, limits.lookbackMs, now());
	let page = 1;
	let more = false;
	for (let requests = 0; ; requests++) {
		if (requests >= limits.maxRequests || (requests > 0 && now() >= limits.deadline)) {
			more = true;
			break;
		}
		const batch = await source.fetch(floor, page);
		let capped = false;
		for (const record of batch) {
			const instant = source.instantOf(record);
			const key = source.keyOf(record);
			// A record changed twice while the poll pages comes at two instants: both are changes.
			const version = `${instant}|${key}`;
			if (!Number.isFinite(instant) || instant < floor || readThisPoll.has(version)) continue;
			readThisPoll.add(version);
			if (!isWanted(window, key, instant)) continue;
			const emitted = limits.wanted(record);
			if (emitted && records.length >= limits.maxRecords) {
				capped = true;
				break;
			}
			dealt.push({ key, instant, emitted });
			if (emitted) records.push(record);
		}
		if (capped) {
			more = true;
			break;
		}
		if (batch.length < source.pageSize) break;
		const last = source.instantOf(batch[batch.length - 1]);
		if (Number.isFinite(last) && last > floor) {
			floor = last;
			page = 1;
		} else {
			page++;
		}
	}
	return { records, window: advance(window, dealt, limits.lookbackMs), more };
}
