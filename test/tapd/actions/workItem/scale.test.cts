import { TAPD_FAKE, startTapd } from '../../../../dev/fakes/tapd';
import { runNode } from '../../../../dev/inProcess';
import { retryClock } from '../../../../nodes/shared/http/retry';
import { Tapd } from '../../../../nodes/Tapd/Tapd.node';

/**
 * Bug → Get Many with Return All over 100,000 bugs of the fake TAPD on loopback, whose per-account quota answers
 * 429 with Retry-After (on the virtual clock of the retry policy): every bug, once, and never two 429s in a row.
 */

const COUNT = 100_000;
let fake: { url: string; close: () => Promise<void> };
const scale = async (path: string, body?: unknown) =>
	(await (await fetch(`${fake.url}/__fake/scale/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as {
		quota: { requests: number; limited: number; longestRunOf429: number };
	};

/** The id of synthetic bug `index`, as TAPD's 19-digit ids are made (recomputed here, not taken from the fake). */
const idOf = (index: number) => `11${TAPD_FAKE.workspaceId}5${String(1_000_000 + index).padStart(8, '0')}`;

async function readAll(requestsPerMinute: number) {
	return await runNode(new Tapd(), {
		parameters: { resource: 'bug', operation: 'getAll', workspaceId: { __rl: true, mode: 'id', value: TAPD_FAKE.workspaceId }, returnAll: true, filters: {}, queryOptions: {} },
		credentials: { tapdApi: { baseUrl: fake.url, authType: 'apiAccount', apiUser: TAPD_FAKE.apiUser, apiPassword: TAPD_FAKE.apiPassword, requestsPerMinute } },
	});
}

function expectEveryBugOnce(items: Array<{ json: Record<string, unknown> }>) {
	expect(items).toHaveLength(COUNT);
	const ids = new Set(items.map((item) => item.json.id));
	expect(ids.size).toBe(COUNT);
	for (const index of [0, 1, 4_999, 50_000, COUNT - 1]) expect(ids.has(idOf(index))).toBe(true);
	expect(items[0].json.id).toBe(idOf(0));
	expect(items[COUNT - 1].json.id).toBe(idOf(COUNT - 1));
}

jest.setTimeout(120_000);

beforeAll(async () => {
	fake = await startTapd({ now: () => retryClock.now() });
	await scale('seed', { bugs: COUNT });
});
afterAll(async () => await fake.close());

describe('TAPD Return All over 100,000 bugs under a quota of 60 requests a minute', () => {
	it('reads every bug exactly once, paced so that TAPD never refuses', async () => {
		await scale('quota', { perMinute: 60 });
		const started = retryClock.now();
		const { items, meter } = await readAll(60);
		expectEveryBugOnce(items);
		const { quota } = await scale('state');
		expect(quota.limited).toBe(0);
		expect(meter.requests).toBe(COUNT / 200 + 1); // the last page is empty
		// 501 requests at 60 a minute: a little over 8 minutes of (virtual) waiting.
		expect(retryClock.now() - started).toBeGreaterThanOrEqual(((meter.requests - 60) / 60) * 60_000);
	});

	it('still reads every bug once when the account is busier than the node knows, and never meets two 429s in a row', async () => {
		await scale('quota', { perMinute: 45 });
		const { items, meter } = await readAll(60);
		expectEveryBugOnce(items);
		const { quota } = await scale('state');
		expect(quota.limited).toBeGreaterThan(0);
		expect(quota.longestRunOf429).toBe(1);
		expect(meter.byStatus[429]).toBe(quota.limited);
	});
});
