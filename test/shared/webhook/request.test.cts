import { headerValue, readRawBody } from '../../../nodes/shared/webhook/request';
import { webhookContext } from '../../helpers/contexts';

describe('readRawBody', () => {
	it('reads the bytes through n8n', async () => {
		const { req } = webhookContext({ body: 'abc' });
		await expect(readRawBody(req as never)).resolves.toEqual(Buffer.from('abc'));
	});

	it('maps n8n payload-limit failures to 413 and other read failures to 400', async () => {
		const tooLarge = webhookContext({ readError: { type: 'entity.too.large' } }).req;
		const aborted = webhookContext({ readError: { type: 'request.aborted' } }).req;
		await expect(readRawBody(tooLarge as never)).rejects.toMatchObject({ statusCode: 413 });
		await expect(readRawBody(aborted as never)).rejects.toMatchObject({ statusCode: 400 });
	});
});

describe('headerValue', () => {
	it('reads a header whatever the case of its name, and the first of repeated ones', () => {
		expect(headerValue({ 'x-token': 'a' }, 'X-Token')).toBe('a');
		expect(headerValue({ 'x-token': ['a', 'b'] }, 'x-token')).toBe('a');
		expect(headerValue({}, 'x-token')).toBeUndefined();
	});
});
