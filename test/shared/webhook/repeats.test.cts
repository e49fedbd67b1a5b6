import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex } from '@noble/hashes/utils';
import type { IDataObject } from 'n8n-workflow';

import {
	bodyIdentity,
	deliveryKey,
	forgetTestDeliveries,
	isRepeatDelivery,
	RecentDeliveries,
	RepeatMemory,
	REPEAT_WINDOW_PARAMETER,
	repeatWindowSeconds,
	uniqueDeliveryKey,
	withDedupeKey,
} from '../../../nodes/shared/webhook/repeats';
import { webhookContext } from '../../helpers/contexts';

/** What one entry costs in RecentDeliveries' accounting, for a key of this length. */
const entry = (keyLength: number) => 80 + 2 * keyLength;

describe('deliveryKey', () => {
	it('is the SHA-256 (hex) of the parts as a JSON array', () => {
		const parts = ['P-ABC-0001', 2, 'ABC-0001-E1', null];
		expect(deliveryKey(parts)).toBe(bytesToHex(sha256(JSON.stringify(parts))));
	});

	it('never confuses lists whose joined text is the same', () => {
		expect(deliveryKey(['a,b'])).not.toBe(deliveryKey(['a', 'b']));
		expect(deliveryKey(['a|b', 'c'])).not.toBe(deliveryKey(['a', 'b|c']));
		expect(deliveryKey(['sub#1', '2'])).not.toBe(deliveryKey(['sub', '1#2']));
		expect(deliveryKey(['1'])).not.toBe(deliveryKey([1]));
		expect(deliveryKey([null])).not.toBe(deliveryKey(['']));
	});

	it('has the same size whatever the sender sent', () => {
		expect(deliveryKey(['x'.repeat(1_000_000)])).toMatch(/^[0-9a-f]{64}$/);
	});

	it("identifies a body without ids by its bytes' hash, and makes unique keys for requests that are never repeats", () => {
		expect(bodyIdentity(Buffer.from('{"a":1}'))).toEqual(['body', bytesToHex(sha256('{"a":1}'))]);
		expect(uniqueDeliveryKey()).toMatch(/^[0-9a-f]{64}$/);
		expect(uniqueDeliveryKey()).not.toBe(uniqueDeliveryKey());
	});

	it('adds the key to every item of a delivery as dedupe_key', () => {
		const items = withDedupeKey([{ json: { a: 1 } }, { json: { a: 2 }, pairedItem: { item: 0 } }], 'k');
		expect(items).toEqual([{ json: { a: 1, dedupe_key: 'k' } }, { json: { a: 2, dedupe_key: 'k' }, pairedItem: { item: 0 } }]);
	});
});

