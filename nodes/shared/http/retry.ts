import { NodeApiError, sleep } from 'n8n-workflow';

/**
 * Bounded retries for the calls a trigger makes while n8n publishes it, so that a short outage of the
 * service does not cost the registration: n8n deletes a webhook whose `create` throws after its own five
 * attempts (docs/n8n.md, "Webhook lifecycle").
 */

/**
 * Waits between our attempts of one call: about 7 s in all. n8n repeats `create` up to five times about
 * 1, 2, 4 and 8 s apart, so a trigger rides out an outage of about 50 s before publishing fails.
 */
export const REGISTRATION_RETRY_DELAYS_MS: readonly number[] = [1000, 2000, 4000];

/**
 * Whether a failed call may succeed if repeated: no answer at all (network, DNS, timeout), a rate limit
 * (429), a timeout (408) or a server error (5xx). Refusals (400, 401, 403, 404, …) are final.
 */
export function isTransientFailure(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	if (error.context.unreachable === true) return true;
	const status = Number(error.httpCode);
	return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/**
 * Runs `call`, repeating it after each delay while it fails transiently; the last failure is thrown.
 * `wait` is replaceable for tests.
 */
export async function retryTransient<T>(
	call: () => Promise<T>,
	delaysMs: readonly number[] = REGISTRATION_RETRY_DELAYS_MS,
	wait: (ms: number) => Promise<void> = sleep,
): Promise<T> {
	for (const delay of delaysMs) {
		const outcome = await call().then(
			(value) => ({ value }),
			(error: unknown) => ({ error }),
		);
		if ('value' in outcome) return outcome.value;
		if (!isTransientFailure(outcome.error)) throw outcome.error;
		await wait(delay);
	}
	return await call();
}
