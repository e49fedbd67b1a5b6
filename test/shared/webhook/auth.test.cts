import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha256';

import {
	basicAuthMatches,
	decodeSha256Signature,
	hmacSha256Matches,
	matchesDigest,
	parseBasicAuth,
	plausibleSecret,
	secretDigest,
	secretsEqual,
	tokenFromRequest,
} from '../../../nodes/shared/webhook/auth';

// Expected signatures come from @noble/hashes, an implementation independent of node:crypto.
const oracle = (secret: string, body: string | Buffer) =>
	Buffer.from(hmac(sha256, Buffer.from(secret), typeof body === 'string' ? Buffer.from(body) : body));

describe('secretsEqual', () => {
	it('accepts the same secret and refuses any other', () => {
		expect(secretsEqual('s3cret-value', 's3cret-value')).toBe(true);
		expect(secretsEqual('s3cret-valuE', 's3cret-value')).toBe(false);
		expect(secretsEqual(Buffer.from('abc'), 'abc')).toBe(true);
	});

	it('never throws on a length mismatch and refuses it', () => {
		expect(secretsEqual('short', 'a-much-longer-secret')).toBe(false);
		expect(secretsEqual('', 'x')).toBe(false);
	});

	it('refuses a missing value and never authenticates against an unset secret', () => {
		expect(secretsEqual(undefined, 'x')).toBe(false);
		expect(secretsEqual('x', undefined)).toBe(false);
		expect(secretsEqual('', '')).toBe(false);
	});
});

describe('decodeSha256Signature', () => {
	const digest = oracle('k', 'body');
	const hex = digest.toString('hex');
	const base64 = digest.toString('base64');

	it.each([
		['lower-case hex', hex],
		['upper-case hex', hex.toUpperCase()],
		['sha256= prefixed hex', `sha256=${hex}`],
		['SHA256= prefixed hex', `SHA256=${hex}`],
		['base64', base64],
		['base64 without padding', base64.replace(/=+$/, '')],
		['sha256= prefixed base64', `sha256=${base64}`],
		['base64url', digest.toString('base64url')],
		['surrounding white space', `  ${hex}\t`],
	])('reads %s', (_label, signature) => {
		expect(decodeSha256Signature(signature)).toEqual(digest);
	});

	it.each([undefined, '', 'sha256=', 'not-a-signature', hex.slice(2), `${hex}00`, 'sha1=' + hex, base64.slice(4)])(
		'gives up on %p',
		(signature) => {
			expect(decodeSha256Signature(signature)).toBeUndefined();
		},
	);
});

describe('hmacSha256Matches', () => {
	const secret = 'webhook-secret-0123456789abcdef';
	const body = Buffer.from(JSON.stringify({ testCaseId: 'é中文', n: 1 }));

	it('accepts the oracle signature in hex, base64 and prefixed forms', () => {
		const digest = oracle(secret, body);
		for (const signature of [digest.toString('hex'), digest.toString('base64'), `sha256=${digest.toString('hex')}`]) {
			expect(hmacSha256Matches(body, secret, signature)).toBe(true);
		}
	});

	it('signs the raw bytes: a re-serialised body does not match', () => {
		const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 1));
		expect(hmacSha256Matches(reserialised, secret, oracle(secret, body).toString('hex'))).toBe(false);
	});

	it('refuses a wrong secret, a missing or garbled signature and an empty secret', () => {
		expect(hmacSha256Matches(body, `${secret}x`, oracle(secret, body).toString('hex'))).toBe(false);
		expect(hmacSha256Matches(body, secret, undefined)).toBe(false);
		expect(hmacSha256Matches(body, secret, 'zzzz')).toBe(false);
		expect(hmacSha256Matches(body, '', oracle('', body).toString('hex'))).toBe(false);
	});
});

