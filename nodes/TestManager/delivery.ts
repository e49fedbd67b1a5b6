import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { hmacSha256Matches, secretsEqual } from '../shared/webhook/auth';
import { weakSecretReason } from '../shared/webhook/secrets';
import { headerValue, type RequestHeaders } from '../shared/webhook/request';
import { readRawBody } from '../shared/webhook/request';
import { assertAuthorized } from '../shared/webhook/answer';

/** The path under the trigger's webhook id; Test Manager's Payload URL ends with it. */
export const BASE_PATH = 'testmanager';

export type TestManagerEvent = 'createDefect' | 'defectKpi';

export interface WebhookSecretSettings {
	authenticationHeaderType: 'clientSecret' | 'hmacSha256';
	secret: string;
	headerName: string;
}

export function webhookSecretSettings(credentials: IDataObject): WebhookSecretSettings {
	return {
		authenticationHeaderType:
			credentials.authenticationHeaderType === 'clientSecret' ? 'clientSecret' : 'hmacSha256',
		secret: typeof credentials.secret === 'string' ? credentials.secret : '',
		headerName:
			typeof credentials.headerName === 'string' && credentials.headerName.trim()
				? credentials.headerName.trim()
				: 'X-UiPath-Signature',
	};
}

/** Headers that authenticate somebody: never copied into an item. */
const SECRET_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

/** The request headers minus every header that could carry a secret, including the configured one. */
export function visibleHeaders(headers: RequestHeaders, authHeaderName: string): IDataObject {
	const hidden = new Set([...SECRET_HEADERS, authHeaderName.toLowerCase()]);
	const result: IDataObject = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined || hidden.has(name.toLowerCase())) continue;
		result[name.toLowerCase()] = value;
	}
	return result;
}

/**
 * Authenticates a delivery exactly as the connection is configured and returns its raw body. A Client
 * Secret is checked before the body is read; an HMAC needs the bytes. Refusals are 401s (thrown by the
 * shared layer); the debug log names the headers received, never their values, to help find the header.
 */
export async function authenticatedBody(
	context: IWebhookFunctions,
	settings: WebhookSecretSettings,
): Promise<Buffer> {
	const request = context.getRequestObject();
	const received = headerValue(request.headers, settings.headerName);
	const refuseUnless = (ok: boolean) => {
		if (!ok) {
			context.logger.debug(
				`UiPath Test Manager Trigger: refused a delivery (${received === undefined ? `no ${settings.headerName} header` : `${settings.headerName} does not match`}); headers received: ${Object.keys(request.headers).join(', ')}`,
			);
		}
		assertAuthorized(ok);
	};
	const usable = weakSecretReason(settings.secret) === undefined;
	if (settings.authenticationHeaderType === 'clientSecret') {
		refuseUnless(usable && secretsEqual(received, settings.secret));
		return await readRawBody(request);
	}
	const rawBody = await readRawBody(request);
	refuseUnless(usable && hmacSha256Matches(rawBody, settings.secret, received));
	return rawBody;
}

/** The part of the request path after the base URL Test Manager was given ('' for Create Defect). */
export function pathAfterBase(requestPath: string): string {
	const marker = `/${BASE_PATH}`;
	const at = requestPath.indexOf(marker);
	if (at < 0) return requestPath;
	return requestPath.slice(at + marker.length).replace(/^\/+/, '');
}
