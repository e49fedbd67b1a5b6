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

/**
 * Azure DevOps disables a subscription at once on a 410 Gone (docs/contracts/azure-devops.md, "Retries,
 * probation and timeouts"): no trigger of this package may ever answer it. Every refusal a trigger can make
 * is collected here, and the sources are searched for the number itself.
 */
describe('no trigger ever answers 410 Gone', () => {
	const { readFileSync, readdirSync, statSync } = require('node:fs') as typeof import('node:fs');
	const { join } = require('node:path') as typeof import('node:path');
	const { AzureDevOpsTrigger } = require('../../../nodes/AzureDevOps/AzureDevOpsTrigger.node');
	const { TapdTrigger } = require('../../../nodes/Tapd/TapdTrigger.node');
	const { TestanyTrigger } = require('../../../nodes/Testany/TestanyTrigger.node');
	const { TestManagerTrigger } = require('../../../nodes/TestManager/TestManagerTrigger.node');

	const requests: Array<[string, Parameters<typeof webhookContext>[0]]> = [
		['no credentials', { body: '{}', headers: { 'content-type': 'application/json' } }],
		['wrong credentials', { body: '{"secret":"x"}', headers: { 'content-type': 'application/json', authorization: 'Basic eDp5', 'x-n8n-webhook-secret': 'x', 'x-testany-token': 'x', 'x-uipath-signature': 'x' } }],
		['a body too large', { body: '', headers: { 'content-type': 'application/json' }, readError: { type: 'entity.too.large' } }],
		['an unreadable body', { body: '', headers: { 'content-type': 'application/json' }, readError: { type: 'aborted' } }],
		['malformed JSON', { body: '{"a":', headers: { 'content-type': 'application/json' } }],
		['another content type', { body: '<a/>', headers: { 'content-type': 'application/xml' } }],
	];
	const triggers = [
		['Azure DevOps', new AzureDevOpsTrigger(), { event: 'workitem.updated' }, {}],
		['TAPD', new TapdTrigger(), { registration: 'automatic', events: ['bug::create'] }, {}],
		['Testany', new TestanyTrigger(), { triggerMethods: ['plan'] }, { token: 't'.repeat(32) }],
		['UiPath Test Manager', new TestManagerTrigger(), { events: ['createDefect'], authenticationHeaderType: 'clientSecret', headerName: 'X-TM-Secret' }, { secret: 's'.repeat(32) }],
	] as const;

	it.each(triggers)('%s answers every refusal with a 4xx other than 410', async (_name, trigger, parameters, credentials) => {
		const statuses = new Set<number | undefined>();
		for (const [, request] of requests) {
			const { context, answer } = webhookContext(request, { parameters, credentials, staticData: {} });
			await trigger.webhook.call(context);
			statuses.add(answer.statusCode);
		}
		for (const status of statuses) {
			expect(status).toBeGreaterThanOrEqual(400);
			expect(status).toBeLessThan(500);
			expect(status).not.toBe(410);
		}
	});

	it('no source file of a node names the status 410', () => {
		const files: string[] = [];
		const walk = (dir: string) => {
			for (const name of readdirSync(dir)) {
				const path = join(dir, name);
				if (statSync(path).isDirectory()) walk(path);
				else if (path.endsWith('.ts')) files.push(path);
			}
		};
		walk(join(__dirname, '../../../nodes'));
		expect(files.length).toBeGreaterThan(40);
		for (const file of files) expect([file, readFileSync(file, 'utf8').match(/\b410\b/)]).toEqual([file, null]);
	});
});
