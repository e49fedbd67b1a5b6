import { NodeApiError, NodeOperationError, type IHookFunctions } from 'n8n-workflow';

import { isTransientFailure, retryTransient } from '../http/retry';
import { withDeadline } from '../http/sendWithRetry';

/**
 * How long one registration attempt may keep trying (every request inside included) before it says the
 * trigger is not listening: the shared retry policy within this deadline (nodes/shared/http/retry.ts). n8n
 * runs `create` up to five times 1, 2, 4 and 8 s apart, so publishing rides out an outage of about a minute.
 */
export const REGISTRATION_DEADLINE_MS = 10_000;

/**
 * How a trigger that registers itself with a service (TAPD, Azure DevOps) publishes: the steps are repeated
 * while the service is briefly unreachable or limiting the rate (waiting as it asks, within
 * {@link REGISTRATION_DEADLINE_MS}), and a failure that remains says plainly that the trigger is not
 * listening. n8n 2.x then removes the webhook and records the message in the workflow's publication status (the
 * workflow still shows as published); n8n 1.x refuses the activation with the description, and the workflow stays
 * unpublished. Neither tries again by itself (docs/n8n.md, "Webhook lifecycle"; docs/n8n-versions.md).
 */
export async function registerOrExplain<T>(
	context: IHookFunctions,
	service: string,
	steps: () => Promise<T>,
): Promise<T> {
	try {
		return await withDeadline(
			context,
			REGISTRATION_DEADLINE_MS,
			async () => await retryTransient(steps, REGISTRATION_DEADLINE_MS),
		);
	} catch (error) {
		throw notListening(context, service, error);
	}
}

/**
 * The failure of a registration, worded as what it means for the user: no deliveries until it is redone.
 * n8n's own errors keep their kind and status; their message gains the consequence, their description what
 * to do.
 */
export function notListening(
	context: IHookFunctions,
	service: string,
	error: unknown,
): NodeApiError | NodeOperationError {
	const known = error instanceof NodeApiError || error instanceof NodeOperationError;
	const failure = known ? error : new NodeOperationError(context.getNode(), error as Error);
	const cause = failure.message.replace(/\.$/, '');
	failure.message = `The trigger is not listening: registering it in ${service} failed (${cause})`;
	failure.description = isTransientFailure(error)
		? `${service} could not be reached or was overloaded, even after retries. When it answers again, publish the workflow again; while n8n still shows it as published (n8n 2.x), the ${service} node's Check Webhooks operation (with an n8n API credential) can re-publish it.`
		: `${failure.description ? `${failure.description} ` : ''}Then publish the workflow again.`;
	return failure;
}
