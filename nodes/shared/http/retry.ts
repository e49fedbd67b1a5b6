import { NodeApiError, sleep } from 'n8n-workflow';

/**
 * The one retry policy of every outbound call (docs/performance.md, "Outbound calls"): how long a request may
 * take in all, how long one attempt may take, how long to wait between attempts, and which failures are worth
 * another attempt. Requests apply it through `sendAuthenticated` (./sendWithRetry.ts); a trigger's
 * registration applies it to its steps ({@link retryTransient}).
 */

export const RETRY_POLICY = {
	/** Attempts and waits of one request end by then, unless the caller sets its own deadline. */
	deadlineMs: 60_000,
	/** One attempt gets no answer for this long: it is abandoned (n8n's own default is 300 s). */
	attemptTimeoutMs: 30_000,
	/** At most this many attempts of one request. */
	maxAttempts: 6,
	/** The first back-off; each further one doubles, up to `backoffCapMs`, then jittered. */
	backoffBaseMs: 1_000,
	backoffCapMs: 16_000,
} as const;

/** Time and waiting as the policy sees them: replaced in tests and benchmarks so waits cost nothing. */
export const retryClock = {
	now: (): number => Date.now(),
	sleep: async (ms: number): Promise<void> => {
		if (ms > 0) await sleep(ms);
	},
	random: (): number => Math.random(),
};

/**
 * A wait after attempt `attempt` (1 for the first) that found no instruction from the service: exponential,
 * with "equal jitter" (half fixed, half random) so that clients that failed together do not retry together.
 */
export function backoffMs(attempt: number): number {
	const ceiling = Math.min(
		RETRY_POLICY.backoffCapMs,
		RETRY_POLICY.backoffBaseMs * 2 ** Math.max(0, attempt - 1),
	);
	return Math.round(ceiling / 2 + (retryClock.random() * ceiling) / 2);
}

type Headers = Record<string, unknown> | undefined;

function header(headers: Headers, name: string): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' || typeof first === 'number' ? String(first).trim() : undefined;
}

/** `Retry-After` as a wait in ms: delta-seconds, or an HTTP date (RFC 9110, section 10.2.3). */
export function retryAfterMs(headers: Headers, now = retryClock.now()): number | undefined {
	const value = header(headers, 'retry-after');
	if (value === undefined || value === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * How long the service asks us to wait before the next request: `Retry-After`, else Azure DevOps'
 * `X-RateLimit-Reset` (Unix seconds at which the user's usage is back to zero) when it lies ahead, else
 * `X-RateLimit-Delay` (seconds the service held the request back). See docs/contracts/azure-devops.md,
 * "Rate limits".
 */
export function requestedWaitMs(headers: Headers, now = retryClock.now()): number | undefined {
	const retryAfter = retryAfterMs(headers, now);
	if (retryAfter !== undefined) return retryAfter;
	const reset = Number(header(headers, 'x-ratelimit-reset'));
	if (Number.isFinite(reset) && reset * 1000 > now) return Math.ceil(reset * 1000 - now);
	const delay = Number(header(headers, 'x-ratelimit-delay'));
	if (Number.isFinite(delay) && delay > 0) return Math.round(delay * 1000);
	return undefined;
}

/** Statuses that say "not now" rather than "no": a request may succeed if sent again. */
const TRANSIENT_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

export const isTransientStatus = (status: number): boolean => TRANSIENT_STATUSES.has(status);

/**
 * Network failures (the error's code, or its cause's: n8n wraps the HTTP client's error) after which nothing
 * reached the service, so that any request, even one that creates, may be sent again.
 */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Network failures during which the request may have been received: only a repeatable request is retried. */
const MAYBE_SENT_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ESOCKETTIMEDOUT',
	'UND_ERR_SOCKET',
]);

/** The code of a network failure, e.g. `ECONNRESET`, found on the error or its cause. */
export function networkCode(error: unknown): string | undefined {
	for (let current = error, depth = 0; current && depth < 3; depth++) {
		const { code, cause } = current as { code?: unknown; cause?: unknown };
		if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code)) return code;
		current = cause;
	}
	return undefined;
}

/** Whether a request that got no answer may be sent again: never after a refusal such as a TLS error. */
export function mayResendAfter(error: unknown, repeatable: boolean): boolean {
	const code = networkCode(error);
	if (code === undefined) return false;
	return NOT_SENT_CODES.has(code) || (repeatable && MAYBE_SENT_CODES.has(code));
}

/** Methods that change nothing, or change the same thing however often they are sent (RFC 9110, 9.2.2). */
const REPEATABLE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

export const isRepeatableMethod = (method: string | undefined): boolean =>
	REPEATABLE_METHODS.has((method ?? 'GET').toUpperCase());

/**
 * Whether a failed call (a NodeApiError built by a transport) may succeed if repeated: no answer at all
 * (network, DNS, timeout), a rate limit (429), a timeout (408) or a server error (5xx). Refusals (400, 401,
 * 403, 404, …) are final.
 */
export function isTransientFailure(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	if (error.context.unreachable === true) return true;
	return isTransientStatus(Number(error.httpCode));
}

/** What the service asked for, carried by an error so that a caller repeating whole steps can honour it. */
export function waitAskedBy(error: unknown): number | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	const wait = error.context.retryAfterMs;
	return typeof wait === 'number' && wait >= 0 ? wait : undefined;
}

/**
 * Runs `steps` (several calls, safe to start again: a trigger's registration looks before it creates), and
 * starts them again while they fail transiently, waiting as the service asked (`Retry-After`, carried on the
 * error) or backing off, until `deadlineMs` has passed; the last failure is thrown. The single requests
 * inside retry on their own, so this covers what outlasts them: a POST refused with 503, for instance.
 */
export async function retryTransient<T>(
	steps: () => Promise<T>,
	deadlineMs: number = RETRY_POLICY.deadlineMs,
): Promise<T> {
	const deadline = retryClock.now() + deadlineMs;
	for (let attempt = 1; ; attempt++) {
		const outcome = await steps().then(
			(value) => ({ value }),
			(error: unknown) => ({ error }),
		);
		if ('value' in outcome) return outcome.value;
		const wait = waitAskedBy(outcome.error) ?? backoffMs(attempt);
		const last = attempt >= RETRY_POLICY.maxAttempts || retryClock.now() + wait > deadline;
		if (!isTransientFailure(outcome.error) || last) throw outcome.error;
		await retryClock.sleep(wait);
	}
}