describe('RecentDeliveries', () => {
	const big = 1024 * 1024;

	it('reports a repeat within the window and forgets it after', () => {
		const recent = new RecentDeliveries(big);
		expect(recent.isRepeat('a', 1000, 0)).toBe(false);
		expect(recent.isRepeat('a', 1000, 999)).toBe(true);
		expect(recent.isRepeat('b', 1000, 999)).toBe(false);
		expect(recent.isRepeat('a', 1000, 1000)).toBe(false); // expired, so accepted again
		expect(recent.isRepeat('a', 1000, 1500)).toBe(true);
	});

	it('counts the window from the first acceptance, not from the latest repeat', () => {
		const recent = new RecentDeliveries(big);
		recent.isRepeat('a', 1000, 0);
		recent.isRepeat('a', 1000, 900);
		expect(recent.isRepeat('a', 1000, 1100)).toBe(false);
	});

	it('remembers nothing with a window of 0', () => {
		const recent = new RecentDeliveries(big);
		expect(recent.isRepeat('a', 0, 0)).toBe(false);
		expect(recent.isRepeat('a', 0, 0)).toBe(false);
		expect(recent.size).toBe(0);
	});

	it('evicts the least recently used entry, not the oldest one', () => {
		const recent = new RecentDeliveries(3 * entry(1));
		for (const key of ['a', 'b', 'c']) recent.isRepeat(key, 60_000, 0);
		expect(recent.isRepeat('a', 60_000, 1)).toBe(true); // a repeat of "a" uses it
		recent.isRepeat('d', 60_000, 2); // full: "b" is now the least recently used
		expect(recent.size).toBe(3);
		expect(recent.isRepeat('a', 60_000, 3)).toBe(true);
		expect(recent.isRepeat('c', 60_000, 3)).toBe(true);
		expect(recent.isRepeat('d', 60_000, 3)).toBe(true);
		expect(recent.isRepeat('b', 60_000, 3)).toBe(false);
	});

	it('stays within its byte budget, however long the keys', () => {
		const budget = 64 * 1024;
		const recent = new RecentDeliveries(budget);
		for (let i = 0; i < 2000; i++) recent.isRepeat(`${i}-${'x'.repeat(i % 500)}`, 60_000, i);
		expect(recent.bytes).toBeLessThanOrEqual(budget);
		expect(recent.size).toBeGreaterThan(0);
		expect(recent.size).toBeLessThan(2000);
		// The newest is kept.
		expect(recent.isRepeat(`1999-${'x'.repeat(1999 % 500)}`, 60_000, 2000)).toBe(true);
	});

	it('drops expired entries as it goes', () => {
		const recent = new RecentDeliveries(big);
		for (let i = 0; i < 100; i++) recent.isRepeat(`k${i}`, 10, i);
		expect(recent.size).toBeLessThanOrEqual(10);
	});

	it('forgets the keys under a prefix only', () => {
		const recent = new RecentDeliveries(big);
		recent.isRepeat('wf/a/1', 60_000, 0);
		recent.isRepeat('wf/b/1', 60_000, 0);
		recent.forget('wf/a/');
		expect(recent.size).toBe(1);
		expect(recent.bytes).toBe(entry('wf/b/1'.length));
		expect(recent.isRepeat('wf/b/1', 60_000, 1)).toBe(true);
	});
});

describe('RepeatMemory: one budget per trigger, and a ceiling for the process', () => {
	const key = (i: number) => deliveryKey(['flood', i]);
	const MINUTE = 60_000;

	it('keeps each trigger within its own budget: a flood of one trigger forgets only its own entries', () => {
		const memory = new RepeatMemory(100 * entry(64), 1000 * entry(64));
		memory.isRepeat('wf/victim', 'kept', MINUTE, 0);
		for (let i = 0; i < 5000; i++) memory.isRepeat('wf/flooded', key(i), MINUTE, 1);
		expect(memory.sizeOf('wf/flooded')).toBe(100);
		expect(memory.isRepeat('wf/victim', 'kept', MINUTE, 2)).toBe(true);
		expect(memory.bytes).toBe(100 * entry(64) + entry(4));
	});

	it('past the ceiling, takes from the trigger that holds the most, never from one that holds less', () => {
		const memory = new RepeatMemory(10 * entry(1), 25 * entry(1));
		for (const scope of ['a', 'b']) for (let i = 0; i < 10; i++) memory.isRepeat(scope, String(i), MINUTE, 0);
		for (let i = 0; i < 5; i++) memory.isRepeat('c', String(i), MINUTE, 0); // 25 entries: at the ceiling
		memory.isRepeat('c', '5', MINUTE, 0); // 26: a or b gives up its oldest
		expect(memory.bytes).toBeLessThanOrEqual(25 * entry(1));
		expect(memory.sizeOf('a') + memory.sizeOf('b')).toBe(19);
		expect(memory.sizeOf('c')).toBe(6);
		// A flood of "a" (as large as any) now takes from "a" itself, never from "c".
		for (let i = 100; i < 200; i++) memory.isRepeat('a', String(i), MINUTE, 1);
		expect(memory.sizeOf('c')).toBe(6);
		for (let i = 0; i < 6; i++) expect(memory.isRepeat('c', String(i), MINUTE, 2)).toBe(true);
		expect(memory.bytes).toBeLessThanOrEqual(25 * entry(1));
	});

	it('forgets one trigger entirely, and remembers nothing with a window of 0', () => {
		const memory = new RepeatMemory(1024 * 1024, 8 * 1024 * 1024);
		memory.isRepeat('a', 'k', MINUTE, 0);
		memory.isRepeat('b', 'k', MINUTE, 0);
		memory.forget('a');
		expect(memory.sizeOf('a')).toBe(0);
		expect(memory.isRepeat('b', 'k', MINUTE, 1)).toBe(true);
		expect(memory.isRepeat('c', 'k', 0, 1)).toBe(false);
		expect(memory.sizeOf('c')).toBe(0);
	});
});

