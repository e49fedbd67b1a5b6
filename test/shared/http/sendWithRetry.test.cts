import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { apiError } from '../../../nodes/shared/http/apiError';
import { RETRY_POLICY, retryClock } from '../../../nodes/shared/http/retry';
import { sendAuthenticated } from '../../../nodes/shared/http/sendAuthenticated';
import {
	OutOfTimeError,
	retryFactsOf,
	sendWithRetry,
	withDeadline,
	withRetryFacts,
} from '../../../nodes/shared/http/sendWithRetry';
import { executeContext } from '../../helpers/contexts';

type Reply = Partial<IN8nHttpFullResponse> | Error;

/** A service answering from a script, recording when (on the virtual clock) and with which timeout each attempt came. */
function service(...replies: Reply[]) {
	const attempts: Array<{ at: number; timeout?: number }> = [];
	const send = jest.fn(async (options: IHttpRequestOptions): Promise<IN8nHttpFullResponse> => {
		attempts.push({ at: retryClock.now(), timeout: options.timeout });
		const reply = replies[Math.min(attempts.length - 1, replies.length - 1)];
		if (reply instanceof Error) throw reply;
		return { statusCode: 200, headers: {}, body: {}, ...reply };
	});
	return { send, attempts };
}

const context = {};
const get: IHttpRequestOptions = { method: 'GET', url: 'https://dev.azure.com/fabrikam/_apis/projects' };
const post: IHttpRequestOptions = { method: 'POST', url: 'https://dev.azure.com/fabrikam/Web/_apis/wit/workitems/$Bug' };
const cut = (code: string) => Object.assign(new Error('socket hang up'), { code });

describe('sendWithRetry: rate limits', () => {
	it('honours Retry-After of a 429: the next attempt comes no sooner than n seconds later, and its answer is returned', async () => {
		const { send, attempts } = service({ statusCode: 429, headers: { 'retry-after': '7' } }, { statusCode: 200, body: { ok: true } });
		const response = await sendWithRetry(context, get, undefined, send);
		expect(response).toMatchObject({ statusCode: 200, body: { ok: true } });
		expect(attempts).toHaveLength(2);
		expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(7000);
		expect(attempts[1].at - attempts[0].at).toBeLessThan(7000 + 100);
	});

	it('retries a creating POST after a 429 exactly once: the service did not take the refused call', async () => {
		const { send } = service({ statusCode: 429, headers: { 'retry-after': '2' } }, { statusCode: 200, body: { id: 7 } });
		await expect(sendWithRetry(context, post, undefined, send)).resolves.toMatchObject({ statusCode: 200 });
		expect(send).toHaveBeenCalledTimes(2);
	});

	it("honours Azure DevOps' X-RateLimit-Reset when there is no Retry-After", async () => {
		const reset = Math.ceil((retryClock.now() + 12_000) / 1000);
		const { send, attempts } = service({ statusCode: 429, headers: { 'x-ratelimit-reset': String(reset) } }, {});
		await sendWithRetry(context, get, undefined, send);
		expect(attempts[1].at).toBeGreaterThanOrEqual(reset * 1000);
	});

	it('returns the 429 at once, saying so, when the wait asked for is beyond the deadline', async () => {
		const { send } = service({ statusCode: 429, headers: { 'retry-after': '3600' } });
		const response = await sendWithRetry(context, get, undefined, send);
		expect(response.statusCode).toBe(429);
		expect(send).toHaveBeenCalledTimes(1);
		expect(retryFactsOf(response)).toEqual({ attempts: 1, waitedMs: 0, refusedWaitMs: 3_600_000 });
		const error = withRetryFacts(apiError({ id: '1', name: 'n', type: 't', typeVersion: 1, position: [0, 0], parameters: {} }, 429, { message: 'limited', description: 'Wait.' }), response);
		expect(error.description).toBe('Wait. Tried 1 times over 0 s of waiting. It asked to wait 3600 s more, beyond the time allowed.');
		expect(error.context.retryAfterMs).toBe(3_600_000);
	});

	it("slows down when Azure DevOps answers 200 with Retry-After: the next request of the account waits that long", async () => {
		const { send, attempts } = service({ statusCode: 200, headers: { 'retry-after': '4' } }, {});
		await sendWithRetry(context, get, undefined, send);
		await sendWithRetry(context, get, undefined, send);
		expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(4000);
		expect(send).toHaveBeenCalledTimes(2);
	});

	it('holds back every request of the account after a 429, not only the refused one', async () => {
		const { send } = service({ statusCode: 429, headers: { 'retry-after': '30' } }, {});
		await sendWithRetry(context, get, undefined, send);
		const other = service({});
		const before = retryClock.now();
		await sendWithRetry(context, { method: 'GET', url: 'https://dev.azure.com/fabrikam/_apis/wit/fields' }, undefined, other.send);
		expect(other.attempts[0].at).toBeGreaterThanOrEqual(before);
		const elsewhere = service({});
		await sendWithRetry(context, { method: 'GET', url: 'https://api.tapd.cn/bugs' }, undefined, elsewhere.send);
		expect(elsewhere.attempts[0].at).toBe(retryClock.now());
	});
});

