import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha256';
import type { IDataObject } from 'n8n-workflow';

import {
	authenticatedBody,
	authenticationHeader,
	visibleHeaders,
	wellFormedHeader,
	type AuthenticationHeader,
} from '../../../nodes/TestManager/trigger/authentication';
import { WebhookRequestError } from '../../../nodes/shared/webhook/answer';
import { webhookContext } from '../../helpers/contexts';

const SECRET = 'tm-webhook-secret-0123456789abcdef';
const HMAC: AuthenticationHeader = { authenticationHeaderType: 'hmacSha256', headerName: 'X-UiPath-Signature' };
const CLIENT_SECRET: AuthenticationHeader = { authenticationHeaderType: 'clientSecret', headerName: 'X-TM-Secret' };
const BODY = '{"testExecutionId":"e","testCaseId":"c"}';

/** The expected signature comes from an independent HMAC implementation, not from the code under test. */
const sign = (body: string, encoding: 'hex' | 'base64' = 'hex', key = SECRET) =>
	Buffer.from(hmac(sha256, key, body)).toString(encoding);

async function authenticate(
	header: AuthenticationHeader,
	headers: Record<string, string>,
	body = BODY,
	secret = SECRET,
	limit = 64 * 1024,
) {
	const delivery = webhookContext({ body, headers }, { credentials: { secret } });
	const outcome = await authenticatedBody(delivery.context, header, limit).then(
		(raw) => ({ raw: raw.toString('utf8') }),
		(error: unknown) => ({ error }),
	);
	return { ...delivery, outcome };
}

const refused = { error: new WebhookRequestError(401, 'Unauthorized') };

describe('authenticationHeader', () => {
	const read = (parameters: IDataObject) =>
		authenticationHeader(webhookContext({ body: '' }, { parameters }).context);

	it('reads the trigger parameters, defaulting to HMACSHA256 in X-UiPath-Signature', () => {
		expect(read({})).toEqual(HMAC);
		expect(read({ authenticationHeaderType: 'clientSecret', headerName: ' X-TM-Secret ' })).toEqual(CLIENT_SECRET);
		expect(read({ authenticationHeaderType: 'other', headerName: '  ' })).toEqual(HMAC);
	});
});

/** 32 bytes that are no HMAC of anything here: well formed, wrong. */
const WRONG_DIGEST = Buffer.alloc(32, 7);

describe('wellFormedHeader: what is refused before the credential is read', () => {
	it.each([
		['hex', sign(BODY)],
		['upper-case hex', sign(BODY).toUpperCase()],
		['base64', sign(BODY, 'base64')],
		['URL-safe base64 without padding', Buffer.from(WRONG_DIGEST).toString('base64url')],
		['sha256= hex', `sha256=${sign(BODY)}`],
		['SHA256= base64', `SHA256=${sign(BODY, 'base64')}`],
		['a wrong but well-formed digest', WRONG_DIGEST.toString('hex')],
	])('takes an HMAC-SHA256 in %s as well formed', (_what, value) => {
		expect(wellFormedHeader(HMAC, value)).toBe(true);
	});

	it.each([
		['no header', undefined],
		['an empty header', ''],
		['garbage', 'not-a-signature'],
		['63 hex digits', sign(BODY).slice(1)],
		['65 hex digits', `${sign(BODY)}0`],
		['base64 of 31 bytes', Buffer.alloc(31, 7).toString('base64')],
		['base64 of 48 bytes', Buffer.alloc(48, 7).toString('base64')],
		['a prefix alone', 'sha256='],
		['an SHA-1 signature', `sha1=${'a'.repeat(40)}`],
	])('takes %s as a malformed HMAC-SHA256', (_what, value) => {
		expect(wellFormedHeader(HMAC, value)).toBe(false);
	});

	it.each([
		['a secret of the minimum length', 'x'.repeat(24)],
		['a secret after Bearer', `Bearer ${SECRET}`],
		['a secret after basic', `basic ${SECRET}`],
	])('takes %s as a well-formed client secret', (_what, value) => {
		expect(wellFormedHeader(CLIENT_SECRET, value)).toBe(true);
	});

	it.each([
		['no header', undefined],
		['an empty header', ''],
		['a secret one character short', 'x'.repeat(23)],
		['a scheme alone', 'Bearer '],
		['a short secret after a scheme', 'Basic x'],
	])('takes %s as a malformed client secret', (_what, value) => {
		expect(wellFormedHeader(CLIENT_SECRET, value)).toBe(false);
	});
});

