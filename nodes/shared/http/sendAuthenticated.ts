import type {
	IAdditionalCredentialOptions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import { unreachableError } from './apiError';
import type { ApiContext } from './context';
import { warnIfPlainHttp } from './plainHttp';
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
 * judges it. The retry policy applies (./sendWithRetry.ts). A request that gets no answer becomes
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
	try {
		return await sendWithRetry(
			context,
			options,
			destination.retry,
			async (attempt) =>
				(await context.helpers.httpRequestWithAuthentication.call(
					context,
					credentialType,
					{ ...attempt, returnFullResponse: true, ignoreHttpStatusErrors: true },
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
}
