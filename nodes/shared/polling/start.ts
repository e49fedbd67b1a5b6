import { NodeOperationError, type INodeProperties, type IPollFunctions } from 'n8n-workflow';

/**
 * Where a polling trigger starts when it has no watermark yet (its first poll after publishing, or after
 * what it watches changed): now, or a chosen past time (a bounded backfill).
 */

/** How far back a backfill may start. */
export const MAX_BACKFILL_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

export const startProperties: INodeProperties[] = [
	{
		displayName: 'Start From',
		name: 'startFrom',
		type: 'options',
		options: [
			{
				name: 'Now',
				value: 'now',
				description: 'Only changes made after the workflow is published',
			},
			{
				name: 'A Date and Time (Backfill)',
				value: 'date',
				description: `Also the changes made since a past time, at most ${MAX_BACKFILL_DAYS} days back, emitted in batches`,
			},
		],
		default: 'now',
		description:
			'Where the first poll after publishing starts. Later polls, restarts of n8n included, resume where the last emitted change left off.',
	},
	{
		displayName: 'Start Date and Time',
		name: 'startDate',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Changes made at or after this time are emitted',
		displayOptions: { show: { startFrom: ['date'] } },
	},
];

/** The "Max Changes per Poll" option: one poll starts one execution with at most this many items. */
export function maxItemsOption(defaultValue: number): INodeProperties {
	return {
		displayName: 'Max Changes per Poll',
		name: 'maxItemsPerPoll',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 5000 },
		default: defaultValue,
		description:
			'One poll starts one execution with at most this many items; a larger backlog is emitted by the next polls, oldest first',
	};
}

/** What the start settings are, as a string the stored watermark is compared with. */
export function startSetting(context: IPollFunctions): string {
	const from = context.getNodeParameter('startFrom', 'now') as string;
	return from === 'date' ? `date:${String(context.getNodeParameter('startDate', ''))}` : 'now';
}

/**
 * The instant (milliseconds) the stream starts at: now, or the backfill time, which must be a date at most
 * {@link MAX_BACKFILL_DAYS} days back.
 */
export function startInstant(context: IPollFunctions, now = Date.now()): number {
	if ((context.getNodeParameter('startFrom', 'now') as string) !== 'date') return now;
	const value = String(context.getNodeParameter('startDate', '') ?? '').trim();
	const instant = Date.parse(value);
	if (!value || !Number.isFinite(instant)) {
		throw new NodeOperationError(context.getNode(), 'Start Date and Time is not a date', {
			description: 'Choose a date and time in Start Date and Time, or set Start From to Now.',
		});
	}
	if (instant < now - MAX_BACKFILL_DAYS * DAY_MS) {
		throw new NodeOperationError(
			context.getNode(),
			`Start Date and Time is more than ${MAX_BACKFILL_DAYS} days ago`,
			{
				description: `A backfill reaches back at most ${MAX_BACKFILL_DAYS} days. Choose a later time, or use the service's own export for older history.`,
			},
		);
	}
	return instant;
}

/** The "Max Changes per Poll" the user set, within its bounds. */
export function maxItemsPerPoll(context: IPollFunctions, fallback: number): number {
	const value = Number(context.getNodeParameter('options.maxItemsPerPoll', fallback));
	return Number.isInteger(value) && value >= 1 ? Math.min(value, 5000) : fallback;
}

/**
 * When this poll stops starting requests: half of what n8n gives a poll (n8n 2.x says so with
 * `getPollBudgetMs`; five minutes otherwise), so that the request under way and the hand-off still fit.
 */
export function pollDeadline(context: IPollFunctions, now = Date.now()): number {
	const budget =
		typeof context.getPollBudgetMs === 'function' ? context.getPollBudgetMs() : 5 * 60 * 1000;
	return now + Math.max(1000, budget / 2);
}
