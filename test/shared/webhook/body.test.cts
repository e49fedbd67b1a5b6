import { WebhookRequestError } from '../../../nodes/shared/webhook/answer';
import { parseForm, parseWebhookBody } from '../../../nodes/shared/webhook/body';

function refusal(run: () => unknown): WebhookRequestError {
	try {
		run();
	} catch (error) {
		if (error instanceof WebhookRequestError) return error;
		throw error;
	}
	throw new Error('expected a refusal');
}

describe('parseForm', () => {
	it('decodes UTF-8 percent-encoding and +, keeps values as strings, collects repeated keys', () => {
		expect(parseForm('event=bug%3A%3Aupdate&current_user=%E5%BC%A0%E4%B8%89&title=a+b&id=1010158231000002151&k=1&k=2&k=3')).toEqual({
			event: 'bug::update',
			current_user: '张三',
			title: 'a b',
			id: '1010158231000002151',
			k: ['1', '2', '3'],
		});
	});

	it('drops prototype keys', () => {
		const parsed = parseForm('__proto__%5Bpolluted%5D=1&__proto__=x&constructor=y&prototype=z&ok=1');
		expect(parsed).toEqual({ '__proto__[polluted]': '1', ok: '1' });
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});

describe('parseWebhookBody', () => {
	const json = Buffer.from('{"name":"中文","id":1010158231000002151}');

	it('reads JSON by content type, with charset parameters and +json types', () => {
		const expected = { name: '中文', id: '1010158231000002151' };
		expect(parseWebhookBody(json, 'application/json')).toEqual(expected);
		expect(parseWebhookBody(json, 'application/json; charset=utf-8')).toEqual(expected);
		expect(parseWebhookBody(json, 'application/vnd.api+json')).toEqual(expected);
	});

	it('ignores a leading byte-order mark', () => {
		expect(parseWebhookBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), json]), 'application/json')).toEqual({
			name: '中文',
			id: '1010158231000002151',
		});
	});

	it('reads forms when the caller accepts them, and sniffs JSON sent without a proper type', () => {
		expect(parseWebhookBody(Buffer.from('a=1'), 'application/x-www-form-urlencoded', ['json', 'form'])).toEqual({ a: '1' });
		expect(parseWebhookBody(json, 'text/plain', ['json', 'form'])).toMatchObject({ name: '中文' });
		expect(parseWebhookBody(Buffer.from('a=1'), undefined, ['json', 'form'])).toEqual({ a: '1' });
		expect(parseWebhookBody(json, undefined)).toMatchObject({ name: '中文' });
	});

	it('answers malformed JSON with 400, naming the position and the reason', () => {
		const error = refusal(() => parseWebhookBody(Buffer.from('{"a":1,}'), 'application/json'));
		expect(error).toMatchObject({ statusCode: 400, message: 'Malformed JSON body at position 7: expected a property name' });
	});

	it('answers 415 for a format the trigger does not take', () => {
		const error = refusal(() => parseWebhookBody(Buffer.from('a=1'), 'application/x-www-form-urlencoded', ['json']));
		expect(error.statusCode).toBe(415);
	});

	it.each([
		['an empty body', Buffer.alloc(0), 'Request body is empty'],
		['a missing body', undefined, 'Request body is empty'],
		['invalid UTF-8', Buffer.from([0x7b, 0xff, 0x7d]), 'Request body is not valid UTF-8'],
		['a top-level array', Buffer.from('[1]'), 'Request body must be a JSON object'],
		['a top-level string', Buffer.from('"x"'), 'Request body must be a JSON object'],
		['null', Buffer.from('null'), 'Request body must be a JSON object'],
	])('answers 400 for %s', (_label, raw, message) => {
		const error = refusal(() => parseWebhookBody(raw, 'application/json'));
		expect(error).toMatchObject({ statusCode: 400, message });
	});
});
