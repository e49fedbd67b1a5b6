import {
	NodeOperationError,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import type { ZodTypeAny, z } from 'zod';

import { describeIssues } from '../schema';

/** A request this package refuses, with the HTTP status and a short message that is safe to send back. */
export class WebhookRequestError extends Error {
	constructor(
		readonly statusCode: 400 | 401 | 403 | 404 | 413 | 415,
		message: string,
	) {
		super(message);
		this.name = 'WebhookRequestError';
	}
}

/**
 * Answers the request directly and starts no execution. Messages are fixed, short strings chosen by the
 * caller: never the received body, header or secret.
 */
export function answerWithoutExecution(
	context: IWebhookFunctions,
	statusCode: number,
	message: string,
): IWebhookResponseData {
	context.getResponseObject().status(statusCode).json({ message });
	return { noWebhookResponse: true };
}

/** Turns a refused request into its HTTP answer, logging the reason without any request content. */
export function refuse(
	context: IWebhookFunctions,
	error: WebhookRequestError,
): IWebhookResponseData {
	context.logger.debug(
		`${context.getNode().type}: refused a delivery (${error.statusCode}): ${error.message}`,
	);
	return answerWithoutExecution(context, error.statusCode, error.message);
}

/**
 * Runs a trigger's delivery handler: a {@link WebhookRequestError} thrown anywhere in it becomes a 4xx answer
 * with no execution, so each trigger reads as a straight line of checks.
 */
export async function handleDelivery(
	context: IWebhookFunctions,
	handler: () => Promise<IWebhookResponseData> | IWebhookResponseData,
): Promise<IWebhookResponseData> {
	try {
		return await handler();
	} catch (error) {
		if (error instanceof WebhookRequestError) return refuse(context, error);
		throw new NodeOperationError(context.getNode(), error as Error);
	}
}

/** Refuses the request with 401 unless the caller's check passed. */
export function assertAuthorized(authorized: boolean): void {
	if (!authorized) throw new WebhookRequestError(401, 'Unauthorized');
}

/** Validates a parsed body against the contract's schema; a mismatch is a 400 naming the first problems. */
export function parseWithSchema<S extends ZodTypeAny>(schema: S, body: unknown): z.output<S> {
	const parsed = schema.safeParse(body);
	if (!parsed.success) {
		throw new WebhookRequestError(400, `Invalid payload: ${describeIssues(parsed.error, 3)}`);
	}
	return parsed.data;
}
