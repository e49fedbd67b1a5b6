import {
	onePollAtATime,
	pollOutput,
	reportProblem,
	saveWatermark,
	storedWatermark,
} from '../../../nodes/shared/polling/poll';
import { maxItemsPerPoll, pollDeadline, startInstant, startSetting } from '../../../nodes/shared/polling/start';
import { pollContext } from '../../helpers/polling';

describe('the watermark in static data', () => {
	it('is used only for what it was made for', () => {
		const { context, staticData } = pollContext();
		expect(storedWatermark(context, 'a')).toBeUndefined();
		saveWatermark(context, 'a', { token: 't' });
		expect(staticData).toEqual({ watermark: { token: 't', fingerprint: 'a' } });
		expect(storedWatermark(context, 'a')).toEqual({ token: 't', fingerprint: 'a' });
		expect(storedWatermark(context, 'b')).toBeUndefined();
	});
});

describe('polls', () => {
	it('run one at a time per trigger: a poll that starts while the previous runs is skipped', async () => {
		const { context } = pollContext();
		let release: () => void = () => undefined;
		const first = onePollAtATime(context, async () => await new Promise<string>((resolve) => (release = () => resolve('first'))));
		expect(await onePollAtATime(context, async () => 'second')).toBeNull();
		release();
		expect(await first).toBe('first');
		expect(await onePollAtATime(context, async () => 'third')).toBe('third');
	});

	it('report problems as failed executions, except in Fetch Test Event', () => {
		const production = pollContext();
		reportProblem(production.context, 'Something was refused', 'What to do.');
		expect(production.emitError).toHaveBeenCalledTimes(1);
		expect(production.emitError.mock.calls[0][0]).toMatchObject({ message: 'Something was refused', description: 'What to do.' });
		const manual = pollContext({ mode: 'manual' });
		reportProblem(manual.context, 'Something was refused', 'What to do.');
		expect(manual.emitError).not.toHaveBeenCalled();
	});

	it('return one execution with every change, each with its dedupe_key, or nothing', () => {
		expect(pollOutput([])).toBeNull();
		expect(pollOutput([{ json: { a: 1 }, key: 'k1' }, { json: { a: 2 }, key: 'k2' }])).toEqual([
			[{ json: { a: 1, dedupe_key: 'k1' } }, { json: { a: 2, dedupe_key: 'k2' } }],
		]);
	});

	it('stop starting requests after half of the budget n8n gives them', () => {
		expect(pollDeadline(pollContext({ budgetMs: 36_000 }).context, 1000)).toBe(19_000);
	});
});

describe('the start', () => {
	const now = Date.parse('2026-03-01T00:00:00Z');

	it('is now, or a backfill time at most 30 days back', () => {
		expect(startInstant(pollContext().context, now)).toBe(now);
		const backfill = pollContext({ parameters: { startFrom: 'date', startDate: '2026-02-20T08:00:00Z' } }).context;
		expect(startInstant(backfill, now)).toBe(Date.parse('2026-02-20T08:00:00Z'));
		expect(startSetting(backfill)).toBe('date:2026-02-20T08:00:00Z');
		expect(() => startInstant(pollContext({ parameters: { startFrom: 'date', startDate: '2026-01-01T00:00:00Z' } }).context, now)).toThrow('more than 30 days ago');
		expect(() => startInstant(pollContext({ parameters: { startFrom: 'date', startDate: 'soon' } }).context, now)).toThrow('is not a date');
	});

	it('takes Max Changes per Poll within its bounds', () => {
		expect(maxItemsPerPoll(pollContext({ parameters: { options: { maxItemsPerPoll: 50 } } }).context, 200)).toBe(50);
		expect(maxItemsPerPoll(pollContext({ parameters: { options: { maxItemsPerPoll: 0 } } }).context, 200)).toBe(200);
		expect(maxItemsPerPoll(pollContext({ parameters: { options: { maxItemsPerPoll: 99999 } } }).context, 200)).toBe(5000);
	});
});
