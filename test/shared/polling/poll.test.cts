import {
	SAVE_SETTLES_MS,
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

	describe('skip a poll that starts from the watermark the previous one moved on from, until n8n has saved it', () => {
		// n8n saves the watermark after poll() returns; its scheduler may start the next poll from what it read before.
		const moved = { fingerprint: 'f', at: 2 };
		const before = { fingerprint: 'f', at: 1 };
		const contextFrom = (watermark: object, workflowId: string) =>
			pollContext({ staticData: { watermark: structuredClone(watermark) }, workflowId }).context;
		const movingPoll = (context: ReturnType<typeof contextFrom>) =>
			onePollAtATime(context, async () => {
				context.getWorkflowStaticData('node').watermark = structuredClone(moved);
				return 'items';
			});
		afterEach(() => jest.restoreAllMocks());

		it('within a minute of the move; the moved watermark polls at once', async () => {
			expect(await movingPoll(contextFrom(before, 'settling'))).toBe('items');
			const stale = jest.fn(async () => 'twice');
			expect(await onePollAtATime(contextFrom(before, 'settling'), stale)).toBeNull();
			expect(stale).not.toHaveBeenCalled();
			expect(await onePollAtATime(contextFrom(moved, 'settling'), async () => 'next')).toBe('next');
		});

		it('not once the save had a minute: a refused save delays the changes, never loses them', async () => {
			const now = Date.now();
			expect(await movingPoll(contextFrom(before, 'refused'))).toBe('items');
			jest.spyOn(Date, 'now').mockReturnValue(now + SAVE_SETTLES_MS - 1);
			expect(await onePollAtATime(contextFrom(before, 'refused'), async () => 'twice')).toBeNull();
			jest.spyOn(Date, 'now').mockReturnValue(now + SAVE_SETTLES_MS + 1000);
			expect(await onePollAtATime(contextFrom(before, 'refused'), async () => 'again')).toBe('again');
		});

		it('not after a poll that left the watermark as it was, returned nothing, or failed', async () => {
			expect(await onePollAtATime(contextFrom(before, 'unchanged'), async () => 'items')).toBe('items');
			expect(await onePollAtATime(contextFrom(before, 'unchanged'), async () => 'runs')).toBe('runs');
			// n8n's test poll at publishing: it moves the watermark, returns nothing, and n8n does not save it.
			const publishing = contextFrom(before, 'nothing');
			expect(
				await onePollAtATime(publishing, async () => {
					publishing.getWorkflowStaticData('node').watermark = structuredClone(moved);
					return null;
				}),
			).toBeNull();
			expect(await onePollAtATime(contextFrom(before, 'nothing'), async () => 'first scheduled')).toBe('first scheduled');
			const failing = contextFrom(before, 'failed');
			await expect(
				onePollAtATime(failing, async () => {
					failing.getWorkflowStaticData('node').watermark = structuredClone(moved);
					throw new Error('the service failed');
				}),
			).rejects.toThrow('the service failed');
			expect(await onePollAtATime(contextFrom(before, 'failed'), async () => 'runs')).toBe('runs');
		});

		it('per trigger: another workflow from the same watermark polls', async () => {
			expect(await movingPoll(contextFrom(before, 'one'))).toBe('items');
			expect(await onePollAtATime(contextFrom(before, 'another'), async () => 'runs')).toBe('runs');
		});
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
