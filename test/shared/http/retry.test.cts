import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { apiError, unreachableError } from '../../../nodes/shared/http/apiError';
import { isTransientFailure, retryTransient } from '../../../nodes/shared/http/retry';

const node = { id: '1', name: 'Trigger', type: 'x', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
const failure = (status: number) => apiError(node, status, { message: `HTTP ${status}` });

describe('isTransientFailure', () => {
	it.each([408, 429, 500, 502, 503, 504])('retries HTTP %i', (status) => {
		expect(isTransientFailure(failure(status))).toBe(true);
	});

	it.each([400, 401, 403, 404, 409, 410, 422])('does not retry HTTP %i', (status) => {
		expect(isTransientFailure(failure(status))).toBe(false);
	});

	it('retries a call that got no answer (network), not one whose credential refused its token request', () => {
		const network = unreachableError(node, 'TAPD', 'https://api.tapd.cn', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'Check.');
		const refused = unreachableError(node, 'TAPD', 'https://api.tapd.cn', new Error('invalid client'), 'Check.');
		expect(isTransientFailure(network)).toBe(true);
		expect(isTransientFailure(refused)).toBe(false);
		expect(isTransientFailure(new NodeOperationError(node, 'No project is selected'))).toBe(false);
		expect(isTransientFailure(new Error('boom'))).toBe(false);
	});
});

describe('retryTransient', () => {
	it('waits the given delays between attempts and returns the first success', async () => {
		const waits: number[] = [];
		const call = jest.fn().mockRejectedValueOnce(failure(503)).mockRejectedValueOnce(failure(429)).mockResolvedValue('ok');
		await expect(retryTransient(call, [10, 20, 40], async (ms) => void waits.push(ms))).resolves.toBe('ok');
		expect(waits).toEqual([10, 20]);
		expect(call).toHaveBeenCalledTimes(3);
	});

	it('throws the last failure once the delays are used up', async () => {
		const last = failure(502);
		const call = jest.fn().mockRejectedValueOnce(failure(503)).mockRejectedValueOnce(failure(503)).mockRejectedValue(last);
		await expect(retryTransient(call, [1, 1], async () => {})).rejects.toBe(last);
		expect(call).toHaveBeenCalledTimes(3);
	});

	it('throws a refusal at once', async () => {
		const call = jest.fn().mockRejectedValue(failure(403));
		await expect(retryTransient(call, [1, 1, 1], async () => {})).rejects.toBeInstanceOf(NodeApiError);
		expect(call).toHaveBeenCalledTimes(1);
	});
});
