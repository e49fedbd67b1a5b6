import { NodeApiError, NodeOperationError, type JsonObject } from 'n8n-workflow';

import { apiError, unreachableError } from '../../../nodes/shared/http/apiError';
import {
	RETRY_POLICY,
	backoffMs,
	isTransientFailure,
	mayResendAfter,
	networkCode,
	requestedWaitMs,
	retryClock,
	retryTransient,
} from '../../../nodes/shared/http/retry';

const node = { id: '1', name: 'Trigger', type: 'x', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
const failure = (status: number, retryAfterMs?: number) => {
	const error = apiError(node, status, { message: `HTTP ${status}` });
	if (retryAfterMs !== undefined) error.context.retryAfterMs = retryAfterMs;
	return error;
};
const networkFailure = (code: string) => Object.assign(new Error('socket trouble'), { code });

describe('isTransientFailure', () => {
	it.each([408, 429, 500, 502, 503, 504])('retries HTTP %i', (status) => {
		expect(isTransientFailure(failure(status))).toBe(true);
	});

	it.each([400, 401, 403, 404, 409, 410, 422])('does not retry HTTP %i', (status) => {
		expect(isTransientFailure(failure(status))).toBe(false);
	});

	it('retries a call that got no answer (network), not one whose credential refused its token request', () => {
		const network = unreachableError(node, 'TAPD', 'https://api.tapd.cn', networkFailure('ECONNRESET'), 'Check.');
		const refused = unreachableError(node, 'TAPD', 'https://api.tapd.cn', new Error('invalid client'), 'Check.');
		expect(isTransientFailure(network)).toBe(true);
		expect(isTransientFailure(refused)).toBe(false);
		expect(isTransientFailure(new NodeOperationError(node, 'No project is selected'))).toBe(false);
		expect(isTransientFailure(new Error('boom'))).toBe(false);
	});

	it("finds the code of a network failure on n8n's wrapper, whose cause is the HTTP client's error", () => {
		const wrapped = new NodeApiError(node, networkFailure('ECONNREFUSED') as unknown as JsonObject);
		expect(networkCode(wrapped)).toBe('ECONNREFUSED');
		expect(isTransientFailure(unreachableError(node, 'TAPD', 'https://api.tapd.cn', wrapped, 'Check.'))).toBe(true);
	});
});

describe('which failures without an answer may be sent again', () => {
	it('sends anything again when the connection was refused: nothing reached the service', () => {
		expect(mayResendAfter(networkFailure('ECONNREFUSED'), false)).toBe(true);
		expect(mayResendAfter(networkFailure('EAI_AGAIN'), false)).toBe(true);
	});

	it('sends a repeatable request again after a cut connection or a timeout, a creating one never', () => {
		for (const code of ['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED']) {
			expect(mayResendAfter(networkFailure(code), true)).toBe(true);
			expect(mayResendAfter(networkFailure(code), false)).toBe(false);
		}
	});

	it('never repeats an unknown host, a TLS refusal, a cancelled execution or an error without a code', () => {
		for (const code of ['ENOTFOUND', 'CERT_HAS_EXPIRED', 'ERR_CANCELED']) {
			expect(mayResendAfter(networkFailure(code), true)).toBe(false);
		}
		expect(mayResendAfter(new Error('invalid client'), true)).toBe(false);
	});
});

describe('requestedWaitMs', () => {
	const now = Date.parse('2026-12-01T12:00:00Z');

	it('reads Retry-After in seconds, whatever the header case', () => {
		expect(requestedWaitMs({ 'retry-after': '7' }, now)).toBe(7000);
		expect(requestedWaitMs({ 'Retry-After': '1.5' }, now)).toBe(1500);
	});

	it('reads Retry-After as an HTTP date', () => {
		expect(requestedWaitMs({ 'retry-after': 'Tue, 01 Dec 2026 12:00:30 GMT' }, now)).toBe(30_000);
		expect(requestedWaitMs({ 'retry-after': 'Tue, 01 Dec 2026 11:59:00 GMT' }, now)).toBe(0);
	});

	it("falls back to Azure DevOps' X-RateLimit-Reset (Unix seconds ahead), then X-RateLimit-Delay", () => {
		expect(requestedWaitMs({ 'x-ratelimit-reset': String(now / 1000 + 42) }, now)).toBe(42_000);
		expect(requestedWaitMs({ 'x-ratelimit-reset': String(now / 1000 - 5), 'x-ratelimit-delay': '2.5' }, now)).toBe(2500);
		expect(requestedWaitMs({ 'retry-after': '3', 'x-ratelimit-reset': String(now / 1000 + 42) }, now)).toBe(3000);
	});

	it('has nothing to say without those headers, or with nonsense in them', () => {
		expect(requestedWaitMs({}, now)).toBeUndefined();
		expect(requestedWaitMs(undefined, now)).toBeUndefined();
		expect(requestedWaitMs({ 'retry-after': 'soon' }, now)).toBeUndefined();
	});
});

describe('backoffMs', () => {
	it('doubles from the base up to the cap, with half of each wait random', () => {
		const random = retryClock.random;
		try {
			retryClock.random = () => 0;
			expect([1, 2, 3, 4, 5, 6, 9].map(backoffMs)).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
			retryClock.random = () => 1;
			expect([1, 2, 5, 9].map(backoffMs)).toEqual([1000, 2000, 16000, RETRY_POLICY.backoffCapMs]);
		} finally {
			retryClock.random = random;
		}
	});
});

describe('retryTransient', () => {
	it('repeats the steps after transient failures, waiting as asked or backing off, and returns the success', async () => {
		const waits: number[] = [];
		const sleep = jest.spyOn(retryClock, 'sleep').mockImplementation(async (ms) => void waits.push(ms));
		try {
			const call = jest.fn().mockRejectedValueOnce(failure(503)).mockRejectedValueOnce(failure(429, 9000)).mockResolvedValue('ok');
			await expect(retryTransient(call)).resolves.toBe('ok');
			expect(waits).toEqual([backoffMs(1), 9000]);
			expect(call).toHaveBeenCalledTimes(3);
		} finally {
			sleep.mockRestore();
		}
	});

	it('throws the last failure when the next wait would pass the deadline', async () => {
		const last = failure(429, 20_000);
		const call = jest.fn().mockRejectedValueOnce(failure(503)).mockRejectedValue(last);
		await expect(retryTransient(call, 10_000)).rejects.toBe(last);
		expect(call).toHaveBeenCalledTimes(2);
	});

	it('gives up after the most attempts the policy allows', async () => {
		const call = jest.fn().mockRejectedValue(failure(502));
		await expect(retryTransient(call, 3_600_000)).rejects.toBeInstanceOf(NodeApiError);
		expect(call).toHaveBeenCalledTimes(RETRY_POLICY.maxAttempts);
	});

	it('throws a refusal at once', async () => {
		const call = jest.fn().mockRejectedValue(failure(403));
		await expect(retryTransient(call)).rejects.toBeInstanceOf(NodeApiError);
		expect(call).toHaveBeenCalledTimes(1);
	});
});
