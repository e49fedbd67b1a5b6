import { startWindow, type TimeWindow } from '../../../nodes/shared/polling/timeWindow';
import {
	readNewRecords,
	type ReadLimits,
	type TimeOrderedSource,
} from '../../../nodes/shared/polling/windowReader';

/**
 * A service that lists records by a timestamp of its own, whole seconds, oldest first, `>=` a floor, pages
 * by offset; a record may be written with a time in the past (`visibleFrom` later than its instant), as a
 * slow write or a server with another clock does.
 */
interface Row {
	id: string;
	at: number;
	visibleFrom: number;
	kind?: string;
}

function service(pageSize = 3) {
	const rows: Row[] = [];
	let clock = 0;
	let requests = 0;
	const source: TimeOrderedSource<Row> = {
		pageSize,
		instantOf: (row) => row.at,
		keyOf: (row) => row.id,
		async fetch(floor, page) {
			requests++;
			return rows
				.filter((row) => row.visibleFrom <= clock && row.at >= floor)
				.sort((a, b) => a.at - b.at)
				.slice((page - 1) * pageSize, page * pageSize);
		},
	};
	return {
		source,
		rows,
		get requests() {
			return requests;
		},
		tick: (ms: number) => (clock += ms),
		get clock() {
			return clock;
		},
		add(id: string, at: number, visibleFrom = 0, kind?: string) {
			rows.push({ id, at, visibleFrom, kind });
		},
		/** An item changed again: the same id at a later instant. */
		change(id: string, at: number) {
			const row = rows.find((candidate) => candidate.id === id);
			if (row) row.at = at;
		},
	};
}

const limits = (overrides: Partial<ReadLimits<Row>> = {}): ReadLimits<Row> => ({
	lookbackMs: 120_000,
	maxRecords: 100,
	deadline: Infinity,
	maxRequests: 50,
	wanted: () => true,
	...overrides,
});

/** Polls until caught up, like n8n on its schedule: each poll keeps its window only with its records. */
async function drain(source: TimeOrderedSource<Row>, window: TimeWindow, options: Partial<ReadLimits<Row>>, now = () => 0) {
	const emitted: string[] = [];
	for (let polls = 0; polls < 100; polls++) {
		const read = await readNewRecords(source, window, limits(options), now);
		window = read.window;
		emitted.push(...read.records.map((row) => `${row.id}@${row.at}`));
		if (!read.more) return { emitted, window };
	}
	throw new Error('never caught up');
}

