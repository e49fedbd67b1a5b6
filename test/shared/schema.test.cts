import { z } from 'zod';

import { describeIssues } from '../../nodes/shared/schema';

describe('describeIssues', () => {
	const schema = z.object({ a: z.string(), b: z.string(), c: z.string(), d: z.string() });

	it('names every problem with its path, or at most a limit and counts the rest', () => {
		const result = schema.safeParse({});
		if (result.success) throw new Error('expected a failure');
		expect(describeIssues(result.error)).toBe('a: Required; b: Required; c: Required; d: Required');
		expect(describeIssues(result.error, 3)).toBe('a: Required; b: Required; c: Required (+1 more)');
	});

	it('leaves a message that already names its field as it is', () => {
		const named = z.object({ total: z.number({ required_error: 'total is missing' }), list: z.array(z.number()) });
		const result = named.safeParse({ list: [1, 'x'] });
		if (result.success) throw new Error('expected a failure');
		expect(describeIssues(result.error)).toBe('total is missing; list.1: Expected number, received string');
	});
});
