import { NodeOperationError, sleep, type IDataObject, type IHookFunctions } from 'n8n-workflow';

import { SUBSCRIPTIONS } from '../api/subscriptions';
import { CREDENTIAL_TYPE, azureDevOpsApiRequest } from '../transport';
import { TEST_NOTIFICATION_HEADER, testNotificationToken } from './authentication';
import { subscriptionBody, type GeneratedSecrets, type WantedSubscription } from './subscription';

/** How long publishing waits for the result of a test notification, and how often it asks. */
export const TEST_NOTIFICATION_WAIT = { timeoutMs: 20_000, intervalMs: 1_000 };

/** Results of a notification that has finished (docs/contracts/azure-devops.md, "Test notifications"). */
const NOTIFICATION_DONE = new Set(['succeeded', 'failed']);

/**
 * Asks Azure DevOps to send a test notification through the new subscription (`POST
 * _apis/hooks/testnotifications`, docs/contracts/azure-devops.md "Test notifications") and waits for its
 * result. The test carries the subscription's own credentials plus a marker header, so that the trigger
 * answers it without starting an execution. A failed delivery stops publishing with Azure DevOps' reason;
 * no result within the wait is logged, not fatal.
 */
export async function sendTestNotification(
	context: IHookFunctions,
	wanted: WantedSubscription,
	subscription: { id: string; secrets: GeneratedSecrets },
): Promise<void> {
	const { personalAccessToken } = await context.getCredentials(CREDENTIAL_TYPE);
	const token = testNotificationToken(
		String(personalAccessToken ?? ''),
		wanted.webhookUrl,
		Date.now(),
	);
	// The subscription's own body, plus the marker header, as the test's details.
	const details = subscriptionBody(wanted, subscription.secrets);
	const inputs = details.consumerInputs as Record<string, string>;
	inputs.httpHeaders += `\n${TEST_NOTIFICATION_HEADER}:${token}`;
	let notification = await azureDevOpsApiRequest<IDataObject>(context, {
		method: 'POST',
		path: '_apis/hooks/testnotifications',
		body: { subscriptionId: subscription.id, details },
		scope: 'serviceHooks',
	});
	const id = notification?.id;
	const deadline = Date.now() + TEST_NOTIFICATION_WAIT.timeoutMs;
	while (!NOTIFICATION_DONE.has(String(notification?.result)) && id !== undefined) {
		if (Date.now() >= deadline) {
			context.logger.warn(
				`Azure DevOps Trigger: the test notification ${String(id)} had no result after ${TEST_NOTIFICATION_WAIT.timeoutMs / 1000} s; publishing continues`,
			);
			return;
		}
		await sleep(TEST_NOTIFICATION_WAIT.intervalMs);
		notification = await azureDevOpsApiRequest<IDataObject>(context, {
			method: 'GET',
			path: `${SUBSCRIPTIONS}/${encodeURIComponent(subscription.id)}/notifications/${encodeURIComponent(String(id))}`,
			scope: 'serviceHooks',
		});
	}
	if (notification?.result !== 'failed') return;
	const outcome = (notification.details ?? {}) as IDataObject;
	const reason = [outcome.errorMessage, outcome.errorDetail]
		.filter((text) => typeof text === 'string' && text.trim())
		.join(' ');
	throw new NodeOperationError(
		context.getNode(),
		`Azure DevOps could not deliver a test notification to this workflow${reason ? `: ${reason}` : ''}`,
		{
			description: `Check that Azure DevOps can reach ${wanted.webhookUrl} (firewall, proxy, TLS certificate, n8n's WEBHOOK_URL), then publish again. Turn off "Send Test Notification on Publish" to publish without the test.`,
		},
	);
}
