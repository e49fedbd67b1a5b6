import type {
	IAdditionalCredentialOptions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INode,
	NodeApiError,
} from 'n8n-workflow';

import { apiError, unreachableError } from './apiError';
import type { ApiContext } from './context';
import { warnIfPlainHttp } from './plainHttp';
import { redirectSentence, sendWithinOrigin, type RefusedRedirect } from './redirects';
import { sendWithRetry, type RetryOptions } from './sendWithRetry';

/** The one door through which every node of this package calls a service with a credential. */

export interface Destination {
	service: string;
	base: string;
	/** What to check when the service cannot be reached. */
	fix: string;
	/** The credential's secret values: an error message that quotes one is withheld. */
	secrets?: readonly string[];
	/** Whether the request may be repeated, and the account's quota (./sendWithRetry.ts). */
	retry?: RetryOptions;
}

/**
 * Sends one request with the credential and returns the full response, whatever its status: the caller
 * judges it. A redirect is followed only within the service's origin; one to another origin fails
 * ({@link redirectRefused}) without the credential going there. Each request, a followed redirect included, is
 * sent under the retry policy (./sendWithRetry.ts). A request that gets no answer becomes
 * {@link unreachableError}; a plain-HTTP base is warned about ({@link warnIfPlainHttp}).
 */
export async function sendAuthenticated(
	context: ApiContext,
	credentialType: string,
	options: IHttpRequestOptions,
	destination: Destination,
	additionalCredentialOptions?: IAdditionalCredentialOptions,
): Promise<IN8nHttpFullResponse> {
	warnIfPlainHttp(context, destination.service, destination.base);
	/** One request as given, under the retry policy (n8n follows no redirect: see ./redirects.ts). */
	const sendOnce = async (request: IHttpRequestOptions): Promise<IN8nHttpFullResponse> => {
		try {
			return await sendWithRetry(
				context,
				request,
				destination.retry,
				async (attempt) =>
					(await context.helpers.httpRequestWithAuthentication.call(
						context,
						credentialType,
						attempt,
						additionalCredentialOptions,
					)) as IN8nHttpFullResponse,
			);
		} catch (error) {
			throw unreachableError(
				context.getNode(),
				destination.service,
				destination.base,
				error,
				destination.fix,
				destination.secrets,
			);
		}
	};
	return await sendWithinOrigin(
		sendOnce,
		{ ...options, returnFullResponse: true, ignoreHttpStatusErrors: true },
		(redirect) => redirectRefused(context.getNode(), destination, redirect),
	);
}

/** A redirect that was not followed: where it pointed, and what to check. */
export function redirectRefused(
	node: INode,
	destination: Destination,
	redirect: RefusedRedirect,
): NodeApiError {
	const { service } = destination;
	const message = `${service} ${redirectSentence(redirect)}; the request was not sent there`;
	const description =
		redirect.reason === 'tooMany'
			? `${destination.fix} A loop of redirects usually means a proxy or gateway in front of ${service}.`
			: `The credential is only ever sent to ${redirect.from}. ${destination.fix} If ${service} moved to ${redirect.to}, enter that address in the credential; a single sign-on gateway, a proxy or a sign-in page in front of ${service} answers this way too.`;
	return apiError(node, redirect.status, { message, description });
}
