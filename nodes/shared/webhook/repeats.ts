import type { INodeExecutionData, INodeProperties, IWebhookFunctions } from 'n8n-workflow';

import { createHash, randomUUID } from 'node:crypto';

/** One part of what identifies a delivery (an event id, a status, an execution key …). */
export type IdentityPart = string | number | null;

/**
 * A delivery's key: SHA-256 (hex) of its identity parts written as a JSON array, an encoding in which two
 * different lists never look alike (`["a,b"]` is not `["a","b"]`). Fixed-size, whatever the sender sent. It
 * is what the repeat memory holds and what every item carries as `dedupe_key`.
 */
export function deliveryKey(parts: readonly IdentityPart[]): string {
	return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** The identity of a delivery that carries no id of its own: its bytes. */
export function bodyIdentity(rawBody: Buffer): IdentityPart[] {
	return ['body', createHash('sha256').update(rawBody).digest('hex')];
}

/** A key no other delivery has, for requests that are never repeats (Test Manager's, TAPD's without an id). */
export function uniqueDeliveryKey(): string {
	return deliveryKey(['unique', randomUUID()]);
}

/** The output field holding the delivery's key, for deduplicating downstream (docs/operations.md, "Running at scale"). */
export const DEDUPE_KEY_FIELD = 'dedupe_key';

/** The items of one delivery, each carrying its key as `dedupe_key`. */
export function withDedupeKey(items: INodeExecutionData[], key: string): INodeExecutionData[] {
	return items.map((item) => ({ ...item, json: { ...item.json, [DEDUPE_KEY_FIELD]: key } }));
}

/** What one remembered delivery costs, estimated: V8's Map entry and number, plus the key's UTF-16 bytes. */
const entryBytes = (key: string) => 80 + 2 * key.length;

/**
 * Recently accepted deliveries of one trigger, so that a sender's retries of the same event start no second
 * execution. Bounded in bytes; when full, the least recently used entry goes first. A repeat counts as a use
 * but does not extend the window, which runs from the first acceptance.
 */
export class RecentDeliveries {
	/** key → when its window ends; Map order is least recently used first. */
	private readonly expiresAt = new Map<string, number>();

	private usedBytes = 0;

	constructor(private readonly maxBytes: number) {}

	/** Records `key` and tells whether it was already accepted within the last `windowMs` milliseconds. */
	isRepeat(key: string, windowMs: number, now = Date.now()): boolean {
		if (windowMs <= 0) return false;
		const expires = this.expiresAt.get(key);
		if (expires !== undefined) this.remove(key);
		const repeat = expires !== undefined && now < expires;
		this.expiresAt.set(key, repeat ? expires : now + windowMs);
		this.usedBytes += entryBytes(key);
		this.evict(now);
		return repeat;
	}

	/** Forgets every key that starts with `prefix`. */
	forget(prefix: string): void {
		for (const key of [...this.expiresAt.keys()]) if (key.startsWith(prefix)) this.remove(key);
	}

	/** Forgets the least recently used entry; false when there is none. */
	dropOldest(): boolean {
		for (const key of this.expiresAt.keys()) return this.remove(key);
		return false;
	}

	get size(): number {
		return this.expiresAt.size;
	}

	get bytes(): number {
		return this.usedBytes;
	}

	private remove(key: string): boolean {
		if (!this.expiresAt.delete(key)) return false;
		this.usedBytes -= entryBytes(key);
		return true;
	}

	/** Drops least recently used entries while over budget, and expired ones at the head as it goes. */
	private evict(now: number): void {
		for (const [key, expires] of this.expiresAt) {
			if (this.usedBytes <= this.maxBytes && now < expires) break;
			this.remove(key);
		}
	}
}

/**
 * One {@link RecentDeliveries} per trigger (workflow and node), each with a budget of its own, so that a
 * trigger flooded with deliveries (a Testany token sits in a URL) forgets only its own. The process keeps a
 * ceiling too: past it, the trigger that holds the most gives up its least recently used entries, so a
 * trigger that holds less than another never loses entries to it.
 */
export class RepeatMemory {
	private readonly triggers = new Map<string, RecentDeliveries>();

	private usedBytes = 0;

	constructor(
		readonly perTriggerBytes: number,
		readonly totalBytes: number,
	) {}

	/** {@link RecentDeliveries.isRepeat} in the memory of the trigger `scope`. */
	isRepeat(scope: string, key: string, windowMs: number, now = Date.now()): boolean {
		if (windowMs <= 0) return false;
		let memory = this.triggers.get(scope);
		if (!memory) {
			memory = new RecentDeliveries(this.perTriggerBytes);
			this.triggers.set(scope, memory);
		}
		const before = memory.bytes;
		const repeat = memory.isRepeat(key, windowMs, now);
		this.usedBytes += memory.bytes - before;
		while (this.usedBytes > this.totalBytes && this.dropFromLargest(memory)) {
			// each pass frees one entry of the trigger that holds the most
		}
		return repeat;
	}

	/** Forgets everything the trigger `scope` remembers. */
	forget(scope: string): void {
		const memory = this.triggers.get(scope);
		if (!memory) return;
		this.usedBytes -= memory.bytes;
		this.triggers.delete(scope);
	}

	get bytes(): number {
		return this.usedBytes;
	}

	/** What the trigger `scope` remembers, in entries. */
	sizeOf(scope: string): number {
		return this.triggers.get(scope)?.size ?? 0;
	}

	/** One entry less in the largest memory (`preferred` when it is as large as any). */
	private dropFromLargest(preferred: RecentDeliveries): boolean {
		let largest = preferred;
		for (const memory of this.triggers.values()) if (memory.bytes > largest.bytes) largest = memory;
		const before = largest.bytes;
		if (!largest.dropOldest()) return false;
		this.usedBytes -= before - largest.bytes;
		if (largest.size === 0) {
			for (const [scope, memory] of this.triggers)
				if (memory === largest) this.triggers.delete(scope);
		}
		return true;
	}
}

/**
 * Production deliveries and "Listen for test event" deliveries are remembered apart: a test never makes a
 * production delivery look like a repeat, and ending a test session forgets only test deliveries. A trigger
 * remembers up to 2 MiB of production deliveries, about 10,000 (a key costs about 210 bytes), and the
 * process at most 32 MiB in all. Kept in this process's memory: in queue mode each webhook process
 * remembers only what it accepted itself.
 */
const memories = {
	production: new RepeatMemory(2 * 1024 * 1024, 32 * 1024 * 1024),
	test: new RepeatMemory(256 * 1024, 2 * 1024 * 1024),
};

const scopeOf = (workflowId: string | undefined, nodeId: string) => `${workflowId ?? ''}/${nodeId}`;

/**
 * Forgets a trigger's test deliveries; called from `delete()`. n8n calls `delete()` with the same mode when
 * a test session ends and when the workflow is unpublished (docs/n8n.md, "Webhook lifecycle"), so production
 * deliveries are never forgotten here: they leave the memory when their window ends.
 */
export function forgetTestDeliveries(workflowId: string | undefined, nodeId: string): void {
	memories.test.forget(scopeOf(workflowId, nodeId));
}

/** The answer to a repeat: acknowledged, so the sender stops retrying, but no second execution. */
export const REPEAT_ANSWER = 'Accepted; a repeat of a delivery already received';

/** Where every trigger that ignores repeats keeps its window: under Additional Options ({@link ignoreRepeatsOption}). */
export const REPEAT_WINDOW_PARAMETER = 'additionalOptions.repeatWindowSeconds';

/** The repeat window the user set, in seconds (600 when unset), read with one `getNodeParameter` call. */
export function repeatWindowSeconds(context: IWebhookFunctions): number {
	const seconds = context.getNodeParameter(REPEAT_WINDOW_PARAMETER, 600);
	return typeof seconds === 'number' ? seconds : 600;
}

/**
 * Whether a delivery with this key (from {@link deliveryKey}) was accepted by this trigger within its repeat
 * window ({@link repeatWindowSeconds}); records it otherwise. The caller answers a
 * repeat with {@link REPEAT_ANSWER} and starts no execution. Test deliveries (n8n's `manual` mode) have their
 * own memory.
 */
export function isRepeatDelivery(context: IWebhookFunctions, key: string): boolean {
	const memory = context.getMode() === 'manual' ? memories.test : memories.production;
	const scope = scopeOf(context.getWorkflow().id, context.getNode().id);
	return memory.isRepeat(scope, key, repeatWindowSeconds(context) * 1000);
}

/** The "Ignore Repeats Within (Seconds)" option for a trigger's Additional Options, with the trigger's words. */
export function ignoreRepeatsOption(description: string): INodeProperties {
	return {
		displayName: 'Ignore Repeats Within (Seconds)',
		name: 'repeatWindowSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 600,
		description,
	};
}
