import { NodeApiError, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';

import { networkCode } from './retry';

/**
 * How every node of this package reports a failed API call: a NodeApiError built from the status, the
 * service's own message and advice for the user, never from the request or the HTTP client's error (both
 * hold the token or the client secret).
 */

/** A failed call in the user's words: what happened and what to do. */
export interface FailureText {
	message: string;
	description?: string;
}

/** What to tell a user of one service, by the status of a failed call. */
export interface ServiceAdvice {
	/** The service's name as users know it, e.g. "Azure DevOps". */
	service: string;
	/** 401: what to check in the credential. */
	credentials: string;
	/** 403: the permission or scope the call needs. */
	permission: string;
	/** 404: what to check. */
	notFound: string;
	/** 429: how to wait or spread the work. */
	rateLimit: string;
	/** Statuses with words of their own, e.g. a conflict. */
	byStatus?: Partial<Record<number, (serviceMessage?: string) => FailureText>>;
}

/** The message an error body carries: ProblemDetails, `{message}`, TAPD's `{info}`, or plain text. */
export function serviceMessage(body: unknown): string | undefined {
	if (typeof body === 'string') {
		return /^\s*</.test(body) ? undefined : body.trim().slice(0, 300) || undefined; // not an HTML page
	}
	if (!body || typeof body !== 'object') return undefined;
	const fields = body as IDataObject;
	for (const key of ['message', 'info', 'detail', 'title', 'error_description', 'error']) {
		const value = fields[key];
		if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 300);
	}
	// OData services (Azure DevOps Analytics) answer `{ error: { code, message } }`.
	return fields.error && typeof fields.error === 'object'
		? serviceMessage(fields.error)
		: undefined;
}

/** The one status → message and hint builder; `what` names the call, e.g. "GET /bugs". */
export function describeFailure(
	advice: ServiceAdvice,
	status: number,
	fromService?: string,
	what?: string,
): FailureText {
	const own = advice.byStatus?.[status];
	if (own) return own(fromService);
	const { service } = advice;
	const during = what ? ` during ${what}` : '';
	const quoted = fromService ? `: ${fromService}` : '';
	switch (status) {
		case 401:
			return {
				message: `${service} did not accept the credentials (HTTP 401)${during}`,
				description: advice.credentials,
			};
		case 403:
			return {
				message: `${service} denied access (HTTP 403)${during}${quoted}`,
				description: advice.permission,
			};
		case 404:
			return {
				message: `${service} found nothing (HTTP 404)${during}${quoted}`,
				description: advice.notFound,
			};
		case 429:
			return {
				message: `${service} is limiting the rate of requests (HTTP 429)${during}`,
				description: advice.rateLimit,
			};
		default:
			return {
				message: `${service} answered HTTP ${status}${during}${quoted}`,
				description:
					status >= 500
						? `${service} had a problem; retry later.`
						: fromService
							? 'Correct the request as the message says.'
							: `${service} gave no reason.`,
			};
	}
}

/** A NodeApiError from a status and words only; `details` is the service's answer, never the request. */
export function apiError(
	node: INode,
	status: number | undefined,
	text: FailureText,
	details: JsonObject = {},
): NodeApiError {
	const httpCode = status === undefined ? undefined : String(status);
	// No `code` key: n8n would replace our message with a generic one.
	const response = Object.fromEntries(Object.entries(details).filter(([key]) => key !== 'code'));
	return new NodeApiError(
		node,
		{ ...response, message: text.message, ...(httpCode ? { httpCode } : {}) },
		{ message: text.message, description: text.description, httpCode },
	);
}

/** What an HTTP client's message may quote of a request: an Authorization value (scheme and token). */
const QUOTED_AUTHORIZATION = /\b(?:basic|bearer|token)\s+[\w+/=.~-]{8,}/i;

/** The error's own words, unless they quote a credential value or an Authorization header. */
function reasonOf(message: unknown, secrets: readonly string[]): string {
	if (typeof message !== 'string') return '';
	const quotesCredential =
		QUOTED_AUTHORIZATION.test(message) ||
		secrets.some((secret) => secret.length >= 4 && message.includes(secret));
	return quotesCredential
		? 'details withheld because they quote a credential'
		: message.trim().replace(/\.$/, '');
}

/**
 * A call that got no answer, built from the error's code and message only, never from the request, the
 * HTTP client's error or its `cause` (they hold the token or the client secret); a message that quotes one
 * of `secrets` or an Authorization value is withheld too. A network failure (DNS, TLS, refused, timeout:
 * the error has a code) is "could not reach"; anything else before an answer, such as a credential's
 * refused token request, is said as the failure it is.
 */
export function unreachableError(
	node: INode,
	service: string,
	base: string,
	error: unknown,
	fix: string,
	secrets: readonly string[] = [],
): NodeApiError {
	const { message } = (error ?? {}) as { message?: unknown };
	const code = networkCode(error);
	const reason = reasonOf(message, secrets);
	if (code === 'EDEADLINE') {
		const held = apiError(node, undefined, {
			message: `${service} was not called: ${reason}`,
			description: 'Retry later, or spread the work over a longer time.',
		});
		held.context.unreachable = true; // a rate limit, worth retrying later
		return held;
	}
	if (code !== undefined) {
		const unreachable = apiError(node, undefined, {
			message: `Could not reach ${service} at ${base}`,
			description: `${[code, reason].filter(Boolean).join(': ')}. ${fix}`,
		});
		unreachable.context.unreachable = true; // worth retrying (shared/http/retry.ts)
		return unreachable;
	}
	return apiError(node, undefined, {
		message: `The request to ${service} failed${reason ? `: ${reason}` : ''}`,
		description: fix,
	});
}

/** The values of a credential's secret fields that are set, for {@link unreachableError} to withhold. */
export function secretValues(credentials: IDataObject, fields: readonly string[]): string[] {
	return fields
		.map((field) => credentials[field])
		.filter((value): value is string => typeof value === 'string' && value !== '');
}