describe('Basic authentication', () => {
	const header = (user: string, password: string) =>
		`Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

	it('parses user and password, keeping colons in the password', () => {
		expect(parseBasicAuth(header('ado', 'p:a:ss'))).toEqual({ username: 'ado', password: 'p:a:ss' });
		expect(parseBasicAuth(`basic ${Buffer.from('u:').toString('base64')}`)).toEqual({ username: 'u', password: '' });
	});

	it.each([undefined, '', 'Bearer abc', 'Basic', 'Basic !!!', `Basic ${Buffer.from('nocolon').toString('base64')}`])(
		'gives up on %p',
		(value) => {
			expect(parseBasicAuth(value)).toBeUndefined();
		},
	);

	it('matches only when both user and password are right, the password checked against its digest', () => {
		const expected = { username: 'n8n-hook', passwordDigest: Buffer.from(sha256('generated-password-value')).toString('hex') };
		expect(basicAuthMatches(header('n8n-hook', 'generated-password-value'), expected)).toBe(true);
		expect(basicAuthMatches(header('other', 'generated-password-value'), expected)).toBe(false);
		expect(basicAuthMatches(header('n8n-hook', 'wrong'), expected)).toBe(false);
		expect(basicAuthMatches(undefined, expected)).toBe(false);
		expect(basicAuthMatches(header('n8n-hook', 'generated-password-value'), { username: 'n8n-hook', passwordDigest: undefined })).toBe(false);
	});
});

describe('secretDigest and matchesDigest', () => {
	const secret = 'f3a9c1e7b5d2048a6c3e9f1b7d5a2c08e4b6d1f3a5c7e9b2d4f6a8c0e2b4d6f8';
	// The expected digest comes from @noble/hashes, not from node:crypto.
	const digest = Buffer.from(sha256(Buffer.from(secret))).toString('hex');

	it('keeps the SHA-256 of a secret, never the secret', () => {
		expect(secretDigest(secret)).toBe(digest);
		expect(secretDigest(secret)).not.toContain(secret.slice(0, 8));
	});

	it('accepts exactly the secret whose digest was kept', () => {
		expect(matchesDigest(secret, digest)).toBe(true);
		expect(matchesDigest(secret, digest.toUpperCase())).toBe(true);
		expect(matchesDigest(`${secret.slice(0, -1)}0`, digest)).toBe(false);
		expect(matchesDigest(secret.slice(0, -1), digest)).toBe(false);
		expect(matchesDigest(`${secret}0`, digest)).toBe(false);
		expect(matchesDigest(secret.toUpperCase(), digest)).toBe(false);
	});

	it('refuses the digest itself, a missing value, and anything when no digest or a malformed one is kept', () => {
		expect(matchesDigest(digest, digest)).toBe(false);
		expect(matchesDigest(undefined, digest)).toBe(false);
		expect(matchesDigest(undefined, Buffer.from(sha256(Buffer.alloc(0))).toString('hex'))).toBe(false);
		expect(matchesDigest(secret, undefined)).toBe(false);
		expect(matchesDigest(secret, '')).toBe(false);
		expect(matchesDigest(secret, digest.slice(2))).toBe(false);
	});

	it('never matches a value shorter than a shared secret, even the one whose digest was kept', () => {
		const emptyDigest = Buffer.from(sha256(Buffer.alloc(0))).toString('hex');
		expect(matchesDigest('', emptyDigest)).toBe(false);
		const short = 'x'.repeat(23);
		expect(matchesDigest(short, Buffer.from(sha256(Buffer.from(short))).toString('hex'))).toBe(false);
		const enough = 'x'.repeat(24);
		expect(matchesDigest(enough, Buffer.from(sha256(Buffer.from(enough))).toString('hex'))).toBe(true);
	});
});

describe('plausibleSecret', () => {
	it('takes strings within the lengths a secret can have, before any credential is read', () => {
		expect(plausibleSecret('x'.repeat(24), 24)).toBe(true);
		expect(plausibleSecret('x'.repeat(23), 24)).toBe(false);
		expect(plausibleSecret('x'.repeat(256), 24)).toBe(true);
		expect(plausibleSecret('x'.repeat(257), 24)).toBe(false); // longer than any secret a trigger accepts
		expect(plausibleSecret('x'.repeat(100), 24, 64)).toBe(false);
		for (const value of [undefined, null, 42, ['x'.repeat(30)], { secret: 'x'.repeat(30) }]) {
			expect(plausibleSecret(value, 24)).toBe(false);
		}
	});
});

describe('tokenFromRequest', () => {
	const where = { header: 'X-Token', queryParameter: 'token' };

	it('prefers the header (read case-insensitively) over the query', () => {
		expect(tokenFromRequest({ 'x-token': 'from-header' }, { token: 'from-query' }, where)).toBe('from-header');
	});

	it('falls back to the query parameter, first value when repeated', () => {
		expect(tokenFromRequest({}, { token: 'from-query' }, where)).toBe('from-query');
		expect(tokenFromRequest({}, { token: ['first', 'second'] }, where)).toBe('first');
		expect(tokenFromRequest({}, {}, where)).toBeUndefined();
		expect(tokenFromRequest({}, { token: { nested: 'x' } }, where)).toBeUndefined();
	});
});