describe('authenticatedBody: refusals before the credential', () => {
	it.each([
		['a missing HMAC header', HMAC, {}],
		['a malformed HMAC signature', HMAC, { 'X-UiPath-Signature': 'not-a-signature' }],
		['a truncated HMAC signature', HMAC, { 'X-UiPath-Signature': sign(BODY).slice(2) }],
		['a missing client secret', CLIENT_SECRET, {}],
		['a too-short client secret', CLIENT_SECRET, { 'X-TM-Secret': SECRET.slice(0, 23) }],
		['a scheme without a secret', CLIENT_SECRET, { 'X-TM-Secret': 'Bearer ' }],
	] as const)('refuses %s with 401 without reading the credential or the body', async (_what, header, headers) => {
		const { outcome, mock, req } = await authenticate(header, headers);
		expect(outcome).toEqual(refused);
		expect(mock.getCredentials).not.toHaveBeenCalled();
		expect(req.readRawBody).not.toHaveBeenCalled();
	});

	it('reads the credential once for a well-formed header, and accepts the right one', async () => {
		for (const [header, headers] of [
			[HMAC, { 'X-UiPath-Signature': sign(BODY) }],
			[CLIENT_SECRET, { 'X-TM-Secret': SECRET }],
		] as const) {
			const { outcome, mock } = await authenticate(header, headers);
			expect(outcome).toEqual({ raw: BODY });
			expect(mock.getCredentials).toHaveBeenCalledTimes(1);
			expect(mock.getCredentials).toHaveBeenCalledWith('testManagerWebhookApi');
		}
	});

	it('refuses a wrong but well-formed signature or secret after reading the credential', async () => {
		for (const [header, headers] of [
			[HMAC, { 'X-UiPath-Signature': WRONG_DIGEST.toString('hex') }],
			[HMAC, { 'X-UiPath-Signature': sign(BODY, 'base64', 'some-other-secret-of-enough-length') }],
			[CLIENT_SECRET, { 'X-TM-Secret': `Bearer ${'y'.repeat(SECRET.length)}` }],
		] as const) {
			const { outcome, mock } = await authenticate(header, headers);
			expect(outcome).toEqual(refused);
			expect(mock.getCredentials).toHaveBeenCalledTimes(1);
		}
	});

	it('logs a malformed header by name, never its value', async () => {
		const { logger } = await authenticate(HMAC, { 'X-UiPath-Signature': 'not-a-signature' });
		const logged = logger.debug.mock.calls.map((call: unknown[]) => String(call[0])).join('\n');
		expect(logged).toContain('X-UiPath-Signature is not a well-formed HMAC-SHA256 signature');
		expect(logged).not.toContain('not-a-signature');
	});
});

describe('authenticatedBody: HMACSHA256', () => {
	it.each([
		['hex', sign(BODY)],
		['base64', sign(BODY, 'base64')],
		['sha256= hex', `sha256=${sign(BODY)}`],
		['sha256= base64', `sha256=${sign(BODY, 'base64')}`],
	])('accepts a %s signature of the raw body and returns the body', async (_what, signature) => {
		const { outcome } = await authenticate(HMAC, { 'X-UiPath-Signature': signature });
		expect(outcome).toEqual({ raw: BODY });
	});

	it.each([
		['a wrong key', sign(BODY, 'hex', 'some-other-secret-of-enough-length')],
		['a signature of another body', sign('{"other":true}')],
		['garbage', 'not-a-signature'],
	])('refuses %s with 401', async (_what, signature) => {
		const { outcome } = await authenticate(HMAC, { 'X-UiPath-Signature': signature });
		expect(outcome).toEqual(refused);
	});

	it('refuses a missing header and logs the header names received, never their values', async () => {
		const { outcome, logger } = await authenticate(HMAC, { 'x-other': 'value-123' });
		expect(outcome).toEqual(refused);
		const logged = logger.debug.mock.calls.map((call: unknown[]) => String(call[0])).join('\n');
		expect(logged).toContain('no X-UiPath-Signature header');
		expect(logged).toContain('x-other');
		expect(logged).not.toContain('value-123');
	});

	it('logs a signature that does not match without showing it', async () => {
		const signature = sign('other');
		const { logger } = await authenticate(HMAC, { 'X-UiPath-Signature': signature });
		const logged = logger.debug.mock.calls.map((call: unknown[]) => String(call[0])).join('\n');
		expect(logged).toContain('X-UiPath-Signature does not match');
		expect(logged).not.toContain(signature);
	});

	it('refuses a correctly signed delivery when the stored secret is too short', async () => {
		const { outcome } = await authenticate(HMAC, { 'X-UiPath-Signature': sign(BODY, 'hex', 'short') }, BODY, 'short');
		expect(outcome).toEqual(refused);
	});
});

