import {
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type IPollFunctions,
} from 'n8n-workflow';

import { DEDUPE_KEY_FIELD } from '../webhook/repeats';

/**
 * What every polling trigger of the package shares: one poll at a time, the watermark in the node's static
 * data, problems reported where users see them, and items that carry their `dedupe_key`.
 *
 * n8n saves the static data together with what a poll returns (with durable poll cursors, in the same
 * database transaction as the execution), and keeps it as it was when a poll throws. So a poll computes
 * its new watermark, writes it into the static data and returns the items that watermark has moved over,
 * all at the end: a crash before that leaves the old watermark and the same changes are read again.
 */

/** The static data field holding the watermark, tagged with what it was made for. */
const WATERMARK = 'watermark';

/**
 * How long after a poll returned items and moved the watermark a poll that starts from the watermark before it
 * is skipped. n8n saves the watermark after `poll()` returns (with durable poll cursors, together with the
 * execution, within the poll's one-minute lease), and its scheduler can start the next poll with the watermark
 * it read before that: after a restart, occurrences that came due together start seconds apart. After this
 * long the save has landed or was refused, and the stored watermark is the truth again: a refused save delays,
 * never loses.
 */
export const SAVE_SETTLES_MS = 60_000;

/** This process's polls, by trigger: one under way, or the watermark the last one that returned items started from. */
const polls = new Map<string, { running: true } | { running: false; from: string; movedAt: number }>();

const watermarkText = (context: IPollFunctions) =>
	JSON.stringify(context.getWorkflowStaticData('node')[WATERMARK] ?? null);

/**
 * Runs `poll` unless another poll of this trigger would read what the previous one read: while the
 * previous poll is still under way in this process (n8n starts polls on its schedule, whatever the previous one
 * is doing), or when this poll starts from the watermark the previous one returned items from and moved on from
 * less than {@link SAVE_SETTLES_MS} ago (n8n has not saved it yet). Two polls from one watermark would emit twice.
 */
export async function onePollAtATime<T>(
	context: IPollFunctions,
	poll: () => Promise<T | null>,
): Promise<T | null> {
	const key = `${context.getMode()}/${context.getWorkflow().id ?? ''}/${context.getNode().id}`;
	const previous = polls.get(key);
	const from = watermarkText(context);
	if (previous?.running) {
		context.logger.debug(`${context.getNode().name}: the previous poll is still running; skipped`);
		return null;
	}
	if (previous && previous.from === from && Date.now() - previous.movedAt < SAVE_SETTLES_MS) {
		context.logger.debug(
			`${context.getNode().name}: n8n has not saved the previous poll's watermark yet; skipped`,
		);
		return null;
	}
	polls.set(key, { running: true });
	try {
		const result = await poll();
		// Only items are saved with their watermark; n8n drops the watermark of a poll that returned nothing at
		// publishing (its test poll), so the first scheduled poll starts from the one before.
		if (result !== null && watermarkText(context) !== from) {
			polls.set(key, { running: false, from, movedAt: Date.now() });
		}
		return result;
	} finally {
		// A poll that failed, returned nothing or left the watermark as it was leaves nothing to wait for.
		if (polls.get(key)?.running) polls.delete(key);
	}
}

/**
 * A polling trigger's `poll()`: Fetch Test Event (n8n's manual mode) shows the latest change and leaves the
 * watermark alone; a scheduled poll reads what is new, one at a time per trigger.
 */
export async function pollOrShowLatest(
	context: IPollFunctions,
	readNew: (context: IPollFunctions) => Promise<INodeExecutionData[][] | null>,
	latest: (context: IPollFunctions) => Promise<INodeExecutionData[][] | null>,
): Promise<INodeExecutionData[][] | null> {
	if (context.getMode() === 'manual') return await latest(context);
	return await onePollAtATime(context, async () => await readNew(context));
}

/**
 * The stored watermark, when it was made for `fingerprint` (the project or workspace, what is watched and
 * the start settings); `undefined` when there is none yet or the trigger now watches something else.
 */
export function storedWatermark(
	context: IPollFunctions,
	fingerprint: string,
): IDataObject | undefined {
	const stored = context.getWorkflowStaticData('node')[WATERMARK];
	if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return undefined;
	return (stored as IDataObject).fingerprint === fingerprint ? (stored as IDataObject) : undefined;
}

/** Replaces the watermark; n8n saves it with the items the poll returns. */
export function saveWatermark(
	context: IPollFunctions,
	fingerprint: string,
	watermark: IDataObject,
): void {
	context.getWorkflowStaticData('node')[WATERMARK] = { ...watermark, fingerprint };
}

/**
 * Reports a problem the poll works around (a gap, a refused continuation token) as a failed execution of
 * the workflow, which runs its error workflow, and in n8n's log. The poll itself goes on.
 */
export function reportProblem(context: IPollFunctions, message: string, description: string): void {
	context.logger.warn(`${context.getNode().name}: ${message}. ${description}`);
	if (context.getMode() === 'manual' || typeof context.__emitError !== 'function') return;
	context.__emitError(new NodeOperationError(context.getNode(), message, { description }));
}

/** One change to emit: its item and its identity, the item's `dedupe_key`. */
export interface PolledChange {
	json: IDataObject;
	key: string;
}

/** What `poll()` returns: one execution with the changes as items, or nothing. */
export function pollOutput(changes: readonly PolledChange[]): INodeExecutionData[][] | null {
	if (changes.length === 0) return null;
	return [changes.map(({ json, key }) => ({ json: { ...json, [DEDUPE_KEY_FIELD]: key } }))];
}
