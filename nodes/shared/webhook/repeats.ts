import type { IDataObject, INodeProperties, IWebhookFunctions } from 'n8n-workflow';

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

/** The answer to a repeat: acknowledged, so the sender stops retrying, but no second execution. */
export const REPEAT_ANSWER = 'Accepted; a repeat of a delivery already received';

/**
 * The repeat window the user set, in seconds (600 when unset). The option is named `duplicateWindowSeconds`
 * (Testany, at the top; Azure DevOps, under Additional Options) or `repeatWindowSeconds` (TAPD): all are read.
 */
export function repeatWindowSeconds(context: IWebhookFunctions): number {
	const options = context.getNodeParameter('additionalOptions', {}) as IDataObject;
	const seconds =
		options.repeatWindowSeconds ??
		options.duplicateWindowSeconds ??
		context.getNodeParameter('duplicateWindowSeconds', 600);
	return typeof seconds === 'number' ? seconds : 600;
}

/**
 * Whether a delivery with this identity was accepted by this trigger within its repeat window; records it
 * otherwise. The caller answers a repeat with {@link REPEAT_ANSWER} and starts no execution.
 */
export function isRepeatDelivery(context: IWebhookFunctions, identity: string): boolean {
	const recent = recentDeliveriesOf(context.getWorkflow().id, context.getNode().id);
	return recent.isRepeat(identity, repeatWindowSeconds(context) * 1000);
}

/** The "Ignore Repeats Within (Seconds)" option, under the name and with the words of each trigger. */
export function ignoreRepeatsOption(name: string, description: string): INodeProperties {
	return {
		displayName: 'Ignore Repeats Within (Seconds)',
		name,
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 600,
		description,
	};
}
