import type { IDataObject } from 'n8n-workflow';

import type { PolledChange } from '../../shared/polling/poll';
import { deliveryKey } from '../../shared/webhook/repeats';
import { eventSelected, normalizeDelivery, type TapdDelivery } from '../trigger/payload';
import type { FieldChange } from './history';
import { tapdInstant, type ObjectApi } from './objects';

/**
 * A TAPD item's new version as the TAPD Trigger would output the matching delivery (docs/contracts/tapd.md,
 * "Webhook deliveries"): `event` `<object>::create` or `::update`, the item's `id`, `created` (when the
 * change happened, as TAPD writes times), for an update `change_fields` and an `old_<field>` per changed
 * field, passed through the trigger's own `normalizeDelivery`. The item's fields as they are now come
 * along under TAPD's own wrapper (`Bug`, `Story`, `Task`): a delivery only has ids.
 */

export type Action = 'create' | 'update';

export interface Version {
	api: ObjectApi;
	record: IDataObject;
	action: Action;
	/** What the update changed, when the history was read; `undefined` when it was not. */
	changes?: FieldChange[];
	/** Who made the change, from the history. */
	author?: string;
}

const text = (value: unknown): string | undefined =>
	value === undefined || value === null || value === '' ? undefined : String(value);

/** The delivery TAPD would have sent for this version. */
export function versionDelivery(version: Version, workspaceId: string): TapdDelivery {
	const { api, record, action } = version;
	const delivery: IDataObject = {
		event: `${api.object}::${action}`,
		workspace_id: text(record.workspace_id) ?? workspaceId,
		id: text(record.id),
		current_user: version.author ?? text(record.modifier) ?? text(record.creator),
		created: text(record.modified) ?? text(record.created),
	};
	if (action === 'update' && version.changes) {
		delivery.change_fields = version.changes.map((change) => change.field).join(',');
		for (const change of version.changes) {
			delivery[`old_${change.field}`] = change.old as IDataObject[string];
		}
	}
	for (const key of Object.keys(delivery)) if (delivery[key] === undefined) delete delivery[key];
	delivery[api.recordKey] = record;
	return delivery as TapdDelivery;
}

/** A version's identity, the item's `dedupe_key`: the item and the time of its change. */
export const versionKey = (api: ObjectApi, workspaceId: string, record: IDataObject): string =>
	deliveryKey([
		'tapd',
		workspaceId,
		api.object,
		text(record.id) ?? null,
		text(record.modified) ?? null,
	]);

/** The change to emit for a version, or `undefined` when its event is not selected. */
export function versionChange(
	version: Version,
	workspaceId: string,
	selected: readonly string[],
): PolledChange | undefined {
	const delivery = versionDelivery(version, workspaceId);
	if (!eventSelected(delivery, selected)) return undefined;
	return {
		json: normalizeDelivery(delivery),
		key: versionKey(version.api, workspaceId, version.record),
	};
}

/**
 * Whether a version is the item's creation: never changed since (`created` = `modified`), or created after
 * everything the trigger had read before this poll, so that it never emitted the item (an item created and
 * changed between two polls is emitted once, as created, as it is now).
 */
export function isCreation(record: IDataObject, readUpTo: number): boolean {
	const created = tapdInstant(record.created);
	const modified = tapdInstant(record.modified);
	if (!Number.isFinite(created)) return false;
	return created === modified || created > readUpTo;
}
