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
		await expect(run({ secret: 'x'.repeat(24) })).resolves.toEqual({ status: 'OK', message: 'Long enough to guard a public webhook URL' });
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
		expect(() => assertStrongSecret(context, 'y'.repeat(32), 'unused')).not.toThrow();
	});
});

describe('weakSecretReason', () => {
	it('refuses missing and short secrets without echoing them', () => {
		expect(weakSecretReason(undefined)).toBe('No secret is set');
		const short = 'x'.repeat(MIN_SHARED_SECRET_LENGTH - 1);
		expect(weakSecretReason(short)).toMatch(/at least 24/);
		expect(weakSecretReason(short)).not.toContain(short);
		expect(weakSecretReason('y'.repeat(MIN_SHARED_SECRET_LENGTH))).toBeUndefined();
	});
});
