import { NodeOperationError } from 'n8n-workflow';

import {
	assertStrongSecret,
	MIN_SHARED_SECRET_LENGTH,
	secretStrengthTest,
	weakSecretReason,
} from '../../../nodes/shared/webhook/secrets';
import { hookContext } from '../../helpers/contexts';

describe('secretStrengthTest', () => {
	const test = secretStrengthTest('secret');
	const run = async (data: Record<string, string>) =>
		await test.call({} as never, { id: '1', name: 'c', type: 't', data });

	it('passes a secret of 24 characters or more and names no secret in its answers', async () => {
		await expect(run({ secret: 'q8Vz3kLw0RtY7mPc2XsN5bJd' })).resolves.toEqual({ status: 'OK', message: 'Strong enough to guard a public webhook URL' });
		const dull = await run({ secret: 'x'.repeat(24) });
		expect(dull).toEqual({ status: 'Error', message: expect.stringMatching(/^The secret uses only 1 different character;/) });
		const short = await run({ secret: 'hunter2' });
		expect(short.status).toBe('Error');
		expect(short.message).not.toContain('hunter2');
		await expect(run({})).resolves.toEqual({ status: 'Error', message: 'No secret is set' });
	});
});

describe('assertStrongSecret', () => {
	it('stops publication with what to do, and lets a strong secret through', () => {
		const { context } = hookContext();
		expect(() => assertStrongSecret(context, 'short', 'fix it in the credential')).toThrow(NodeOperationError);
		expect(() => assertStrongSecret(context, 'short', 'fix it in the credential')).toThrow(/: fix it in the credential$/);
		expect(() => assertStrongSecret(context, 'y'.repeat(32), 'fix it')).toThrow(/only 1 different character/);
		expect(() => assertStrongSecret(context, '5e0b8c2f9a7d41e6b3c8f0a2', 'unused')).not.toThrow();
	});
});

describe('weakSecretReason', () => {
	it('refuses missing and short secrets without echoing them', () => {
		expect(weakSecretReason(undefined)).toBe('No secret is set');
		const short = 'x'.repeat(MIN_SHARED_SECRET_LENGTH - 1);
		expect(weakSecretReason(short)).toMatch(/at least 24/);
		expect(weakSecretReason(short)).not.toContain(short);
		expect(weakSecretReason('q8Vz3kLw0RtY7mPc2XsN5bJd')).toBeUndefined();
	});

	it.each([
		['one character', 'a'.repeat(24), /uses only 1 different character;/],
		['a two-letter alphabet', 'abba'.repeat(3) + 'baab'.repeat(3), /uses only 2 different characters;/],
		['four digits', '1234432112344321'.repeat(2), /uses only 4 different characters;/],
		['a repeated word', 'password'.repeat(3), /repeats the same 8 characters;/],
		['a repeated phrase with a partial tail', 'n8n-secret-'.repeat(3), /repeats the same 11 characters;/],
		['the alphabet', 'abcdefghijklmnopqrstuvwxyz', /mostly a run of equal or consecutive characters;/],
		['a countdown', '9876543210zyxwvutsrqponm', /mostly a run/],
		['long runs of equal characters', 'aaaaaaaabbbbbbbbccccccccdddddddde', /mostly a run/],
	])('refuses %s with a message that says what is wrong and what to do', (_label, secret, reason) => {
		const message = weakSecretReason(secret);
		expect(message).toMatch(reason);
		expect(message).toMatch(/use at least 24 random characters, e\.g\. from `openssl rand -hex 24`$/);
		expect(message).not.toContain(secret);
	});

	it('lets random values of every common alphabet through', () => {
		// Thousands of random secrets from openssl-style generators, including bare decimal digits.
		const { randomBytes, randomInt } = require('node:crypto') as typeof import('node:crypto');
		for (let i = 0; i < 2000; i++) {
			expect(weakSecretReason(randomBytes(12).toString('hex'))).toBeUndefined();
			expect(weakSecretReason(randomBytes(18).toString('base64'))).toBeUndefined();
			expect(weakSecretReason(randomBytes(24).toString('base64url'))).toBeUndefined();
			expect(weakSecretReason(Array.from({ length: 24 }, () => randomInt(10)).join(''))).toBeUndefined();
		}
	});
});
