/**
 * Remembers recently accepted deliveries so that a sender's retries of the same event start no second
 * execution. Kept in this process's memory, bounded per trigger and in the number of triggers; in queue
 * mode with several webhook processes each process remembers its own deliveries.
 */
export class RecentDeliveries {
	private readonly acceptedAt = new Map<string, number>();

	constructor(private readonly maxEntries = 5000) {}

	/** Records `key` and tells whether it was already accepted within the last `windowMs` milliseconds. */
	isRepeat(key: string, windowMs: number, now = Date.now()): boolean {
		if (windowMs <= 0) return false;
		for (const [oldKey, at] of this.acceptedAt) {
			// Insertion order is acceptance order: stop at the first entry still inside the window.
			if (now - at < windowMs) break;
			this.acceptedAt.delete(oldKey);
		}
		if (this.acceptedAt.has(key)) return true;
		this.acceptedAt.set(key, now);
		if (this.acceptedAt.size > this.maxEntries) {
			this.acceptedAt.delete(this.acceptedAt.keys().next().value as string);
		}
		return false;
	}

	get size(): number {
		return this.acceptedAt.size;
	}
}

const MAX_TRIGGERS = 500;
const byTrigger = new Map<string, RecentDeliveries>();

/** The memory of one trigger node of one workflow. */
export function recentDeliveriesOf(
	workflowId: string | undefined,
	nodeId: string,
): RecentDeliveries {
	const key = `${workflowId ?? ''}/${nodeId}`;
	let store = byTrigger.get(key);
	if (!store) {
		store = new RecentDeliveries();
		byTrigger.set(key, store);
		if (byTrigger.size > MAX_TRIGGERS) byTrigger.delete(byTrigger.keys().next().value as string);
	}
	return store;
}

/** Forgets a trigger's deliveries, when its workflow is unpublished. */
export function forgetRecentDeliveries(workflowId: string | undefined, nodeId: string): void {
	byTrigger.delete(`${workflowId ?? ''}/${nodeId}`);
}
