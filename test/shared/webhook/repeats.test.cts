import type { IDataObject } from 'n8n-workflow';

import {
	forgetRecentDeliveries,
	isRepeatDelivery,
	RecentDeliveries,
	recentDeliveriesOf,
	repeatWindowSeconds,
} from '../../../nodes/shared/webhook/repeats';
import { webhookContext } from '../../helpers/contexts';

describe('RecentDeliveries', () => {
	it('reports a repeat within the window and forgets it after', () => {
		const recent = new RecentDeliveries();
		expect(recent.isRepeat('a', 1000, 0)).toBe(false);
		expect(recent.isRepeat('a', 1000, 999)).toBe(true);
		expect(recent.isRepeat('b', 1000, 999)).toBe(false);
		expect(recent.isRepeat('a', 1000, 1000)).toBe(false); // expired, so accepted again
		expect(recent.isRepeat('a', 1000, 1500)).toBe(true);
	});

	it('counts the window from the first acceptance, not from the latest repeat', () => {
		const recent = new RecentDeliveries();
		recent.isRepeat('a', 1000, 0);
		recent.isRepeat('a', 1000, 900);
		expect(recent.isRepeat('a', 1000, 1100)).toBe(false);
	});

	it('remembers nothing with a window of 0', () => {
		const recent = new RecentDeliveries();
		expect(recent.isRepeat('a', 0, 0)).toBe(false);
		expect(recent.isRepeat('a', 0, 0)).toBe(false);
		expect(recent.size).toBe(0);
	});

	it('stays bounded, dropping the oldest first', () => {
		const recent = new RecentDeliveries(3);
		for (const key of ['a', 'b', 'c', 'd']) recent.isRepeat(key, 60_000, 0);
		expect(recent.size).toBe(3);
		expect(recent.isRepeat('d', 60_000, 1)).toBe(true);
		expect(recent.isRepeat('a', 60_000, 1)).toBe(false);
	});

	it('drops expired entries as it goes', () => {
		const recent = new RecentDeliveries();
		for (let i = 0; i < 100; i++) recent.isRepeat(`k${i}`, 10, i);
		expect(recent.size).toBeLessThanOrEqual(10);
	});
});

describe('recentDeliveriesOf', () => {
	it('keeps one memory per workflow and node, until it is forgotten', () => {
		const first = recentDeliveriesOf('wf', 'node');
		expect(recentDeliveriesOf('wf', 'node')).toBe(first);
		expect(recentDeliveriesOf('wf', 'other')).not.toBe(first);
		first.isRepeat('x', 1000);
		forgetRecentDeliveries('wf', 'node');
		expect(recentDeliveriesOf('wf', 'node').isRepeat('x', 1000)).toBe(false);
	});
});

describe('repeatWindowSeconds and isRepeatDelivery', () => {
	it('reads the window under each name the triggers use, 600 s when unset', () => {
		const window = (parameters: IDataObject) => repeatWindowSeconds(webhookContext({}, { parameters }).context);
		expect(window({ duplicateWindowSeconds: 30 })).toBe(30);
		expect(window({ additionalOptions: { duplicateWindowSeconds: 40 } })).toBe(40);
		expect(window({ additionalOptions: { repeatWindowSeconds: 50 } })).toBe(50);
		expect(window({})).toBe(600);
	});

	it("remembers per trigger, within the trigger's window", () => {
		const first = webhookContext({}, { workflowId: 'wf-r', nodeId: 'n-r', parameters: { duplicateWindowSeconds: 60 } }).context;
		const other = webhookContext({}, { workflowId: 'wf-r', nodeId: 'n-other' }).context;
		const off = webhookContext({}, { workflowId: 'wf-r', nodeId: 'n-off', parameters: { duplicateWindowSeconds: 0 } }).context;
		expect(isRepeatDelivery(first, 'k')).toBe(false);
		expect(isRepeatDelivery(first, 'k')).toBe(true);
		expect(isRepeatDelivery(other, 'k')).toBe(false);
		expect(isRepeatDelivery(off, 'k')).toBe(false);
		expect(isRepeatDelivery(off, 'k')).toBe(false);
	});
});