describe('repeatWindowSeconds and isRepeatDelivery', () => {
	it('reads the window from Additional Options with one parameter read, 600 s when unset', () => {
		const window = (parameters: IDataObject) => {
			const { context } = webhookContext({}, { parameters });
			const seconds = repeatWindowSeconds(context);
			expect(context.getNodeParameter).toHaveBeenCalledTimes(1);
			return seconds;
		};
		expect(REPEAT_WINDOW_PARAMETER).toBe('additionalOptions.repeatWindowSeconds');
		expect(window({ additionalOptions: { repeatWindowSeconds: 50 } })).toBe(50);
		expect(window({ additionalOptions: { repeatWindowSeconds: 0 } })).toBe(0);
		expect(window({ repeatWindowSeconds: 30, additionalOptions: {} })).toBe(600); // only under Additional Options
		expect(window({})).toBe(600);
	});

	it("remembers per trigger, within the trigger's window", () => {
		const first = webhookContext(
			{},
			{ workflowId: 'wf-r', nodeId: 'n-r', parameters: { additionalOptions: { repeatWindowSeconds: 60 } } },
		).context;
		const other = webhookContext({}, { workflowId: 'wf-r', nodeId: 'n-other' }).context;
		const off = webhookContext(
			{},
			{ workflowId: 'wf-r', nodeId: 'n-off', parameters: { additionalOptions: { repeatWindowSeconds: 0 } } },
		).context;
		expect(isRepeatDelivery(first, 'k')).toBe(false);
		expect(isRepeatDelivery(first, 'k')).toBe(true);
		expect(isRepeatDelivery(other, 'k')).toBe(false);
		expect(isRepeatDelivery(off, 'k')).toBe(false);
		expect(isRepeatDelivery(off, 'k')).toBe(false);
	});

	it('keeps test deliveries ("Listen for test event") apart from production ones', () => {
		const scope = { workflowId: 'wf-t', nodeId: 'n-t' };
		const production = webhookContext({}, scope).context;
		const test = webhookContext({}, { ...scope, mode: 'manual' }).context;
		expect(isRepeatDelivery(production, 'k')).toBe(false);
		expect(isRepeatDelivery(test, 'k')).toBe(false); // a test after production is not a repeat
		expect(isRepeatDelivery(test, 'k')).toBe(true);
		expect(isRepeatDelivery(webhookContext({}, { ...scope, mode: 'manual' }).context, 'j')).toBe(false);
		expect(isRepeatDelivery(production, 'j')).toBe(false); // nor production after a test
	});

	it('forgets test deliveries when a test session ends, and never production ones', () => {
		const scope = { workflowId: 'wf-f', nodeId: 'n-f' };
		const production = webhookContext({}, scope).context;
		const test = webhookContext({}, { ...scope, mode: 'manual' }).context;
		const otherTest = webhookContext({}, { workflowId: 'wf-f', nodeId: 'n-g', mode: 'manual' }).context;
		isRepeatDelivery(production, 'k');
		isRepeatDelivery(test, 'k');
		isRepeatDelivery(otherTest, 'k');
		forgetTestDeliveries('wf-f', 'n-f');
		expect(isRepeatDelivery(production, 'k')).toBe(true);
		expect(isRepeatDelivery(test, 'k')).toBe(false);
		expect(isRepeatDelivery(otherTest, 'k')).toBe(true);
	});

	it("40,000 unique deliveries to one trigger leave another trigger's deliveries remembered: its retries start nothing", () => {
		const victim = webhookContext({}, { workflowId: 'wf-victim', nodeId: 'n-victim' }).context;
		const flooded = webhookContext({}, { workflowId: 'wf-flood', nodeId: 'n-flood' }).context;
		const retried = Array.from({ length: 50 }, (_, i) => deliveryKey(['victim', i]));
		for (const key of retried) expect(isRepeatDelivery(victim, key)).toBe(false);
		for (let i = 0; i < 40_000; i++) isRepeatDelivery(flooded, deliveryKey(['flood', i]));
		for (const key of retried) expect(isRepeatDelivery(victim, key)).toBe(true);
		// The flooded trigger still remembers its newest deliveries.
		expect(isRepeatDelivery(flooded, deliveryKey(['flood', 39_999]))).toBe(true);
	});
});