describe('authenticatedBody: Client Secret', () => {
	it('accepts the secret in the configured header', async () => {
		const { outcome } = await authenticate(CLIENT_SECRET, { 'X-TM-Secret': SECRET });
		expect(outcome).toEqual({ raw: BODY });
	});

	it.each([
		['Bearer ', `Bearer ${SECRET}`],
		['Basic ', `Basic ${SECRET}`],
		['a lower-case scheme', `bearer ${SECRET}`],
	])('tolerates the secret after %s', async (_what, value) => {
		const { outcome } = await authenticate(CLIENT_SECRET, { 'X-TM-Secret': value });
		expect(outcome).toEqual({ raw: BODY });
	});

	it.each([
		['another scheme', `Token ${SECRET}`],
		['a scheme without the secret', 'Bearer '],
		['a wrong secret after the scheme', `Bearer ${SECRET}x`],
		['the scheme glued to the secret', `Bearer${SECRET}`],
	])('refuses %s', async (_what, value) => {
		const { outcome } = await authenticate(CLIENT_SECRET, { 'X-TM-Secret': value });
		expect(outcome).toEqual(refused);
	});

	it('refuses a wrong secret before reading the body', async () => {
		const { outcome, req } = await authenticate(CLIENT_SECRET, { 'X-TM-Secret': `${SECRET}x` });
		expect(outcome).toEqual(refused);
		expect(req.readRawBody).not.toHaveBeenCalled();
	});

	it('refuses the secret in another header than the configured one, and a stored secret that is unset or over-long', async () => {
		expect((await authenticate(CLIENT_SECRET, { 'X-UiPath-Signature': SECRET })).outcome).toEqual(refused);
		expect((await authenticate(CLIENT_SECRET, { 'X-TM-Secret': '' }, BODY, '')).outcome).toEqual(refused);
		const overLong = 'k'.repeat(257);
		expect((await authenticate(CLIENT_SECRET, { 'X-TM-Secret': overLong }, BODY, overLong)).outcome).toEqual(refused);
	});

	it('refuses a client-secret header longer than any secret with its scheme before the credential is read', () => {
		const header = { authenticationHeaderType: 'clientSecret', headerName: 'X-TM-Secret' } as const;
		expect(wellFormedHeader(header, `Bearer ${'k'.repeat(256)}`)).toBe(true);
		expect(wellFormedHeader(header, 'k'.repeat(264))).toBe(false);
	});
});

describe('visibleHeaders', () => {
	it('drops every header that could carry a secret, including the configured one, whatever its case', () => {
		expect(
			visibleHeaders(
				{
					'content-type': 'application/json',
					'x-uipath-signature': 'sig',
					authorization: 'Bearer abc',
					'proxy-authorization': 'Basic x',
					cookie: 'session=1',
					'user-agent': 'TestManager',
					'x-absent': undefined,
				},
				'X-UiPath-Signature',
			),
		).toEqual({ 'content-type': 'application/json', 'user-agent': 'TestManager' });
	});

	const useful = {
		'content-type': 'application/json',
		'user-agent': 'TestManager/1.0',
		'x-request-id': 'r-1',
		'x-correlation-id': 'c-1',
		'request-id': 'q-1',
		traceparent: '00-abc-def-01',
		'x-uipath-tenant': 'DefaultTenant',
	};
	// Gateways in front of n8n add headers of their own; some are secrets.
	const received = {
		...useful,
		'x-uipath-signature': 'the-signature',
		'x-api-key': 'gateway-key',
		'cf-access-client-secret': 'cloudflare-secret',
		'x-amz-security-token': 'aws-token',
		'x-forwarded-for': '10.0.0.1',
		authorization: 'Bearer abc',
		'proxy-authorization': 'Basic x',
		cookie: 'session=1',
	};

	it('shows only an allowlist by default: content type, user agent, request ids and x-uipath-* minus the auth header', () => {
		expect(visibleHeaders(received, 'X-UiPath-Signature')).toEqual(useful);
	});

	it('shows every header when asked, still never the auth header, Authorization or cookies', () => {
		const all = visibleHeaders({ ...received, 'X-TM-Secret': 'the-secret' }, 'x-tm-secret', true);
		expect(all).toMatchObject({ 'x-api-key': 'gateway-key', 'x-forwarded-for': '10.0.0.1', 'x-uipath-signature': 'the-signature' });
		for (const hidden of ['x-tm-secret', 'authorization', 'proxy-authorization', 'cookie']) expect(all).not.toHaveProperty(hidden);
		expect(visibleHeaders(JSON.parse('{"__proto__":"x","constructor":"y","a":"1"}'), 'x', true)).toEqual({ a: '1' });
	});
});

describe('authenticatedBody: the body limit', () => {
	const big = JSON.stringify({ padding: 'a'.repeat(2000) });

	it('refuses a body declared over the limit with 413 before the credential is read, in both modes', async () => {
		for (const [header, headers] of [
			[HMAC, { 'X-UiPath-Signature': sign(big), 'Content-Length': String(big.length) }],
			[CLIENT_SECRET, { 'X-TM-Secret': SECRET, 'Content-Length': String(big.length) }],
		] as const) {
			const { outcome, mock } = await authenticate(header, headers, big, SECRET, 1024);
			expect(outcome).toEqual({ error: new WebhookRequestError(413, 'Request body is too large (over 1 KB)') });
			expect(mock.getCredentials).not.toHaveBeenCalled();
		}
	});

	it('refuses a chunked body over the limit with 413 before it is hashed', async () => {
		const { outcome } = await authenticate(HMAC, { 'X-UiPath-Signature': sign(big) }, big, SECRET, 1024);
		expect(outcome).toEqual({ error: new WebhookRequestError(413, 'Request body is too large (over 1 KB)') });
		expect((await authenticate(HMAC, { 'X-UiPath-Signature': sign(big) }, big, SECRET, 4096)).outcome).toEqual({ raw: big });
	});
});
