import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

import {
	TEST_TOKEN_LIFETIME_MS,
	isAuthenticDelivery,
	isTestNotificationToken,
	isWellFormedTestToken,
	testNotificationToken,
} from '../../../nodes/AzureDevOps/trigger/authentication';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
// Static data holds digests (from @noble/hashes here): the secrets themselves are only in the requests.
const digestOf = (value: string) => bytesToHex(sha256(utf8ToBytes(value)));
// Generated secrets are long (a digest never matches a value shorter than 24 characters).
const PASSWORD = 'pw-generated-for-the-subscription-43-chars';
const HEADER_SECRET = 'header-secret-generated-for-the-subscription';
const state = { subscriptionId: 'sub-1', basicAuthUsername: 'n8n-user', basicAuthPasswordDigest: digestOf(PASSWORD), secretHeaderDigest: digestOf(HEADER_SECRET) };

describe('isAuthenticDelivery', () => {
	it('needs both the Basic credentials and the secret header by default', () => {
		expect(isAuthenticDelivery({ authorization: basic('n8n-user', PASSWORD), 'x-n8n-webhook-secret': HEADER_SECRET }, state)).toBe(true);
		expect(isAuthenticDelivery({ 'x-n8n-webhook-secret': HEADER_SECRET }, state)).toBe(false);
		expect(isAuthenticDelivery({ authorization: basic('n8n-user', PASSWORD) }, state)).toBe(false);
		// The digests themselves authenticate nothing.
		expect(isAuthenticDelivery({ authorization: basic('n8n-user', digestOf(PASSWORD)), 'x-n8n-webhook-secret': digestOf(HEADER_SECRET) }, state)).toBe(false);
	});

	it('needs only the secret header for a secret-header-only subscription', () => {
		const headerOnly = { subscriptionId: 'sub-1', secretHeaderDigest: digestOf(HEADER_SECRET) };
		expect(isAuthenticDelivery({ 'x-n8n-webhook-secret': HEADER_SECRET }, headerOnly, 'headerOnly')).toBe(true);
		expect(isAuthenticDelivery({ 'x-n8n-webhook-secret': `${HEADER_SECRET.slice(0, -1)}x` }, headerOnly, 'headerOnly')).toBe(false);
		expect(isAuthenticDelivery({}, headerOnly, 'headerOnly')).toBe(false);
		expect(isAuthenticDelivery({ 'x-n8n-webhook-secret': '' }, {}, 'headerOnly')).toBe(false);
	});
});

describe('test-notification tokens', () => {
	const URL = 'https://n8n.example.com/webhook/abc/azure-devops';
	const PAT = 'pat-secret-value';
	const issuedAt = 1_790_000_000_000;
	// The expected MAC comes from @noble/hashes, an implementation independent of node:crypto.
	const expectedMac = bytesToHex(hmac(sha256, utf8ToBytes(PAT), utf8ToBytes(`azure-devops-test-notification\n${URL}\n${issuedAt}`)));

	it('are the issue time and an HMAC-SHA256 of the URL and time keyed with the token', () => {
		expect(testNotificationToken(PAT, URL, issuedAt)).toBe(`${issuedAt}.${expectedMac}`);
		expect(testNotificationToken(PAT, URL, issuedAt)).not.toContain(PAT);
	});

	it('are refused by shape before any credential is read', () => {
		expect(isWellFormedTestToken(`${issuedAt}.${expectedMac}`)).toBe(true);
		for (const value of ['', 'x', `${issuedAt}`, `${issuedAt}.${expectedMac.slice(1)}`, `${issuedAt}.${expectedMac.toUpperCase()}`, `-1.${expectedMac}`]) {
			expect(isWellFormedTestToken(value)).toBe(false);
		}
	});

	it('are honoured for this URL and key, for a limited time', () => {
		const token = `${issuedAt}.${expectedMac}`;
		expect(isTestNotificationToken(token, PAT, URL, issuedAt + 5_000)).toBe(true);
		expect(isTestNotificationToken(token, PAT, URL, issuedAt + TEST_TOKEN_LIFETIME_MS + 1)).toBe(false);
		expect(isTestNotificationToken(token, PAT, URL, issuedAt - 120_000)).toBe(false);
		expect(isTestNotificationToken(token, 'another-pat', URL, issuedAt)).toBe(false);
		expect(isTestNotificationToken(token, PAT, 'https://n8n.example.com/webhook/other/azure-devops', issuedAt)).toBe(false);
		expect(isTestNotificationToken(token, '', URL, issuedAt)).toBe(false);
	});

	it.each(['', 'garbage', `${issuedAt}.${expectedMac.slice(1)}`, `${issuedAt + 1}.${expectedMac}`, `x.${expectedMac}`])('refuse %j', (value) => {
		expect(isTestNotificationToken(value, PAT, URL, issuedAt)).toBe(false);
	});
});
