import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import {
	answerWithoutExecution,
	assertAuthorized,
	handleDelivery,
	parseWithSchema,
	WebhookRequestError,
} from '../../../nodes/shared/webhook/answer';
import { webhookContext } from '../../helpers/contexts';

describe('handleDelivery', () => {
	it('passes an accepted delivery through', async () => {
		const { context, answer } = webhookContext({});
		const result = await handleDelivery(context, () => ({ workflowData: [[{ json: { ok: true } }]] }));
		expect(result).toEqual({ workflowData: [[{ json: { ok: true } }]] });
		expect(answer.statusCode).toBeUndefined();
	});

	it('answers a refusal itself, with its status and message, and starts no execution', async () => {
		const { context, answer, logger } = webhookContext({});
		const result = await handleDelivery(context, () => {
			assertAuthorized(false);
			return {};
		});
		expect(result).toEqual({ noWebhookResponse: true });
		expect(answer).toEqual({ statusCode: 401, body: { message: 'Unauthorized' } });
		expect(logger.debug).toHaveBeenCalledWith(expect.stringContaining('(401)'));
	});

	it('turns an unexpected failure into a NodeOperationError', async () => {
		const { context } = webhookContext({});
		await expect(
			handleDelivery(context, () => {
				throw new TypeError('boom');
			}),
		).rejects.toBeInstanceOf(NodeOperationError);
	});
});

describe('answerWithoutExecution', () => {
	it('writes the JSON answer and tells n8n not to answer again', () => {
		const { context, answer } = webhookContext({});
		expect(answerWithoutExecution(context, 200, 'Accepted')).toEqual({ noWebhookResponse: true });
		expect(answer).toEqual({ statusCode: 200, body: { message: 'Accepted' } });
	});
});

describe('parseWithSchema', () => {
	const schema = z.object({ id: z.string().uuid(), count: z.number().int() });

	it('returns the validated value', () => {
		const id = '8c0f5c1e-8f0b-4c3e-9d55-8e7a4a1f2c01';
		expect(parseWithSchema(schema, { id, count: 2 })).toEqual({ id, count: 2 });
	});

	it('refuses with 400 and a path-qualified, bounded message', () => {
		expect(() => parseWithSchema(schema, { id: 'x', count: 1.5 })).toThrow(WebhookRequestError);
		try {
			parseWithSchema(schema, { id: 'x', count: 1.5 });
		} catch (error) {
			expect(error).toMatchObject({ statusCode: 400, message: 'Invalid payload: id: Invalid uuid; count: Expected integer, received float' });
		}
	});
});
