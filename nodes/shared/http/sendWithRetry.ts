import type { IHttpRequestOptions, IN8nHttpFullResponse, NodeApiError } from 'n8n-workflow';

import {
	RETRY_POLICY,
	backoffMs,
	isRepeatableMethod,
	isTransientStatus,
	mayResendAfter,
	requestedWaitMs,
	retryAfterMs,
	retryClock,
} from './retry';

/**
 * One request under the retry policy (./retry.ts): a timeout per attempt, a deadline for all of them, the
 * waits the service asks for (`Retry-After`, Azure DevOps' `X-RateLimit-*`), exponential back-off otherwise,
 * a request that may create something sent again only where that cannot create twice, and requests of one
 * account held back together after a rate limit and, where the service has a quota, paced within it.
 */

/** What a caller says about one request. */
export interface RetryOptions {
	/**
	 * Whether the request may be sent again after an answer that does not prove the service ignored it (500,
	 * 502, 503, 504, 408, a cut connection). By method unless said: GET, HEAD, OPTIONS, PUT, DELETE yes;
	 * POST and PATCH no. Reads sent as POST (Azure DevOps' WIQL and work item batch) say yes. A 429, and a
	 * connection refused, are retried for every request: the service did not take it.
	 */
	repeatable?: boolean;
	/** Requests sharing this key (one account) wait together after a 429 or 503; by default the URL's origin. */
	limitKey?: string;
	/** Keeps the requests of `limitKey` within this many per minute: a service's quota, e.g. TAPD's. */
	perMinute?: number;
}

/** How a request went, kept for the message of an error built from its last answer. */
export interface RetryFacts {
	attempts: number;
	waitedMs: number;
	/** A wait the service asked for that the deadline did not leave time for. */
	refusedWaitMs?: number;
}

/** A request that could not be sent before its deadline, because the service's limits kept it waiting. */
export class OutOfTimeError extends Error {
	readonly code = 'EDEADLINE';
}

const facts = new WeakMap<object, RetryFacts>();

/** A `Retry-After` on a successful answer holds the next request back at most this long (Azure DevOps: 30 s). */
const MAX_SLOW_DOWN_MS = 30_000;

/** How the request that got this answer went, when it took more than one attempt or was cut short. */
export const retryFactsOf = (response: object): RetryFacts | undefined => facts.get(response);

const deadlines = new WeakMap<object, number>();

/**
 * Runs `run` with every request made through `context` ending by `ms` from now (and by any earlier deadline
 * already set): a time budget for a whole operation, e.g. the defect KPIs Test Manager waits for.
 */
export async function withDeadline<T>(
	context: object,
	ms: number,
	run: () => Promise<T>,
): Promise<T> {
	const outer = deadlines.get(context);
	deadlines.set(context, Math.min(outer ?? Infinity, retryClock.now() + ms));
	try {
		return await run();
	} finally {
		if (outer === undefined) deadlines.delete(context);
		else deadlines.set(context, outer);
	}
}

/** The deadline `withDeadline` set for this context, if any. */
export const deadlineOf = (context: object): number | undefined => deadlines.get(context);

interface KeyState {
	/** No request of this key starts before then (a 429's `Retry-After`). */
	holdUntil: number;
	/** Start times of the last minute's requests, ascending, for `perMinute`. */
	starts: number[];
}

/** Per account or origin, for the whole n8n process: quotas and rate limits are the account's, not the run's. */
const keys = new Map<string, KeyState>();
const MAX_KEYS = 1000;

function stateOf(key: string): KeyState {
	let state = keys.get(key);
	if (!state) {
		if (keys.size >= MAX_KEYS) keys.delete(keys.keys().next().value as string);
		state = { holdUntil: 0, starts: [] };
		keys.set(key, state);
	}
	return state;
}

/** Forgets every hold and quota window (tests and benchmarks start from a quiet account). */
export const forgetRateLimits = (): void => keys.clear();

/**
 * When the next request of `key` may start: after any hold and, with a quota, once fewer than `perMinute`
 * requests started in the minute before. The slot is taken at once, so concurrent requests queue up.
 */
function reserveStart(key: string, perMinute: number | undefined, notBefore: number): number {
	const now = retryClock.now();
	const state = stateOf(key);
	let start = Math.max(now, notBefore, state.holdUntil);
	if (perMinute && perMinute > 0) {
		state.starts = state.starts.filter((time) => time > now - 60_000);
		const { starts } = state;
		if (starts.length >= perMinute)
			start = Math.max(start, starts[starts.length - perMinute] + 60_000);
		starts.push(start);
		starts.sort((a, b) => a - b);
	}
	return start;
}

