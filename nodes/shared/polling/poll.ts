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

const running = new Set<string>();

/**
 * Runs `poll` unless this trigger's previous poll is still under way in this process (n8n starts polls on
 * its schedule, whatever the previous one is doing): two polls from one watermark would emit twice.
 */
export async function onePollAtATime<T>(
	context: IPollFunctions,
	poll: () => Promise<T | null>,
): Promise<T | null> {
	const key = `${context.getMode()}/${context.getWorkflow().id ?? ''}/${context.getNode().id}`;
	if (running.has(key)) {
		context.logger.debug(`${context.getNode().name}: the previous poll is still running; skipped`);
		return null;
	}
	running.add(key);
	try {
		return await poll();
	} finally {
		running.delete(key);
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

/** The static data field holding the watermark, tagged with what it was made for. */
const WATERMARK = 'watermark';

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