describe('reading what is new in a time-ordered list', () => {
	it('emits every record of one second once, across page boundaries and batch caps', async () => {
		const fake = service(3);
		for (let i = 0; i < 8; i++) fake.add(`r${i}`, 5000);
		fake.add('later', 6000);
		const { emitted } = await drain(fake.source, startWindow(0), { maxRecords: 2 });
		expect(emitted.sort()).toEqual([...Array.from({ length: 8 }, (_, i) => `r${i}@5000`), 'later@6000'].sort());
	});

	it('walks pages by time, so that an item changed while the poll pages is not jumped over', async () => {
		const fake = service(2);
		['a', 'b', 'c', 'd'].forEach((id, i) => fake.add(id, 1000 * (i + 1)));
		let fetched = 0;
		const source: TimeOrderedSource<Row> = {
			...fake.source,
			async fetch(floor, page) {
				// After the first page, `a` is changed: with offset paging `c` would slide into page 1 unseen.
				if (++fetched === 2) fake.change('a', 9000);
				return await fake.source.fetch(floor, page);
			},
		};
		const read = await readNewRecords(source, startWindow(0), limits(), () => 0);
		expect(read.records.map((row) => row.id)).toEqual(['a', 'b', 'c', 'd', 'a']);
	});

	it('emits a record that becomes visible late with an older time, once, while it is within the lookback', async () => {
		const fake = service(10);
		fake.add('early', 10_000);
		fake.add('slow', 11_000, 70_000);
		fake.add('newer', 12_000);
		fake.tick(20_000);
		const first = await readNewRecords(fake.source, startWindow(0), limits(), () => fake.clock);
		expect(first.records.map((row) => row.id)).toEqual(['early', 'newer']);
		fake.tick(60_000);
		const second = await readNewRecords(fake.source, first.window, limits(), () => fake.clock);
		expect(second.records.map((row) => row.id)).toEqual(['slow']);
		const third = await readNewRecords(fake.source, second.window, limits(), () => fake.clock);
		expect(third.records).toEqual([]);
	});

	it('costs one request when nothing changed, also when records are left out by a filter', async () => {
		const fake = service(10);
		fake.add('bug', 1000, 0, 'bug');
		fake.add('story', 2000, 0, 'story');
		const options = limits({ wanted: (row) => row.kind === 'bug' });
		const first = await readNewRecords(fake.source, startWindow(0), options, () => 0);
		expect(first.records.map((row) => row.id)).toEqual(['bug']);
		expect(first.window.at).toBe(2000);
		const before = fake.requests;
		const second = await readNewRecords(fake.source, first.window, options, () => 0);
		expect(second.records).toEqual([]);
		expect(fake.requests - before).toBe(1);
	});

	it('reads a large last burst again only while it is recent: later, an unchanged stream costs one request', async () => {
		const fake = service(3);
		for (let i = 0; i < 8; i++) fake.add(`r${i}`, 1000 * (i + 1), 0);
		fake.tick(10_000);
		const first = await readNewRecords(fake.source, startWindow(0), limits(), () => fake.clock);
		expect(first.records).toHaveLength(8);
		let before = fake.requests;
		await readNewRecords(fake.source, first.window, limits(), () => fake.clock);
		expect(fake.requests - before).toBeGreaterThan(1);
		fake.tick(200_000);
		before = fake.requests;
		const quiet = await readNewRecords(fake.source, first.window, limits(), () => fake.clock);
		expect(quiet.records).toEqual([]);
		expect(fake.requests - before).toBe(1);
	});

	it('stops at its request cap or deadline and says there is more', async () => {
		const fake = service(1);
		for (let i = 0; i < 5; i++) fake.add(`r${i}`, 1000 * (i + 1));
		const capped = await readNewRecords(fake.source, startWindow(0), limits({ maxRequests: 2 }), () => 0);
		expect(capped.more).toBe(true);
		let now = 0;
		const late = await readNewRecords(fake.source, startWindow(0), limits({ deadline: 10 }), () => (now += 20));
		expect(late.more).toBe(true);
		expect(late.records).toHaveLength(1);
	});

	it('loses nothing and emits nothing twice when polls crash before their hand-off', async () => {
		// A deterministic mix of writes (many in one second, some visible late within the lookback), polls and crashes.
		let seed = 7;
		const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
		const fake = service(4);
		let window = startWindow(0);
		const emitted: string[] = [];
		let next = 0;
		for (let step = 0; step < 400; step++) {
			fake.tick(1000);
			const second = Math.floor(fake.clock / 1000) * 1000;
			for (let i = Math.floor(random() * 4); i > 0; i--) {
				const late = random() < 0.2;
				fake.add(`r${next++}`, late ? Math.max(0, second - 5_000) : second, fake.clock);
			}
			if (random() < 0.5) continue;
			const read = await readNewRecords(fake.source, window, limits({ lookbackMs: 10_000, maxRecords: 1 + Math.floor(random() * 5) }), () => fake.clock);
			if (random() < 0.2) continue; // n8n died before the items and the window were saved
			window = read.window;
			emitted.push(...read.records.map((row) => row.id));
		}
		const rest = await drain(fake.source, window, { lookbackMs: 10_000, maxRecords: 50 }, () => fake.clock);
		emitted.push(...rest.emitted.map((version) => version.split('@')[0]));
		expect(new Set(emitted).size).toBe(emitted.length);
		expect(emitted.sort()).toEqual(fake.rows.map((row) => row.id).sort());
	});
});
