import { NodeOperationError } from 'n8n-workflow';

import { pastedUrl, pastedUrlWebhookMethods } from '../../../nodes/shared/webhook/pastedUrl';
import { isRepeatDelivery } from '../../../nodes/shared/webhook/repeats';
import { hookContext, webhookContext } from '../../helpers/contexts';

describe('pastedUrl', () => {
	it('never claims the webhook exists, so every publish checks the secret', () => {
		expect(pastedUrl.exists()).toBe(false);
	});

	it('publishes with a strong secret and refuses a weak one, saying where to fix it', () => {
		const { context } = hookContext();
		expect(pastedUrl.publish(context, 'k'.repeat(24), 'set it in X')).toBe(true);
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
		const strong = hookContext({ credentials: { token: 't'.repeat(32) } });
		expect(await methods.checkExists.call(strong.context)).toBe(false);
		expect(await methods.create.call(strong.context)).toBe(true);
		expect(strong.mock.getCredentials).toHaveBeenCalledWith('someWebhookApi');
		const weak = hookContext({ credentials: { token: 'short' } });
		await expect(methods.create.call(weak.context)).rejects.toThrow(/set a longer token$/);
		expect(await methods.delete.call(weak.context)).toBe(true);
	});
});
