import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import type { JsonLimits } from '../../shared/http/json';
import type { IdentityPart } from '../../shared/webhook/repeats';

/**
 * What a TAPD delivery can hold, applied while its body is read, before the secret inside it is known: TAPD
 * sends a flat object of a few dozen fields (an update adds an `old_<field>` per changed field, every field of
 * a work item at most), a few kilobytes in all. Anything beyond is refused after bounded work.
 */
export const DELIVERY_LIMITS: JsonLimits = { maxDepth: 8, maxValues: 2000 };

/** TAPD's deliveries are a few kilobytes: the default body limit leaves ample room (Max Body Size raises it). */
export const MAX_BODY_KILOBYTES = 64;

/**
 * A TAPD webhook delivery (docs/contracts/tapd.md, "Webhook deliveries"), after the shared secret was
 * checked and removed. Every value may arrive as a string (form bodies) or a number (JSON); ids are kept
 * as strings.
 */
const scalar = z.union([z.string(), z.number()]);

export const deliverySchema = z
	.object({
		event: z.string().regex(/^[a-z_]+::[a-z_]+$/, 'Expected an event such as bug::create'),
		event_from: z.string().optional(),
		workspace_id: scalar.optional(),
		current_user: z.string().optional(),
		event_id: scalar.optional(),
		id: scalar.optional(),
		created: z.string().optional(),
		change_fields: z.string().optional(),
	})
	.passthrough();

export type TapdDelivery = z.infer<typeof deliverySchema>;

const asString = (value: unknown): string | null =>
	value === undefined || value === null ? null : String(value);

/** TAPD writes `Y-m-d H:i:s` in China Standard Time (UTC+8, no daylight saving). */
export function chinaTimeToIso(created: string | undefined): string | null {
	const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec((created ?? '').trim());
	return match ? `${match[1]}T${match[2]}+08:00` : null;
}

/** The fields an update changed, with their previous values from `old_<field>`. */
export function changesOf(delivery: IDataObject): Array<{ field: string; old: unknown }> {
	const fields = typeof delivery.change_fields === 'string' ? delivery.change_fields : '';
	return fields
		.split(',')
		.map((field) => field.trim())
		.filter((field) => field.length > 0)
		.map((field) => ({ field, old: delivery[`old_${field}`] ?? null }));
}

/**
 * The item a workflow routes on: stable names first (`event`, `object`, `action`, ids as strings,
 * `created_iso`, `changes`), then every field TAPD sent, as sent.
 */
export function normalizeDelivery(delivery: TapdDelivery): IDataObject {
	const [object, action] = delivery.event.split('::');
	const normalized: IDataObject = {
		event: delivery.event,
		object,
		action,
		workspace_id: asString(delivery.workspace_id),
		id: asString(delivery.id),
		current_user: delivery.current_user ?? null,
		event_from: delivery.event_from ?? null,
		event_id: asString(delivery.event_id),
		created: delivery.created ?? null,
		created_iso: chinaTimeToIso(delivery.created),
		changes: changesOf(delivery as IDataObject),
	};
	for (const [key, value] of Object.entries(delivery)) {
		if (!Object.hasOwn(normalized, key)) normalized[key] = value as IDataObject[string];
	}
	return normalized;
}

/**
 * Whether the trigger's chosen events cover a delivery. A `<object>::status_change` choice also covers an
 * `<object>::update` whose changed fields include `status`, in case TAPD reports status changes as updates.
 */
export function eventSelected(delivery: TapdDelivery, selected: readonly string[]): boolean {
	if (selected.includes(delivery.event)) return true;
	const [object, action] = delivery.event.split('::');
	if (action !== 'update' || !selected.includes(`${object}::status_change`)) return false;
	return changesOf(delivery as IDataObject).some((change) => change.field === 'status');
}

/** Whether a delivery comes from the only workspace the trigger accepts; an empty filter accepts any. */
export function fromWorkspace(delivery: TapdDelivery, workspaceId: string): boolean {
	return !workspaceId || String(delivery.workspace_id ?? '') === workspaceId;
}

/**
 * What identifies one event across TAPD's retries: the event, its `event_id` and the object's id. A
 * delivery without an `event_id` has no identity and is never taken for a repeat.
 */
export function deliveryIdentity(delivery: TapdDelivery): IdentityPart[] | undefined {
	if (delivery.event_id === undefined) return undefined;
	return [
		delivery.event,
		String(delivery.event_id),
		delivery.id === undefined ? null : String(delivery.id),
	];
}
