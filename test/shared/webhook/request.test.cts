import {
	resolveWebhookDescriptionField,
	webhookDescriptionIsNativelyResolvable,
	type INode,
} from 'n8n-workflow';

import { AzureDevOpsTrigger } from '../../../nodes/AzureDevOps/AzureDevOpsTrigger.node';
import { TapdTrigger } from '../../../nodes/Tapd/TapdTrigger.node';
import { TestanyTrigger } from '../../../nodes/Testany/TestanyTrigger.node';
import { TestManagerTrigger } from '../../../nodes/TestManager/TestManagerTrigger.node';
import { headerValue, readRawBody } from '../../../nodes/shared/webhook/request';
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

describe('headerValue', () => {
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
