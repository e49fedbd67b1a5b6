import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { DEFAULT_HEADER_NAME } from '../../../credentials/TestManagerWebhookApi.credentials';
import { isPrototypeKey } from '../../shared/http/json';
import { assertAuthorized } from '../../shared/webhook/answer';
import { hmacSha256Matches, secretsEqual } from '../../shared/webhook/auth';
import { headerValue, readRawBody, type RequestHeaders } from '../../shared/webhook/request';
import { weakSecretReason } from '../../shared/webhook/secrets';

/**
 * How a Test Manager delivery proves where it comes from (docs/contracts/test-manager.md): the WebHook
 * connection's Authentication Header Type and Secret, in a header Test Manager does not name.
 */

export interface WebhookSecretSettings {
	authenticationHeaderType: 'clientSecret' | 'hmacSha256';
	secret: string;
	headerName: string;
}

/** The Test Manager Webhook Secret credential's settings; a missing header type or name takes its default. */
export function webhookSecretSettings(credentials: IDataObject): WebhookSecretSettings {
	return {
		authenticationHeaderType:
			credentials.authenticationHeaderType === 'clientSecret' ? 'clientSecret' : 'hmacSha256',
		secret: typeof credentials.secret === 'string' ? credentials.secret : '',
		headerName:
			typeof credentials.headerName === 'string' && credentials.headerName.trim()
				? credentials.headerName.trim()
				: DEFAULT_HEADER_NAME,
	};
}

/**
 * Whether a Client Secret header carries the secret: verbatim, or after a `Bearer ` or `Basic ` scheme that
 * some senders put in front of a secret. Both comparisons always run, in constant time.
 */
export function clientSecretMatches(received: string | undefined, secret: string): boolean {
	const bare = received?.replace(/^(?:Bearer|Basic)\s+/i, '');
	const verbatim = secretsEqual(received, secret);
	const afterScheme = secretsEqual(bare, secret);
	return verbatim || afterScheme;
}

/** Headers that authenticate somebody: never copied into an item, whatever the options say. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

/**
 * Headers that describe a request without authenticating anybody: the content type, the sender's agent,
 * request and trace ids, and Test Manager's own `x-uipath-*` headers. Gateways in front of n8n add headers
 * of their own (`x-api-key`, `cf-access-client-secret`, …) that may be secrets: those are left out unless
 * the user asks for every header.
 */
const USEFUL_HEADERS = new Set([
	'content-type',
	'user-agent',
	'x-request-id',
	'x-correlation-id',
	'request-id',
	'traceparent',
]);

const isUseful = (name: string): boolean => USEFUL_HEADERS.has(name) || name.startsWith('x-uipath-');

/**
 * The request headers an item may show: the useful ones (or, with `includeAll`, every one), never the
 * authentication header, `Authorization`, `Proxy-Authorization` or cookies.
 */
export function visibleHeaders(
	headers: RequestHeaders,
	authHeaderName: string,
	includeAll = false,
): IDataObject {
	const authHeader = authHeaderName.toLowerCase();
	const result: IDataObject = {};
	for (const [rawName, value] of Object.entries(headers)) {
		const name = rawName.toLowerCase();
		if (value === undefined || name === authHeader || SECRET_HEADERS.has(name)) continue;
		if (isPrototypeKey(name) || !(includeAll || isUseful(name))) continue;
		result[name] = value;
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
		refuseUnless(usable && clientSecretMatches(received, settings.secret));
		return await readRawBody(request);
	}
	const rawBody = await readRawBody(request);
	refuseUnless(usable && hmacSha256Matches(rawBody, settings.secret, received));
	return rawBody;
}
