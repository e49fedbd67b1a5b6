import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import {
	pollOutput,
	saveWatermark,
	storedWatermark,
	type PolledChange,
} from '../../shared/polling/poll';
import {
	maxItemsPerPoll,
	pollDeadline,
	startInstant,
	startSetting,
} from '../../shared/polling/start';
import { startWindow, windowFrom, type TimeWindow } from '../../shared/polling/timeWindow';
import { readNewRecords, type TimeOrderedSource } from '../../shared/polling/windowReader';
import { TAPD_PAGE_SIZE, tapdApiRequest, unwrapRecord } from '../transport';
import { DEFAULT_MAX_ITEMS, POLLED_EVENTS } from './description';
import { changesBetween, readHistory } from './history';
import { isCreation, versionChange, type Version } from './items';
import { OBJECT_APIS, TAPD_OBJECTS, tapdInstant, tapdTime, type ObjectApi } from './objects';

/**
 * How far before the newest change read each poll reads again, for changes TAPD shows late (an item changed
 * in a second already read is found anyway: the newest second is always read again).
 */
export const LOOKBACK_MS = 30 * 1000;

/** List requests one poll makes at most per kind of item. */
const MAX_REQUESTS = 50;

const SECOND_MS = 1000;

/** The list of one kind of item, ordered by `modified`, from a time on (docs/contracts/tapd.md). */
function listSource(
	context: IPollFunctions,
	api: ObjectApi,
	workspaceId: string,
): TimeOrderedSource<IDataObject> {
	const list = async (qs: IDataObject) => {
		const data = await tapdApiRequest(context, {
			path: api.path,
			qs: { workspace_id: workspaceId, limit: TAPD_PAGE_SIZE, ...qs },
		});
		return (Array.isArray(data) ? data : []).map((entry) => unwrapRecord(entry, api.recordKey));
	};
	return {
		pageSize: TAPD_PAGE_SIZE,
		instantOf: (record) => tapdInstant(record.modified),
		keyOf: (record) => String(record.id),
		// `>` a second before the floor: TAPD's times have whole seconds.
		fetch: async (floor, page) =>
			await list({ modified: `>${tapdTime(floor - SECOND_MS)}`, order: 'modified asc', page }),
	};
}

/** The last instant each item was emitted at, as far as the window still remembers. */
function lastEmitted(window: TimeWindow): Map<string, number> {
	const last = new Map<string, number>();
	for (const [instant, ids] of Object.entries(window.seen)) {
		for (const id of ids) last.set(id, Math.max(last.get(id) ?? -Infinity, Number(instant)));
	}
	return last;
}

/** Fills in what each update changed, from the history between the item's previous version and this one. */
async function addChanges(
	context: IPollFunctions,
	api: ObjectApi,
	workspaceId: string,
	versions: Array<Version & { after: number }>,
): Promise<void> {
	const updates = versions.filter((version) => version.action === 'update');
	if (updates.length === 0) return;
	const ids = [...new Set(updates.map((version) => String(version.record.id)))];
	const after = Math.min(...updates.map((version) => version.after));
	const entries = await readHistory(context, api, workspaceId, ids, after);
	for (const version of updates) {
		const { fields, author } = changesBetween(
			entries,
			String(version.record.id),
			version.after,
			tapdInstant(version.record.modified),
		);
		version.changes = fields;
		version.author = author;
	}
}

interface Settings {
	workspaceId: string;
	events: string[];
	changedFields: boolean;
}

const settingsOf = (context: IPollFunctions): Settings => ({
	workspaceId: String(
		context.getNodeParameter('workspaceId', '', { extractValue: true }) ?? '',
	).trim(),
	events: (context.getNodeParameter('events', []) as string[]).filter((event) =>
		POLLED_EVENTS.includes(event),
	),
	changedFields: context.getNodeParameter('options.changedFields', true) !== false,
});

/** The kinds of item a selection of events needs. */
const objectsOf = (events: readonly string[]) =>
	TAPD_OBJECTS.filter((object) => events.some((event) => event.startsWith(`${object}::`)));

/**
 * One poll: per kind of item watched, the versions changed since its window, in a bounded batch, as one
 * execution; each window moves over exactly what is returned.
 */
export async function pollChanges(context: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = settingsOf(context);
	const fingerprint = JSON.stringify(['v1', settings.workspaceId, startSetting(context)]);
	const stored = storedWatermark(context, fingerprint);
	// TAPD's times have whole seconds: a start inside a second starts at that second.
	const start = Math.floor((stored ? Date.now() : startInstant(context)) / SECOND_MS) * SECOND_MS;
	const maxRecords = maxItemsPerPoll(context, DEFAULT_MAX_ITEMS);
	const deadline = pollDeadline(context);
	const watermark: IDataObject = { ...stored };
	const changes: PolledChange[] = [];

	for (const object of objectsOf(settings.events)) {
		const api = OBJECT_APIS[object];
		const window = windowFrom(watermark[object]) ?? startWindow(start);
		const wants = (action: string) => settings.events.includes(`${object}::${action}`);
		const wantsUpdates = wants('update') || wants('status_change');
		const read = await readNewRecords(listSource(context, api, settings.workspaceId), window, {
			lookbackMs: LOOKBACK_MS,
			maxRecords,
			deadline,
			maxRequests: MAX_REQUESTS,
			wanted: (record) => (isCreation(record, window.at) ? wants('create') : wantsUpdates),
		});
		const previous = lastEmitted(window);
		// An item not emitted within the lookback: its history since then is this version's (a version the
		// trigger emitted in the lookback would be in the window), never before the start.
		const unseenAfter = Math.max(window.since - 1, window.at - LOOKBACK_MS);
		const versions = read.records.map((record) => {
			const id = String(record.id);
			const after = previous.get(id) ?? unseenAfter;
			previous.set(id, tapdInstant(record.modified));
			const action = isCreation(record, window.at) ? ('create' as const) : ('update' as const);
			return { api, record, action, after };
		});
		if (settings.changedFields) await addChanges(context, api, settings.workspaceId, versions);
		for (const version of versions) {
			const change = versionChange(version, settings.workspaceId, settings.events);
			if (change) changes.push(change);
		}
		watermark[object] = read.window as unknown as IDataObject;
	}

	saveWatermark(context, fingerprint, watermark);
	return pollOutput(changes);
}

/** Fetch Test Event: the newest changed item of the kinds watched, without touching the watermark. */
export async function fetchTestEvent(
	context: IPollFunctions,
): Promise<INodeExecutionData[][] | null> {
	const settings = settingsOf(context);
	let newest: { api: ObjectApi; record: IDataObject; instant: number } | undefined;
	for (const object of objectsOf(settings.events)) {
		const api = OBJECT_APIS[object];
		const data = await tapdApiRequest(context, {
			path: api.path,
			qs: { workspace_id: settings.workspaceId, order: 'modified desc', limit: 1 },
		});
		const [entry] = Array.isArray(data) ? data : [];
		if (entry === undefined) continue;
		const record = unwrapRecord(entry, api.recordKey);
		const instant = tapdInstant(record.modified ?? record.created);
		if (!newest || instant > newest.instant) newest = { api, record, instant };
	}
	if (!newest) return null;
	const { api, record, instant } = newest;
	const version = {
		api,
		record,
		action: isCreation(record, Infinity) ? 'create' : 'update',
		after: instant - SECOND_MS,
	} as Version & { after: number };
	if (settings.changedFields) await addChanges(context, api, settings.workspaceId, [version]);
	const change = versionChange(version, settings.workspaceId, POLLED_EVENTS);
	return pollOutput(change ? [change] : []);
}
