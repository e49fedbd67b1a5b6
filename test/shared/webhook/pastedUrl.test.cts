import { NodeOperationError } from 'n8n-workflow';

import { matchesPastedSecret, pastedUrl, pastedUrlWebhookMethods } from '../../../nodes/shared/webhook/pastedUrl';
import { isRepeatDelivery } from '../../../nodes/shared/webhook/repeats';
import { hookContext, webhookContext } from '../../helpers/contexts';

describe('pastedUrl', () => {
	it('never claims the webhook exists, so every publish checks the secret', () => {
		expect(pastedUrl.exists()).toBe(false);
	});

	it('publishes with a strong secret and refuses a weak one, saying where to fix it', () => {
		const { context } = hookContext();
		expect(pastedUrl.publish(context, '7f3c9e1a5b2d8f4c6e0a9b3d', 'set it in X')).toBe(true);
		expect(() => pastedUrl.publish(context, 'k'.repeat(24), 'set it in X')).toThrow(/^The secret uses only 1 different character; .*: set it in X$/);
		expect(() => pastedUrl.publish(context, 'short', 'set it in X')).toThrow(NodeOperationError);
		expect(() => pastedUrl.publish(context, 'short', 'set it in X')).toThrow(/: set it in X$/);
	});

	it("forgets the trigger's test deliveries on delete(), never its production ones", () => {
		const scope = { workflowId: 'wf-pasted', nodeId: 'n-pasted' };
		const production = webhookContext({}, scope).context;
		const test = webhookContext({}, { ...scope, mode: 'manual' }).context;
		isRepeatDelivery(production, 'a');
		isRepeatDelivery(test, 'a');
		// n8n calls delete() alike when a test session ends and on unpublish (docs/n8n.md).
		expect(pastedUrl.unpublish(hookContext(scope).context)).toBe(true);
		expect(isRepeatDelivery(production, 'a')).toBe(true);
		expect(isRepeatDelivery(test, 'a')).toBe(false);
	});
});

describe('pastedUrlWebhookMethods', () => {
	const methods = pastedUrlWebhookMethods({ credential: 'someWebhookApi', field: 'token', whereToFix: 'set a longer token' });

	it('reads the secret from the named credential field when publishing', async () => {
		const strong = hookContext({ credentials: { token: 'c4e8a1f60b9d3e7a2c5f81b4d06e9a3f' } });
		expect(await methods.checkExists.call(strong.context)).toBe(false);
		expect(await methods.create.call(strong.context)).toBe(true);
		expect(strong.mock.getCredentials).toHaveBeenCalledWith('someWebhookApi');
		const weak = hookContext({ credentials: { token: 'short' } });
		await expect(methods.create.call(weak.context)).rejects.toThrow(/set a longer token$/);
		expect(await methods.delete.call(weak.context)).toBe(true);
	});
});

describe('matchesPastedSecret', () => {
	const where = { credential: 'someWebhookApi', field: 'token' };
	const token = 'c4e8a1f60b9d3e7a2c5f81b4d06e9a3f';

	it('reads the credential once and compares the received value with its field', async () => {
		const { context, mock } = webhookContext({}, { credentials: { token } });
		expect(await matchesPastedSecret(context, token, where)).toBe(true);
		expect(mock.getCredentials).toHaveBeenCalledTimes(1);
		expect(mock.getCredentials).toHaveBeenCalledWith('someWebhookApi');
		expect(await matchesPastedSecret(context, `${token}0`, where)).toBe(false);
	});

	it('matches nothing while the stored secret is unset, short or over-long, even that value itself', async () => {
		for (const stored of ['', 'short', 'x'.repeat(257)]) {
			const { context } = webhookContext({}, { credentials: { token: stored } });
			expect(await matchesPastedSecret(context, stored, where)).toBe(false);
		}
	});

	it('leaves strength to publishing: a guessable stored secret of a sane length is compared, not judged', async () => {
		const weak = 'ab'.repeat(16);
		const { context } = webhookContext({}, { credentials: { token: weak } });
		expect(await matchesPastedSecret(context, weak, where)).toBe(true);
	});
});
