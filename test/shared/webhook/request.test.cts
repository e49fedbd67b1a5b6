import {
	resolveWebhookDescriptionField,
	webhookDescriptionIsNativelyResolvable,
	type INode,
} from 'n8n-workflow';

import { AzureDevOpsTrigger } from '../../../nodes/AzureDevOps/AzureDevOpsTrigger.node';
import { TapdTrigger } from '../../../nodes/Tapd/TapdTrigger.node';
import { TestanyTrigger } from '../../../nodes/Testany/TestanyTrigger.node';
import { TestManagerTrigger } from '../../../nodes/TestManager/TestManagerTrigger.node';
import { KPI_PATH } from '../../../nodes/TestManager/trigger/payload';
import {
	bodySizeLimit,
	bodySizeOption,
	headerValue,
	readRawBody,
} from '../../../nodes/shared/webhook/request';
import { webhookContext } from '../../helpers/contexts';

describe('readRawBody', () => {
	it('reads the bytes through n8n', async () => {
		const { req } = webhookContext({ body: 'abc' });
		await expect(readRawBody(req as never)).resolves.toEqual(Buffer.from('abc'));
	});

	it('maps n8n payload-limit failures to 413 and other read failures to 400', async () => {
		const tooLarge = webhookContext({ readError: { type: 'entity.too.large' } }).req;
		const aborted = webhookContext({ readError: { type: 'request.aborted' } }).req;
		await expect(readRawBody(tooLarge as never)).rejects.toMatchObject({ statusCode: 413 });
		await expect(readRawBody(aborted as never)).rejects.toMatchObject({ statusCode: 400 });
	});
});

describe('readRawBody with a limit', () => {
	it('refuses a body declared larger than the limit before reading it', async () => {
		const { req } = webhookContext({ body: 'x'.repeat(10), headers: { 'content-length': '2048' } });
		await expect(readRawBody(req as never, 1024)).rejects.toMatchObject({
			statusCode: 413,
			message: 'Request body is too large (over 1 KB)',
		});
		expect(req.readRawBody).not.toHaveBeenCalled();
	});

	it('refuses a body sent without a length (chunked) once read, before it is parsed', async () => {
		const { req } = webhookContext({ body: 'x'.repeat(1025) });
		await expect(readRawBody(req as never, 1024)).rejects.toMatchObject({ statusCode: 413 });
	});

	it('reads a body within the limit, and ignores a malformed declared length', async () => {
		expect(
			await readRawBody(
				webhookContext({ body: 'x'.repeat(1024), headers: { 'content-length': '1024' } })
					.req as never,
				1024,
			),
		).toHaveLength(1024);
		expect(
			await readRawBody(
				webhookContext({ body: 'abc', headers: { 'content-length': '1e9' } }).req as never,
				1024,
			),
		).toEqual(Buffer.from('abc'));
	});
});

describe('bodySizeLimit', () => {
	it('reads Max Body Size (KB) from Additional Options, or takes the default', () => {
		const limit = (additionalOptions: Record<string, unknown>) =>
			bodySizeLimit(webhookContext({}, { parameters: { additionalOptions } }).context, 1024);
		expect(limit({})).toBe(1024 * 1024);
		expect(limit({ maxBodySizeKb: 64 })).toBe(64 * 1024);
		expect(limit({ maxBodySizeKb: 0 })).toBe(1024 * 1024);
		expect(bodySizeOption(1024, 'd')).toMatchObject({
			name: 'maxBodySizeKb',
			type: 'number',
			default: 1024,
		});
	});
});

describe('headerValue', () => {
	it('reads only headers the request carries, never an inherited property', () => {
		expect(headerValue({}, 'toString')).toBeUndefined();
		expect(headerValue({}, 'constructor')).toBeUndefined();
	});

	it('reads a header whatever the case of its name, and the first of repeated ones', () => {
		expect(headerValue({ 'x-token': 'a' }, 'X-Token')).toBe('a');
		expect(headerValue({ 'x-token': ['a', 'b'] }, 'x-token')).toBe('a');
		expect(headerValue({}, 'x-token')).toBeUndefined();
	});
});

describe('webhook descriptions', () => {
	const triggers = [
		new TestanyTrigger(),
		new TestManagerTrigger(),
		new TapdTrigger(),
		new AzureDevOpsTrigger(),
	];

	it("hold no expression n8n would evaluate for every request: each field is a literal or read natively from the node's parameters", () => {
		for (const trigger of triggers) {
			for (const webhook of trigger.description.webhooks ?? []) {
				// The one exception: Test Manager's Defect KPIs path names its parameter after the node's webhook id
				// (KPI_PATH), which no parameter holds; n8n evaluates it once per request (docs/performance.md).
				const { path, ...rest } = webhook;
				if (trigger instanceof TestManagerTrigger && path === KPI_PATH) {
					expect(webhookDescriptionIsNativelyResolvable(rest as typeof webhook)).toBe(true);
					continue;
				}
				expect(webhookDescriptionIsNativelyResolvable(webhook)).toBe(true);
			}
		}
	});

	it("resolve Test Manager's answer mode from the parameter the user picked", () => {
		const node = {
			parameters: { responseMode: 'lastNode', events: ['createDefect'] },
		} as unknown as INode;
		for (const webhook of new TestManagerTrigger().description.webhooks ?? []) {
			expect(resolveWebhookDescriptionField(node, webhook, 'responseMode')).toEqual({
				resolved: true,
				value: 'lastNode',
			});
			expect(webhook.responseMode).toBe('={{$parameter["responseMode"]}}'); // what the editor and older n8n versions read
		}
	});
});
