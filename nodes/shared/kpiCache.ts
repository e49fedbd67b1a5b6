import { createHash } from 'node:crypto';

import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { isTransientFailure, networkCode, retryClock } from './http/retry';
import { withDeadline } from './http/sendWithRetry';

/**
 * The Defect KPI operations' short-lived cache and time budget (docs/performance.md, "Defect KPIs"): a
 * dashboard refreshed by a whole team costs one count per minute, and Test Manager, which holds its request
 * open for the answer, gets one within the budget — fresh, from the cache, or a clear failure.
 */

export const DEFAULT_CACHE_SECONDS = 60;
export const DEFAULT_BUDGET_SECONDS = 30;

/** The options both Defect KPI operations offer, in their Options collection. */
export const kpiCacheOptions: INodeProperties[] = [
	{
		displayName: 'Cache Results For (Seconds)',
		name: 'cacheSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_CACHE_SECONDS,
		description:
			'Answer again from the last count made with the same credential, project and settings for this long, without calling the service; 0 counts every time and keeps nothing. Kept in the memory of this n8n process.',
	},
	{
		displayName: 'Time Budget (Seconds)',
		name: 'timeBudgetSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_BUDGET_SECONDS,
		description:
			'How long counting may take, waits for rate limits included. When it runs out, the last count made with these settings is answered (marked stale), or, with none, the node fails with a message that says so.',
	},
];

interface Entry {
	value: IDataObject;
	at: number;
}

/** Entries are kept this long at most, for a stale answer when counting fails. */
const KEEP_MS = 24 * 60 * 60 * 1000;
const MAX_ENTRIES = 500;
const entries = new Map<string, Entry>();
const counting = new Map<string, Promise<IDataObject>>();

/** Forgets every count (tests and benchmarks). */
export const forgetKpis = (): void => entries.clear();

const digest = (value: unknown): string =>
	createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** Who counts: the credential type and a digest of what identifies the account (never kept as such). */
const accountOf = (credentialType: string, identity: unknown[]): string =>
	digest([credentialType, identity]);

/**
 * A key for the cache from what determines a count: the account (a digest of the credential's identifying
 * values, never the values), the project and the settings. It starts with the account's digest.
 */
export function kpiCacheKey(
	credentialType: string,
	identity: unknown[],
	...parts: unknown[]
): string {
	return `${accountOf(credentialType, identity)}:${digest(parts)}`;
}

/**
 * Forgets the counts made with this account: it has just written to the service (created or changed a work
 * item), so the next dashboard refresh counts again. Other n8n processes keep theirs until they expire.
 */
export function forgetKpisOf(credentialType: string, identity: unknown[]): void {
	const prefix = `${accountOf(credentialType, identity)}:`;
	for (const key of [...entries.keys()]) if (key.startsWith(prefix)) entries.delete(key);
}

function remember(key: string, value: IDataObject): void {
	entries.delete(key);
	if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
	entries.set(key, { value, at: retryClock.now() });
}

const ageOf = (entry: Entry) => Math.round((retryClock.now() - entry.at) / 1000);

/**
 * The KPIs for `key`: from the cache while younger than `cacheSeconds`; otherwise `count()` within
 * `timeBudgetSeconds` (every request it makes ends by then), shared with any count of the same key already
 * running. When counting fails for lack of time or a passing failure (rate limit, outage), the last count is
 * answered, marked `cached.stale`; with none, the failure is thrown, worded for the budget when that ran out.
 */
export async function kpisWithCache(
	context: IExecuteFunctions,
	key: string,
	options: IDataObject,
	count: () => Promise<IDataObject>,
): Promise<IDataObject> {
	const cacheSeconds = Math.max(0, Number(options.cacheSeconds ?? DEFAULT_CACHE_SECONDS) || 0);
	const budgetSeconds = Math.max(
		1,
		Number(options.timeBudgetSeconds ?? DEFAULT_BUDGET_SECONDS) || 1,
	);
	const entry = cacheSeconds > 0 ? entries.get(key) : undefined;
	if (entry && retryClock.now() - entry.at < cacheSeconds * 1000) {
		return { ...entry.value, cached: { ageSeconds: ageOf(entry), stale: false } };
	}
	const started = retryClock.now();
	let running = cacheSeconds > 0 ? counting.get(key) : undefined;
	if (!running) {
		running = withDeadline(context, budgetSeconds * 1000, count);
		if (cacheSeconds > 0) {
			counting.set(key, running);
			void running.then(
				(value) => remember(key, value),
				() => undefined,
			);
			void running.finally(() => counting.delete(key)).catch(() => undefined);
		}
	}
	const outcome = await running.then(
		(value) => ({ value }),
		(error: unknown) => ({ error }),
	);
	if ('value' in outcome) return outcome.value;
	const { error } = outcome;
	const outOfTime =
		retryClock.now() - started >= budgetSeconds * 1000 - 1000 || networkCode(error) === 'EDEADLINE';
	const last = cacheSeconds > 0 ? entries.get(key) : undefined;
	if (last && retryClock.now() - last.at < KEEP_MS && (outOfTime || isTransientFailure(error))) {
		const reason = (error as Error).message;
		return { ...last.value, cached: { ageSeconds: ageOf(last), stale: true, reason } };
	}
	if (!outOfTime) throw error;
	// The last failure is named in the message itself: which one came last depends on timing, and a user
	// needs to see that it was, say, the service's rate limit, not only that time ran out.
	const { message, description } = error as { message?: string; description?: string | null };
	throw new NodeOperationError(
		context.getNode(),
		`The defect KPIs could not be counted within the time budget of ${budgetSeconds} s: ${message}`,
		{
			description: `${description ? `${description} ` : ''}No earlier count of these settings was at hand to answer instead. Raise Options > Time Budget (Seconds), keep Cache Results For above 0, or narrow what is counted.`,
		},
	);
}
