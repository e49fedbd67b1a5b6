import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex } from '@noble/hashes/utils';
import type { IDataObject } from 'n8n-workflow';

import {
	bodyIdentity,
	deliveryKey,
	forgetTestDeliveries,
	isRepeatDelivery,
	RecentDeliveries,
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
});