function originOf(options: IHttpRequestOptions): string {
	try {
		return new URL(String(options.url), options.baseURL).origin;
	} catch {
		return String(options.baseURL ?? options.url);
	}
}

/**
 * Sends a request through `send` (one attempt each) under the policy and returns the last answer, whatever its
 * status: the caller judges it. A failure without an answer is thrown as it came, unless it may be retried.
 */
export async function sendWithRetry(
	context: object,
	options: IHttpRequestOptions,
	retry: RetryOptions | undefined,
	send: (attempt: IHttpRequestOptions) => Promise<IN8nHttpFullResponse>,
): Promise<IN8nHttpFullResponse> {
	const started = retryClock.now();
	const deadline = Math.min(deadlineOf(context) ?? Infinity, started + RETRY_POLICY.deadlineMs);
	const repeatable = retry?.repeatable ?? isRepeatableMethod(options.method);
	const key = retry?.limitKey ?? originOf(options);
	let waitedMs = 0;
	let notBefore = 0;
	for (let attempt = 1; ; attempt++) {
		const start = reserveStart(key, retry?.perMinute, notBefore);
		if (start > deadline) {
			throw new OutOfTimeError(
				`the time allowed for this request (${Math.round((deadline - started) / 1000)} s) ran out while the service's rate limit held it back`,
			);
		}
		waitedMs += start - retryClock.now();
		await retryClock.sleep(start - retryClock.now());
		const timeout = Math.max(
			1_000,
			Math.min(options.timeout ?? RETRY_POLICY.attemptTimeoutMs, deadline - retryClock.now()),
		);
		let response: IN8nHttpFullResponse | undefined;
		let failure: unknown;
		try {
			response = await send({ ...options, timeout });
		} catch (error) {
			failure = error;
		}

		const status = response?.statusCode ?? 0;
		const retryable = response
			? isTransientStatus(status) && (status === 429 || repeatable)
			: mayResendAfter(failure, repeatable);
		const limited = status === 429 || status === 503;
		const asked = limited ? requestedWaitMs(response?.headers) : undefined;
		// Azure DevOps asks a client it is about to delay to slow down with `Retry-After` on a 200: the next
		// request waits, and everyone on this account waits as the service asked, not only this request.
		const slowDown = response && status < 400 ? retryAfterMs(response.headers) : undefined;
		const hold =
			asked ?? (slowDown === undefined ? undefined : Math.min(slowDown, MAX_SLOW_DOWN_MS));
		if (hold !== undefined) {
			const state = stateOf(key);
			state.holdUntil = Math.max(state.holdUntil, retryClock.now() + hold);
		}
		if (!retryable) {
			if (response && attempt > 1) facts.set(response, { attempts: attempt, waitedMs });
			if (response) return response;
			throw failure;
		}
		// A 429 without instructions: at least the interval of the quota, when there is one.
		const quotaInterval = status === 429 && retry?.perMinute ? 60_000 / retry.perMinute : 0;
		const wait = asked ?? Math.max(backoffMs(attempt), quotaInterval);
		if (attempt >= RETRY_POLICY.maxAttempts || retryClock.now() + wait > deadline) {
			if (!response) throw failure;
			facts.set(response, {
				attempts: attempt,
				waitedMs,
				...(asked !== undefined && retryClock.now() + asked > deadline
					? { refusedWaitMs: asked }
					: {}),
			});
			return response;
		}
		notBefore = retryClock.now() + wait;
		if (status === 429) stateOf(key).holdUntil = Math.max(stateOf(key).holdUntil, notBefore);
	}
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

/**
 * Adds to an error built from an answer what the retries did (attempts, time waited, a wait the deadline did
 * not allow) and the wait the service asked for, so that a caller repeating whole steps can honour it.
 */
export function withRetryFacts<E extends NodeApiError>(
	error: E,
	response: IN8nHttpFullResponse,
): E {
	const wait = requestedWaitMs(response.headers);
	if (wait !== undefined) error.context.retryAfterMs = wait;
	const how = retryFactsOf(response);
	if (!how) return error;
	const refused =
		how.refusedWaitMs === undefined
			? ''
			: ` It asked to wait ${seconds(how.refusedWaitMs)} more, beyond the time allowed.`;
	const note = `Tried ${how.attempts} times over ${seconds(how.waitedMs)} of waiting.${refused}`;
	error.description = error.description ? `${error.description} ${note}` : note;
	return error;
}
