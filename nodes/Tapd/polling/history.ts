import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { tapdApiRequest, unwrapRecord } from '../transport';
import { tapdInstant, tapdTime, type ObjectApi } from './objects';

/**
 * What an update changed, from TAPD's change history (docs/contracts/tapd.md, "Change histories"). Bugs
 * have one record per changed field (`field`, `old_value`, `new_value`, `author`); stories and tasks one per
 * save, with `changes`, a JSON list of `{ field, value_before, value_after }`, and `creator`.
 */

/** One field an update changed. */
export interface FieldChange {
	field: string;
	old: unknown;
	new: unknown;
}

/** One history record, whatever its shape: the item, when, who, and the fields. */
export interface HistoryEntry {
	itemId: string;
	instant: number;
	author?: string;
	fields: FieldChange[];
}

/** Items per history request (their ids go into the URL). */
const IDS_PER_REQUEST = 50;

/** History pages read at most per request of ids. */
const MAX_HISTORY_PAGES = 5;

const DAY_MS = 24 * 60 * 60 * 1000;

const text = (value: unknown): string | undefined =>
	value === undefined || value === null || value === '' ? undefined : String(value);

function fieldsOfSave(record: IDataObject): FieldChange[] {
	let list: unknown = record.changes;
	if (typeof list === 'string') {
		try {
			list = JSON.parse(list);
		} catch {
			list = [];
		}
	}
	if (!Array.isArray(list)) return [];
	return list
		.filter((entry): entry is IDataObject => entry !== null && typeof entry === 'object')
		.filter((entry) => typeof entry.field === 'string')
		.map((entry) => ({
			field: String(entry.field),
			old: entry.value_before ?? null,
			new: entry.value_after ?? null,
		}));
}

/** One history record as an entry; the item's id is under the history's id parameter or `workitem_id`. */
export function historyEntry(record: IDataObject, api: ObjectApi): HistoryEntry | undefined {
	const itemId = text(record[api.historyIdParameter]) ?? text(record.workitem_id);
	const instant = tapdInstant(record.created);
	if (!itemId || !Number.isFinite(instant)) return undefined;
	const fields =
		typeof record.field === 'string'
			? [{ field: record.field, old: record.old_value ?? null, new: record.new_value ?? null }]
			: fieldsOfSave(record);
	return { itemId, instant, author: text(record.author) ?? text(record.creator), fields };
}

/**
 * The history of `ids` since `after` (milliseconds), oldest first. TAPD takes the time condition by day
 * on the bug history (UNCONFIRMED for a time of day), so the request asks from the day before and the
 * exact times are compared here.
 */
export async function readHistory(
	context: IPollFunctions,
	api: ObjectApi,
	workspaceId: string,
	ids: readonly string[],
	after: number,
): Promise<HistoryEntry[]> {
	const entries: HistoryEntry[] = [];
	const since = `>${tapdTime(after - DAY_MS).slice(0, 10)}`;
	for (let start = 0; start < ids.length; start += IDS_PER_REQUEST) {
		const chunk = ids.slice(start, start + IDS_PER_REQUEST);
		for (let page = 1; page <= MAX_HISTORY_PAGES; page++) {
			const data = await tapdApiRequest(context, {
				path: api.historyPath,
				qs: {
					workspace_id: workspaceId,
					[api.historyIdParameter]: chunk.join(','),
					created: since,
					order: 'created asc',
					limit: api.historyPageSize,
					page,
					...(api.object === 'bug' ? {} : { need_parse_changes: 1 }),
				},
			});
			const records = Array.isArray(data) ? data : [];
			for (const record of records) {
				const entry = historyEntry(unwrapRecord(record, api.historyKey), api);
				if (entry && entry.instant > after) entries.push(entry);
			}
			if (records.length < api.historyPageSize) break;
		}
	}
	return entries.sort((a, b) => a.instant - b.instant);
}

/**
 * The fields an item's version changed: the history entries after `after` up to its `modified`, each field
 * with its value before the first of them and after the last.
 */
export function changesBetween(
	entries: readonly HistoryEntry[],
	itemId: string,
	after: number,
	upTo: number,
): { fields: FieldChange[]; author?: string } {
	const byField = new Map<string, FieldChange>();
	let author: string | undefined;
	for (const entry of entries) {
		if (entry.itemId !== itemId || entry.instant <= after || entry.instant > upTo) continue;
		author = entry.author ?? author;
		for (const change of entry.fields) {
			const known = byField.get(change.field);
			byField.set(change.field, {
				field: change.field,
				old: known ? known.old : change.old,
				new: change.new,
			});
		}
	}
	return { fields: [...byField.values()], author };
}
