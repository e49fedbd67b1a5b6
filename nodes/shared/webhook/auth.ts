import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

import { headerValue, type RequestHeaders } from './request';
import { MAX_SHARED_SECRET_LENGTH, MIN_SHARED_SECRET_LENGTH } from './secrets';

/**
 * Authentication primitives shared by every trigger in this package.
 * None of them throws on hostile input: a missing header, an odd length or bad encoding is simply "no match".
 */

type Secret = string | Buffer;

function toBuffer(value: Secret): Buffer {
	return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}

/**
 * Compares two secrets in constant time. Both sides are hashed first so that inputs of different
 * lengths are compared without leaking the length and without `timingSafeEqual` throwing.
 */
export function secretsEqual(received: Secret | undefined, expected: Secret | undefined): boolean {
	if (received === undefined || expected === undefined) return false;
	const expectedBytes = toBuffer(expected);
	if (expectedBytes.length === 0) return false; // an unset secret never authenticates anybody
	const a = createHash('sha256').update(toBuffer(received)).digest();
	const b = createHash('sha256').update(expectedBytes).digest();
	return timingSafeEqual(a, b);
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/**
 * What a trigger keeps of a secret it generated: its SHA-256, hex. The secrets are 256-bit random values, so
 * the digest cannot be reversed or guessed, and static data (readable through n8n's API) holds nothing that
 * authenticates a delivery.
 */
export function secretDigest(secret: string): string {
	return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * Whether a received secret is the one whose {@link secretDigest} was kept, compared in constant time. The
 * kept secrets are generated and long: a value shorter than any shared secret (the empty string, whose
 * digest anybody can compute) never matches.
 */
export function matchesDigest(received: string | undefined, digest: string | undefined): boolean {
	const expected =
		digest !== undefined && HEX_SHA256.test(digest) ? Buffer.from(digest, 'hex') : undefined;
	const actual = createHash('sha256')
		.update(received ?? '', 'utf8')
		.digest();
	// Always digest and compare, so a missing value costs the same as a wrong one.
	const equal = timingSafeEqual(actual, expected ?? Buffer.alloc(32));
	return (
		equal &&
		expected !== undefined &&
		received !== undefined &&
		received.length >= MIN_SHARED_SECRET_LENGTH
	);
}

/**
 * Whether a received secret could be right at all: a string within the lengths a strong secret has. A
 * cheap check that needs no credential, so the commonest forgeries are refused before one is read.
 */
export function plausibleSecret(
	value: unknown,
	minLength: number,
	maxLength = MAX_SHARED_SECRET_LENGTH,
): value is string {
	return typeof value === 'string' && value.length >= minLength && value.length <= maxLength;
}

const BASE64_SHA256 = /^[A-Za-z0-9+/_-]{43}={0,1}$/;

/** Decodes a SHA-256 signature sent as hex or base64 (standard or URL-safe), with or without `sha256=`. */
export function decodeSha256Signature(signature: string | undefined): Buffer | undefined {
	if (!signature) return undefined;
	let value = signature.trim();
	if (value.slice(0, 7).toLowerCase() === 'sha256=') value = value.slice(7);
	if (HEX_SHA256.test(value)) return Buffer.from(value, 'hex');
	if (BASE64_SHA256.test(value)) {
		const decoded = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
		return decoded.length === 32 ? decoded : undefined;
	}
	return undefined;
}

/** Checks an HMAC-SHA256 of the raw request bytes against a hex or base64 signature, in constant time. */
export function hmacSha256Matches(
	rawBody: Buffer,
	secret: string,
	signature: string | undefined,
): boolean {
	if (!secret) return false;
	const received = decodeSha256Signature(signature);
	const expected = createHmac('sha256', secret).update(rawBody).digest();
	// Always compute and compare, even for an undecodable signature, so a rejection costs the same.
	return timingSafeEqual(received ?? Buffer.alloc(32), expected) && received !== undefined;
}

export interface BasicCredentials {
	username: string;
	password: string;
}

/** Parses an `Authorization: Basic …` header; anything else gives `undefined`. */
export function parseBasicAuth(authorization: string | undefined): BasicCredentials | undefined {
	if (!authorization) return undefined;
	const match = /^\s*basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return undefined;
	return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * True when the request's Basic credentials are the expected user name and the password whose
 * {@link secretDigest} was kept; both parts are always compared.
 */
export function basicAuthMatches(
	authorization: string | undefined,
	expected: { username: string; passwordDigest: string | undefined },
): boolean {
	const received = parseBasicAuth(authorization);
	const userOk = secretsEqual(received?.username ?? '', expected.username);
	const passwordOk = matchesDigest(received?.password, expected.passwordDigest);
	return received !== undefined && userOk && passwordOk;
}

/** A token sent in a header (preferred) or, for senders that only take a URL, in a query parameter. */
export function tokenFromRequest(
	headers: RequestHeaders,
	query: Record<string, unknown>,
	where: { header: string; queryParameter: string },
): string | undefined {
	const fromHeader = headerValue(headers, where.header);
	if (fromHeader) return fromHeader;
	const fromQuery = query[where.queryParameter];
	if (typeof fromQuery === 'string') return fromQuery;
	if (Array.isArray(fromQuery) && typeof fromQuery[0] === 'string') return fromQuery[0];
	return undefined;
}
