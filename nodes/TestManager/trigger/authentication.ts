import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { isPrototypeKey } from '../../shared/http/json';
import { assertAuthorized } from '../../shared/webhook/answer';
import { decodeSha256Signature, hmacSha256Matches, secretsEqual } from '../../shared/webhook/auth';
import type { PastedUrlSecret } from '../../shared/webhook/pastedUrl';
import {
	assertDeclaredLength,
	headerValue,
	readRawBody,
	type RequestHeaders,
} from '../../shared/webhook/request';
import {
	MAX_SHARED_SECRET_LENGTH,
	MIN_SHARED_SECRET_LENGTH,
	usableSecret,
} from '../../shared/webhook/secrets';

/**
 * How a Test Manager delivery proves where it comes from (docs/contracts/test-manager.md): the WebHook
 * connection's Authentication Header Type and Secret, in a header Test Manager does not name.
 */

/** The Secret of the WebHook connection lives in a credential, entered in Test Manager too, never in a parameter. */
export const PASTED_SECRET: PastedUrlSecret = {
	credential: 'testManagerWebhookApi',
	field: 'secret',
	whereToFix: 'set a longer secret in the credential and in the Test Manager connection',
};

/** The header the signature or secret travels in unless the trigger names another. */
export const DEFAULT_HEADER_NAME = 'X-UiPath-Signature';

export interface AuthenticationHeader {
	authenticationHeaderType: 'clientSecret' | 'hmacSha256';
	headerName: string;
}

/**
 * The trigger's Authentication Header Type and Header Name parameters, each read once; a missing type or
 * an empty name takes its default.
 */
export function authenticationHeader(context: IWebhookFunctions): AuthenticationHeader {
	const type = context.getNodeParameter('authenticationHeaderType', 'hmacSha256');
	const name = context.getNodeParameter('headerName', DEFAULT_HEADER_NAME);
	return {
		authenticationHeaderType: type === 'clientSecret' ? 'clientSecret' : 'hmacSha256',
		headerName: typeof name === 'string' && name.trim() ? name.trim() : DEFAULT_HEADER_NAME,
	};
}

/** The secret of the Test Manager Webhook Secret credential, or '' (which authenticates nobody). */
const webhookSecret = (credentials: IDataObject): string => {
	const secret = credentials[PASTED_SECRET.field];
	return typeof secret === 'string' ? secret : '';
};

/** A Client Secret header's value without the `Bearer ` or `Basic ` scheme some senders put in front. */
const withoutScheme = (received: string): string => received.replace(/^(?:Bearer|Basic)\s+/i, '');

/**
 * Whether a Client Secret header carries the secret: verbatim, or after a `Bearer ` or `Basic ` scheme.
 * Both comparisons always run, in constant time.
 */
export function clientSecretMatches(received: string | undefined, secret: string): boolean {
	const verbatim = secretsEqual(received, secret);
	const afterScheme = secretsEqual(
		received === undefined ? undefined : withoutScheme(received),
		secret,
	);
	return verbatim || afterScheme;
}

/**
 * Whether the header could authenticate a delivery at all, judged without the secret: an HMAC-SHA256 in a
 * form the verifier decodes, or a client secret (as sent, or after its scheme) as long as the credential's
 * shortest secret. What fails here is refused before the credential is read (docs/performance.md).
 */
export function wellFormedHeader(
	header: AuthenticationHeader,
	received: string | undefined,
): received is string {
	if (received === undefined) return false;
	if (header.authenticationHeaderType === 'hmacSha256') {
		return decodeSha256Signature(received) !== undefined;
	}
	// The header as sent is at least as long as the secret after its scheme: its length decides for both.
	return (
		received.length >= MIN_SHARED_SECRET_LENGTH &&
		received.length <= MAX_SHARED_SECRET_LENGTH + 'Bearer '.length
	);
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

const isUseful = (name: string): boolean =>
	USEFUL_HEADERS.has(name) || name.startsWith('x-uipath-');

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
 * Authenticates a delivery exactly as the trigger is configured and returns its raw body, at most `limit`
 * bytes (413 beyond). A missing or malformed header, and a body declared larger than the limit, are refused
 * before the credential is read; a Client Secret is checked before the body is read; an HMAC needs the bytes,
 * read up to the limit before they are hashed. Refusals are 401s (thrown by the shared layer); the debug log
 * names the headers received, never their values, to help find the header.
 */
export async function authenticatedBody(
	context: IWebhookFunctions,
	header: AuthenticationHeader,
	limit: number,
): Promise<Buffer> {
	const request = context.getRequestObject();
	const received = headerValue(request.headers, header.headerName);
	const refuseUnless = (ok: boolean, problem: string) => {
		if (!ok) {
			context.logger.debug(
				`UiPath Test Manager Trigger: refused a delivery (${problem}); headers received: ${Object.keys(request.headers).join(', ')}`,
			);
		}
		assertAuthorized(ok);
	};
	refuseUnless(
		wellFormedHeader(header, received),
		received === undefined
			? `no ${header.headerName} header`
			: `${header.headerName} is not a well-formed ${header.authenticationHeaderType === 'hmacSha256' ? 'HMAC-SHA256 signature' : 'client secret'}`,
	);
	assertDeclaredLength(request.headers, limit);
	const secret = webhookSecret(await context.getCredentials(PASTED_SECRET.credential));
	const usable = usableSecret(secret); // its strength was judged when publishing
	const mismatch = `${header.headerName} does not match`;
	if (header.authenticationHeaderType === 'clientSecret') {
		refuseUnless(usable && clientSecretMatches(received, secret), mismatch);
		return await readRawBody(request, limit);
	}
	const rawBody = await readRawBody(request, limit);
	refuseUnless(usable && hmacSha256Matches(rawBody, secret, received), mismatch);
	return rawBody;
}