describe('sendWithRetry: server errors and network failures', () => {
	it('backs off exponentially on 5xx for a repeatable request, then gives up within the deadline with the last answer', async () => {
		const { send, attempts } = service({ statusCode: 502 });
		const response = await sendWithRetry(context, get, undefined, send);
		expect(response.statusCode).toBe(502);
		const gaps = attempts.slice(1).map((attempt, i) => attempt.at - attempts[i].at);
		expect(gaps.length).toBeGreaterThan(2);
		for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThan(gaps[i - 1]);
		expect(attempts[attempts.length - 1].at - attempts[0].at).toBeLessThanOrEqual(RETRY_POLICY.deadlineMs);
		expect(retryFactsOf(response)?.attempts).toBe(attempts.length);
	});

	it('does not send a creating POST again after a 503 or a cut connection: it may have been created', async () => {
		const unavailable = service({ statusCode: 503, headers: { 'retry-after': '1' } });
		await expect(sendWithRetry(context, post, undefined, unavailable.send)).resolves.toMatchObject({ statusCode: 503 });
		expect(unavailable.send).toHaveBeenCalledTimes(1);
		const reset = service(cut('ECONNRESET'));
		await expect(sendWithRetry(context, post, undefined, reset.send)).rejects.toMatchObject({ code: 'ECONNRESET' });
		expect(reset.send).toHaveBeenCalledTimes(1);
	});

	it('repeats a POST that only reads (WIQL, work item batch) when it says so', async () => {
		const { send } = service({ statusCode: 503 }, cut('ECONNRESET'), { statusCode: 200 });
		await expect(sendWithRetry(context, post, { repeatable: true }, send)).resolves.toMatchObject({ statusCode: 200 });
		expect(send).toHaveBeenCalledTimes(3);
	});

	it('repeats even a creating POST when the connection was refused: nothing was sent', async () => {
		const { send } = service(cut('ECONNREFUSED'), { statusCode: 200 });
		await expect(sendWithRetry(context, post, undefined, send)).resolves.toMatchObject({ statusCode: 200 });
		expect(send).toHaveBeenCalledTimes(2);
	});

	it('gives every attempt a timeout, never longer than what is left of the deadline', async () => {
		const { send, attempts } = service({});
		await sendWithRetry(context, get, undefined, send);
		expect(attempts[0].timeout).toBe(RETRY_POLICY.attemptTimeoutMs);
		await withDeadline(context, 5_000, async () => await sendWithRetry(context, get, undefined, send));
		expect(attempts[1].timeout).toBe(5_000);
	});
});

describe('sendWithRetry: quotas and deadlines', () => {
	it('keeps the requests of one account within its quota per minute', async () => {
		const { send, attempts } = service({});
		for (let i = 0; i < 7; i++) await sendWithRetry(context, get, { limitKey: 'tapd:acct', perMinute: 3 }, send);
		const times = attempts.map((attempt) => attempt.at - attempts[0].at);
		for (let i = 3; i < times.length; i++) expect(times[i] - times[i - 3]).toBeGreaterThanOrEqual(60_000);
		expect(times.slice(0, 3)).toEqual([0, 0, 0]);
	});

	it('queues concurrent requests of one account in the quota, each with its own slot', async () => {
		const { send, attempts } = service({});
		await Promise.all(Array.from({ length: 4 }, async () => await sendWithRetry(context, get, { limitKey: 'tapd:b', perMinute: 2 }, send)));
		const times = attempts.map((attempt) => attempt.at).sort((a, b) => a - b);
		expect(times[2] - times[0]).toBeGreaterThanOrEqual(60_000);
		expect(times[3] - times[1]).toBeGreaterThanOrEqual(60_000);
	});

	it('refuses to start a request that its quota would hold past the deadline', async () => {
		const { send } = service({});
		await sendWithRetry(context, get, { limitKey: 'tapd:c', perMinute: 1 }, send);
		await expect(
			withDeadline(context, 10_000, async () => await sendWithRetry(context, get, { limitKey: 'tapd:c', perMinute: 1 }, send)),
		).rejects.toBeInstanceOf(OutOfTimeError);
		expect(send).toHaveBeenCalledTimes(1);
	});
});

describe('sendAuthenticated applies the policy to every transport', () => {
	it('repeats a 429 through n8n\'s helper, as one call to the caller', async () => {
		const http = jest
			.fn()
			.mockResolvedValueOnce({ statusCode: 429, headers: { 'retry-after': '1' }, body: {} })
			.mockResolvedValueOnce({ statusCode: 200, headers: {}, body: { value: [] } });
		const { context: ctx } = executeContext({ http });
		const response = await sendAuthenticated(ctx, 'azureDevOpsApi', get, { service: 'Azure DevOps', base: 'https://dev.azure.com/fabrikam', fix: 'Check.' });
		expect(response.statusCode).toBe(200);
		expect(http).toHaveBeenCalledTimes(2);
		expect(http.mock.calls[1][1]).toMatchObject({ returnFullResponse: true, ignoreHttpStatusErrors: true, timeout: RETRY_POLICY.attemptTimeoutMs });
	});

	it('says that the rate limit, not the network, stopped a request held past its deadline', async () => {
		const http = jest.fn().mockResolvedValue({ statusCode: 200, headers: {}, body: {} });
		const { context: ctx } = executeContext({ http });
		const destination = { service: 'TAPD', base: 'https://api.tapd.cn', fix: 'Check.', retry: { limitKey: 'tapd:d', perMinute: 1 } };
		await sendAuthenticated(ctx, 'tapdApi', get, destination);
		const error = await withDeadline(ctx, 5_000, async () => await sendAuthenticated(ctx, 'tapdApi', get, destination)).catch((e: unknown) => e);
		expect(error).toMatchObject({
			message: "TAPD was not called: the time allowed for this request (5 s) ran out while the service's rate limit held it back",
			context: { unreachable: true },
		});
	});
});
