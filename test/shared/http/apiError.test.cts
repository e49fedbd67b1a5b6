import { inspect } from 'node:util';

import { NodeApiError, NodeHelpers } from 'n8n-workflow';

import {
	apiError,
	describeFailure,
	serviceMessage,
	unreachableError,
	type ServiceAdvice,
} from '../../../nodes/shared/http/apiError';
import { sendAuthenticated } from '../../../nodes/shared/http/sendAuthenticated';
import { isPlainHttp, plainHttpNotice } from '../../../nodes/shared/http/plainHttp';
import { executeContext, hookContext } from '../../helpers/contexts';

const advice: ServiceAdvice = {
	service: 'Tracker',
	credentials: 'Check the token.',
	permission: 'Give the token the scope "read".',
	notFound: 'Check the project.',
	rateLimit: 'Wait a minute.',
	byStatus: { 409: (remote) => ({ message: `Conflict: ${remote ?? 'none'}`, description: 'Read it again.' }) },
};

describe('describeFailure', () => {
	it.each([
		[401, 'Tracker did not accept the credentials (HTTP 401) during GET /x', 'Check the token.'],
		[403, 'Tracker denied access (HTTP 403) during GET /x: no way', 'Give the token the scope "read".'],
		[404, 'Tracker found nothing (HTTP 404) during GET /x: no way', 'Check the project.'],
		[429, 'Tracker is limiting the rate of requests (HTTP 429) during GET /x', 'Wait a minute.'],
		[503, 'Tracker answered HTTP 503 during GET /x: no way', 'Tracker had a problem; retry later.'],
		[422, 'Tracker answered HTTP 422 during GET /x: no way', 'Correct the request as the message says.'],
		[409, 'Conflict: no way', 'Read it again.'],
	])('words HTTP %i with the advice for it', (status, message, description) => {
		expect(describeFailure(advice, status, 'no way', 'GET /x')).toEqual({ message, description });
	});

	it('says when the service gave no reason', () => {
		expect(describeFailure(advice, 400)).toEqual({ message: 'Tracker answered HTTP 400', description: 'Tracker gave no reason.' });
	});
});

describe('serviceMessage', () => {
	it('reads the usual fields, trimmed and bounded, and ignores HTML pages', () => {
		expect(serviceMessage({ message: ' bad ' })).toBe('bad');
		expect(serviceMessage({ status: 0, info: 'workspace_id is required' })).toBe('workspace_id is required');
		expect(serviceMessage({ title: 'Not Found', detail: 'No such project' })).toBe('No such project');
		expect(serviceMessage('x'.repeat(500))).toHaveLength(300);
		expect(serviceMessage('<html><body>Sign in</body></html>')).toBeUndefined();
		expect(serviceMessage(undefined)).toBeUndefined();
	});
});

describe('apiError', () => {
	it('carries the status and words, and drops a `code` that would replace them', () => {
		const error = apiError(executeContext().context.getNode(), 404, { message: 'Gone', description: 'Look elsewhere.' }, { code: 'E1', detail: 'x' });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error).toMatchObject({ message: 'Gone', description: 'Look elsewhere.', httpCode: '404' });
	});
});

