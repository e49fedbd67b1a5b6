import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { apiError } from '../../../nodes/shared/http/apiError';
import { retryClock } from '../../../nodes/shared/http/retry';
import { REGISTRATION_DEADLINE_MS, notListening, registerOrExplain } from '../../../nodes/shared/webhook/registration';
import { hookContext } from '../../helpers/contexts';

const { context } = hookContext();
const node = context.getNode();

describe('registerOrExplain', () => {
	it('returns what the steps return, after riding out transient failures', async () => {
		const steps = jest.fn().mockRejectedValueOnce(apiError(node, 503, { message: 'down' })).mockResolvedValue(true);
		await expect(registerOrExplain(context, 'TAPD', steps)).resolves.toBe(true);
		expect(steps).toHaveBeenCalledTimes(2);
	});

	it('waits as the service asked (a 429 with Retry-After) before trying the steps again, within the deadline', async () => {
		const limited = apiError(node, 429, { message: 'limited' });
		limited.context.retryAfterMs = 6_000;
		const steps = jest.fn().mockRejectedValueOnce(limited).mockResolvedValue('id-1');
		const started = retryClock.now();
		await expect(registerOrExplain(context, 'Azure DevOps', steps)).resolves.toBe('id-1');
		expect(retryClock.now() - started).toBeGreaterThanOrEqual(6_000);
		const tooLong = apiError(node, 429, { message: 'limited' });
		tooLong.context.retryAfterMs = REGISTRATION_DEADLINE_MS + 1;
		const once = jest.fn().mockRejectedValue(tooLong);
		await expect(registerOrExplain(context, 'Azure DevOps', once)).rejects.toThrow('The trigger is not listening');
		expect(once).toHaveBeenCalledTimes(1);
	});

	it('says that the trigger is not listening and how to get it back after an outage', async () => {
		const steps = jest.fn().mockRejectedValue(apiError(node, 503, { message: 'TAPD answered HTTP 503 during GET /webhook_settings.' }));
		const started = retryClock.now();
		const error = (await registerOrExplain(context, 'TAPD', steps).catch((e: unknown) => e)) as NodeApiError;
		// Backing off 0.75, 1.5 and 3 s: the next wait (6 s) would pass the 10 s deadline.
		expect(steps).toHaveBeenCalledTimes(4);
		expect(retryClock.now() - started).toBeLessThanOrEqual(REGISTRATION_DEADLINE_MS);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('503');
		expect(error.message).toBe('The trigger is not listening: registering it in TAPD failed (TAPD answered HTTP 503 during GET /webhook_settings)');
		expect(error.description).toBe(
			"TAPD could not be reached or was overloaded, even after retries. When it answers again, publish the workflow again; while n8n still shows it as published (n8n 2.x), the TAPD node's Check Webhooks operation (with an n8n API credential) can re-publish it.",
		);
	});
});

describe('notListening', () => {
	it("keeps a refusal's advice and adds the step after it", () => {
		const refusal = apiError(node, 403, { message: 'TAPD denied access (HTTP 403)', description: 'Give the app the webhook scope.' });
		const error = notListening(context, 'TAPD', refusal);
		expect(error).toBe(refusal);
		expect(error.description).toBe('Give the app the webhook scope. Then publish the workflow again.');
	});

	it('wraps anything else in a NodeOperationError', () => {
		const error = notListening(context, 'Azure DevOps', new Error('boom.'));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('The trigger is not listening: registering it in Azure DevOps failed (boom)');
		expect(error.description).toBe('Then publish the workflow again.');
	});
});
