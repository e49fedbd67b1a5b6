import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha256';

import {
	authenticatedBody,
	visibleHeaders,
	webhookSecretSettings,
	type WebhookSecretSettings,
} from '../../../nodes/TestManager/trigger/authentication';
import { WebhookRequestError } from '../../../nodes/shared/webhook/answer';
import { webhookContext } from '../../helpers/contexts';

const SECRET = 'tm-webhook-secret-0123456789abcdef';
const HMAC: WebhookSecretSettings = { authenticationHeaderType: 'hmacSha256', secret: SECRET, headerName: 'X-UiPath-Signature' };
const CLIENT_SECRET: WebhookSecretSettings = { authenticationHeaderType: 'clientSecret', secret: SECRET, headerName: 'X-TM-Secret' };
const BODY = '{"testExecutionId":"e","testCaseId":"c"}';

/** The expected signature comes from an independent HMAC implementation, not from the code under test. */
const sign = (body: string, encoding: 'hex' | 'base64' = 'hex', key = SECRET) =>
	Buffer.from(hmac(sha256, key, body)).toString(encoding);

async function authenticate(settings: WebhookSecretSettings, headers: Record<string, string>, body = BODY) {
	const delivery = webhookContext({ body, headers });
	const outcome = await authenticatedBody(delivery.context, settings).then(
		(raw) => ({ raw: raw.toString('utf8') }),
		(error: unknown) => ({ error }),
	);
	return { ...delivery, outcome };
}

const refused = { error: new WebhookRequestError(401, 'Unauthorized') };

describe('webhookSecretSettings', () => {
	it('reads the credential, defaulting to HMACSHA256 in X-UiPath-Signature', () => {
		expect(webhookSecretSettings({ secret: SECRET })).toEqual(HMAC);
		expect(webhookSecretSettings({ authenticationHeaderType: 'clientSecret', secret: SECRET, headerName: ' X-TM-Secret ' })).toEqual(
			CLIENT_SECRET,
		);
		expect(webhookSecretSettings({ headerName: '  ' })).toEqual({ ...HMAC, secret: '' });
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
		const { outcome } = await authenticate({ ...HMAC, secret: 'short' }, { 'X-UiPath-Signature': sign(BODY, 'hex', 'short') });
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

	it('refuses the secret in another header than the configured one, and a weak stored secret', async () => {
		expect((await authenticate(CLIENT_SECRET, { 'X-UiPath-Signature': SECRET })).outcome).toEqual(refused);
		const weak = { ...CLIENT_SECRET, secret: 'short' };
		expect((await authenticate(weak, { 'X-TM-Secret': 'short' })).outcome).toEqual(refused);
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