describe('unreachableError and sendAuthenticated', () => {
	const token = 'Bearer secret-token-value-123';
	// What an HTTP client throws for a network failure: the request, headers and all, rides along.
	const networkFailure = () =>
		Object.assign(new Error('getaddrinfo ENOTFOUND tracker.example'), {
			code: 'ENOTFOUND',
			config: { headers: { Authorization: token } },
			cause: { request: { headers: { authorization: token } } },
		});

	it('keeps only the code and message of the failure', () => {
		const error = unreachableError(executeContext().context.getNode(), 'Tracker', 'https://tracker.example', networkFailure(), 'Check the URL.');
		expect(error).toMatchObject({ message: 'Could not reach Tracker at https://tracker.example' });
		expect(error.description).toBe('ENOTFOUND: getaddrinfo ENOTFOUND tracker.example. Check the URL.');
		expect(inspect(error, { depth: 10 })).not.toContain('secret-token-value');
	});

	it('says a failure before any answer that is not a network failure as it is, without a doubled period', () => {
		const error = unreachableError(executeContext().context.getNode(), 'Tracker', 'https://tracker.example', new Error('The app token was refused.'), 'Check the client ID.');
		expect(error).toMatchObject({ message: 'The request to Tracker failed: The app token was refused', description: 'Check the client ID.' });
	});

	it('returns any answer whole, and turns a network failure into a clean error', async () => {
		const http = jest.fn().mockResolvedValueOnce({ statusCode: 404, body: 'x', headers: {} }).mockRejectedValueOnce(networkFailure());
		const { context } = executeContext({ http });
		const destination = { service: 'Tracker', base: 'https://tracker.example', fix: 'Check the URL.' };
		await expect(sendAuthenticated(context, 'trackerApi', { url: '/x' }, destination)).resolves.toMatchObject({ statusCode: 404 });
		expect(http.mock.calls[0][1]).toMatchObject({ url: '/x', returnFullResponse: true, ignoreHttpStatusErrors: true });
		const failure = await sendAuthenticated(context, 'trackerApi', { url: '/x' }, destination).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(NodeApiError);
		expect(inspect(failure, { depth: 10 })).not.toContain('secret-token-value');
	});

	it('withholds a message that quotes a credential value or an Authorization value', () => {
		const node = executeContext().context.getNode();
		const quoting = unreachableError(node, 'Tracker', 'https://tracker.example', Object.assign(new Error('bad header: Bearer abcdefgh12345'), { code: 'ERR_INVALID_CHAR' }), 'Check.');
		expect(quoting.description).toBe('ERR_INVALID_CHAR: details withheld because they quote a credential. Check.');
		const secret = unreachableError(node, 'Tracker', 'https://tracker.example', new Error('refused pw-123456'), 'Check.', ['pw-123456']);
		expect(secret.message).toBe('The request to Tracker failed: details withheld because they quote a credential');
		expect(inspect(secret, { depth: Infinity, showHidden: true })).not.toContain('pw-123456');
	});

	it('ignores a code that is not a short word', () => {
		const error = unreachableError(executeContext().context.getNode(), 'Tracker', 'https://t.example', { message: 'x', code: 'E NOPE <script>' }, 'Check.');
		expect(error.message).toBe('The request to Tracker failed: x');
	});
});

describe('plain-HTTP warnings', () => {
	const answer = { statusCode: 200, body: '', headers: {} };
	const destination = (base: string) => ({ service: 'Tracker', base, fix: 'Check the URL.' });

	it('adds one execution hint per node run when an action node calls a plain-HTTP base, never blocking', async () => {
		const http = jest.fn().mockResolvedValue(answer);
		const { context, mock } = executeContext({ http });
		const addExecutionHints = jest.fn();
		Object.assign(mock, { addExecutionHints });
		await sendAuthenticated(context, 'trackerApi', { url: '/a' }, destination('http://tracker.internal'));
		await sendAuthenticated(context, 'trackerApi', { url: '/b' }, destination('http://tracker.internal'));
		expect(http).toHaveBeenCalledTimes(2);
		expect(addExecutionHints).toHaveBeenCalledTimes(1);
		expect(addExecutionHints).toHaveBeenCalledWith({
			type: 'warning',
			location: 'outputPane',
			message: expect.stringMatching(/^Tracker is called over plain HTTP \(http:\/\/tracker\.internal\): the credential's token or password travels unencrypted/),
		});
	});

	it('logs a warning instead where n8n has no hints (a trigger publishing), and stays quiet for https', async () => {
		const http = jest.fn().mockResolvedValue(answer);
		const hook = hookContext({ http });
		await sendAuthenticated(hook.context, 'trackerApi', { url: '/a' }, destination('HTTP://tracker.internal'));
		expect(hook.mock.logger.warn).toHaveBeenCalledTimes(1);
		const secure = hookContext({ http });
		await sendAuthenticated(secure.context, 'trackerApi', { url: '/a' }, destination('https://tracker.example'));
		expect(secure.mock.logger.warn).not.toHaveBeenCalled();
	});
});

describe('plainHttpNotice', () => {
	it('shows a credential-form notice only while the URL field starts with http://', () => {
		const notice = plainHttpNotice('baseUrl');
		expect(notice).toMatchObject({ type: 'notice', name: 'baseUrlPlainHttpNotice' });
		// n8n's own display logic, as the credential form runs it.
		const shown = (baseUrl: string) => NodeHelpers.displayParameter({ baseUrl }, notice, null, null);
		expect(['http://tapd.corp', 'HTTP://x', ' http://x'].map(shown)).toEqual([true, true, true]);
		expect(['https://api.tapd.cn', 'httpx://x', ''].map(shown)).toEqual([false, false, false]);
		expect(isPlainHttp('http://x')).toBe(true);
		expect(isPlainHttp('https://x')).toBe(false);
	});
});
