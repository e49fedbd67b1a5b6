import { NodeOperationError } from 'n8n-workflow';

import {
	assertStrongSecret,
	guessablePattern,
	MAX_SHARED_SECRET_LENGTH,
	MIN_SHARED_SECRET_LENGTH,
	secretStrengthTest,
	usableSecret,
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
		['a short pattern four times and one more character', 'aZ1q9!'.repeat(4) + 'X', /mostly a repeated pattern \(7 different sequences of three characters\);/],
		['a short pattern with a changed character', 'Tr0ub4dor&3'.repeat(2) + 'Tr0ub4dor&4', /mostly a repeated pattern/],
		['a pattern of 16 repeated with one change', ('k9Qz2Lw7Vb4Xn1Rt'.repeat(8) + 'Y').slice(1), /repeats the same 16|mostly a repeated pattern/],
		['an almost-periodic long secret', 'q7Pz3kLw0RtY7mPc'.repeat(14) + 'X', /mostly a repeated pattern/],
		['a secret longer than 256 characters', 'f3a9c1e7b5d2048a6c3e9f1b7d5a2c08'.repeat(8) + 'e', /has 257 characters, more than 256;/],
	])('refuses %s with a message that says what is wrong and what to do', (_label, secret, reason) => {
		const message = weakSecretReason(secret);
		expect(message).toMatch(reason);
		expect(message).toMatch(/use at least 24 random characters, e\.g\. from `openssl rand -hex 24`$/);
		expect(message).not.toContain(secret);
	});

	it('refuses a run from more than four in five equal or consecutive neighbours, not from four in five', () => {
		// 24 characters have 23 neighbour pairs: 19 consecutive pairs are a run, 18 are not.
		expect(weakSecretReason('abcdefghijklmnopqrst' + 'W5Q0')).toMatch(/mostly a run/);
		expect(weakSecretReason('abcdefghijklmnopqrs' + 'W5Q0z')).toBeUndefined();
	});

	it('is linear in the length: a near-periodic secret of 120,000 characters is judged at once', () => {
		// The former rule compared every candidate unit with the whole text (quadratic: 2.5 s for this one).
		const nearPeriodic = 'aZ1q9!'.repeat(20_000).slice(0, -1) + 'X';
		expect(nearPeriodic).toHaveLength(120_000);
		expect(guessablePattern(nearPeriodic)).toMatch(/mostly a repeated pattern/);
		expect(weakSecretReason(nearPeriodic)).toMatch(/more than 256/);
		const random = require('node:crypto').randomBytes(60_000).toString('hex') as string;
		expect(guessablePattern(random)).toBeUndefined();
	});

	it('lets random values of every common alphabet through', () => {
		// A fixed stream of pseudo-random bytes (SHA-256 of a counter), so that a run is repeatable; the next
		// test bounds the chance that a truly random secret is refused.
		const { createHash } = require('node:crypto') as typeof import('node:crypto');
		const bytes = (label: string, i: number, length: number) => {
			let out = Buffer.alloc(0);
			for (let block = 0; out.length < length; block++) {
				out = Buffer.concat([out, createHash('sha256').update(`${label}:${i}:${block}`).digest()]);
			}
			return out.subarray(0, length);
		};
		// Bytes below 250 give unbiased decimal digits.
		const digits = (i: number) => [...bytes('digits', i, 64)].filter((b) => b < 250).slice(0, 24).map((b) => b % 10).join('');
		for (let i = 0; i < 2000; i++) {
			expect(weakSecretReason(bytes('hex', i, 12).toString('hex'))).toBeUndefined();
			expect(weakSecretReason(bytes('base64', i, 18).toString('base64'))).toBeUndefined();
			expect(weakSecretReason(bytes('base64url', i, 24).toString('base64url'))).toBeUndefined();
			expect(weakSecretReason(bytes('hex64', i, 64).toString('hex'))).toBeUndefined();
			expect(weakSecretReason(bytes('base64-96', i, 96).toString('base64'))).toBeUndefined();
			const decimal = digits(i);
			expect(decimal).toHaveLength(24);
			expect(weakSecretReason(decimal)).toBeUndefined();
		}
	});

	it('refuses a truly random secret of 24 characters less than once in a million', () => {
		// Exact chance that n uniform random characters have more than four in five equal or consecutive
		// neighbours, by dynamic programming over (last character, pairs so far): an independent account of the
		// rule, which at two in three refused 24 random digits once in 20 000.
		const chanceOfRun = (alphabet: string, n: number) => {
			const codes = [...alphabet].map((c) => c.charCodeAt(0));
			let chances = codes.map(() => Array<number>(n).fill(0).map((_, pairs) => (pairs === 0 ? 1 / codes.length : 0)));
			for (let position = 1; position < n; position++) {
				const next = codes.map(() => Array<number>(n).fill(0));
				codes.forEach((last, a) =>
					chances[a].forEach((chance, pairs) => {
						if (chance === 0) return; // also keeps pairs + 1 within n
						codes.forEach((code, b) => {
							next[b][pairs + (Math.abs(code - last) <= 1 ? 1 : 0)] += chance / codes.length;
						});
					}),
				);
				chances = next;
			}
			return chances.flat().reduce((sum, chance, k) => (((k % n) * 5 > (n - 1) * 4) ? sum + chance : sum), 0);
		};
		expect(chanceOfRun('0123456789', 24)).toBeLessThan(1e-6);
		expect(chanceOfRun('0123456789abcdef', 24)).toBeLessThan(1e-9);
		// Fewer than 5 different digits among 24: at most C(10,4)·(4/10)^24 by the union bound.
		expect(210 * 0.4 ** 24).toBeLessThan(1e-6);
		// The rule refuses what it should: a random secret of one repeated character is always a run.
		expect(chanceOfRun('a', 24)).toBeCloseTo(1, 12);
	});
});

describe('usableSecret', () => {
	it('is all a delivery checks of the expected secret: set, and of a length a trigger accepts', () => {
		expect(usableSecret('x'.repeat(MIN_SHARED_SECRET_LENGTH))).toBe(true); // weak, but judged at publish
		expect(usableSecret('x'.repeat(MAX_SHARED_SECRET_LENGTH))).toBe(true);
		expect(usableSecret('x'.repeat(MAX_SHARED_SECRET_LENGTH + 1))).toBe(false);
		expect(usableSecret('x'.repeat(MIN_SHARED_SECRET_LENGTH - 1))).toBe(false);
		for (const value of [undefined, null, '', 42, ['x'.repeat(30)]]) expect(usableSecret(value)).toBe(false);
	});
});
