import { WebhookRequestError } from '../../../nodes/shared/webhook/answer';
import { assertContentType, formatOf, parseForm, parseWebhookBody } from '../../../nodes/shared/webhook/body';
import { parseJson } from '../../../nodes/shared/http/json';

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

	it('keeps fields named like Object methods as data, single or repeated', () => {
		const parsed = parseForm('toString=a&hasOwnProperty=b&valueOf=c&valueOf=d&isPrototypeOf=e');
		expect(parsed).toEqual({ toString: 'a', hasOwnProperty: 'b', valueOf: ['c', 'd'], isPrototypeOf: 'e' });
		for (const key of ['toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf']) {
			expect(Object.hasOwn(parsed, key)).toBe(true);
			expect(typeof parsed[key] === 'string' || Array.isArray(parsed[key])).toBe(true);
		}
		expect(JSON.stringify(parsed)).not.toContain('function');
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

	it('reads forms when the caller accepts them; without a content type the body decides', () => {
		expect(parseWebhookBody(Buffer.from('a=1'), 'application/x-www-form-urlencoded', ['json', 'form'])).toEqual({ a: '1' });
		expect(parseWebhookBody(Buffer.from('a=1'), 'Application/X-WWW-Form-Urlencoded; charset=UTF-8', ['json', 'form'])).toEqual({ a: '1' });
		expect(parseWebhookBody(Buffer.from('a=1'), undefined, ['json', 'form'])).toEqual({ a: '1' });
		expect(parseWebhookBody(json, undefined, ['json', 'form'])).toMatchObject({ name: '中文' });
		expect(parseWebhookBody(json, undefined)).toMatchObject({ name: '中文' });
		expect(parseWebhookBody(json, '')).toMatchObject({ name: '中文' });
	});

	it.each(['text/plain', 'application/xml', 'text/xml', 'multipart/form-data; boundary=x', 'image/png', 'application/octet-stream', 'text/html', 'application/jsonp', 'application/json-seq', 'json', 'application/x-www-form-urlencodedx'])(
		'answers 415 for %s, even when the body is JSON and forms are accepted',
		(contentType) => {
			expect(refusal(() => parseWebhookBody(json, contentType, ['json', 'form']))).toMatchObject({
				statusCode: 415,
				message: 'Unsupported content type; send application/json or application/x-www-form-urlencoded',
			});
			expect(refusal(() => assertContentType(contentType, ['json'])).message).toBe('Unsupported content type; send application/json');
		},
	);

	it('answers malformed JSON with 400, naming the position and the reason', () => {
		const error = refusal(() => parseWebhookBody(Buffer.from('{"a":1,}'), 'application/json'));
		expect(error).toMatchObject({ statusCode: 400, message: 'Malformed JSON body at position 7: expected a property name' });
	});

	it('names the format of a content type', () => {
		expect(formatOf(undefined)).toBeUndefined();
		expect(formatOf(' ')).toBeUndefined();
		expect(formatOf('APPLICATION/JSON;charset=utf-8')).toBe('json');
		expect(formatOf('application/problem+json')).toBe('json');
		expect(formatOf('application/x-www-form-urlencoded')).toBe('form');
		expect(formatOf('text/plain')).toBe('other');
	});

	it('takes a missing content type and the named accepted ones before the body is read', () => {
		expect(() => assertContentType(undefined, ['json'])).not.toThrow();
		expect(() => assertContentType('application/json', ['json'])).not.toThrow();
		expect(() => assertContentType('application/cloudevents+json', ['json'])).not.toThrow();
		expect(() => assertContentType('application/x-www-form-urlencoded', ['json', 'form'])).not.toThrow();
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

describe('parseWebhookBody with limits', () => {
	const limits = { maxDepth: 2, maxValues: 4 };

	it('refuses a JSON body over a limit with 400, saying which', () => {
		expect(parseWebhookBody(Buffer.from('{"a":1,"b":[2]}'), 'application/json', ['json'], limits)).toEqual({ a: 1, b: [2] });
		expect(() => parseWebhookBody(Buffer.from('{"a":1,"b":[2,3]}'), 'application/json', ['json'], limits)).toThrow(new WebhookRequestError(400, 'Request body has more than 4 fields and values'));
		expect(() => parseWebhookBody(Buffer.from('{"a":[[1]]}'), 'application/json', ['json'], limits)).toThrow(new WebhookRequestError(400, 'Request body has more than 2 levels of nesting'));
	});

	it('counts the fields of a form before parsing it', () => {
		expect(parseWebhookBody(Buffer.from('a=1&b=2&c=3&d=4'), undefined, ['json', 'form'], limits)).toEqual({ a: '1', b: '2', c: '3', d: '4' });
		expect(() => parseWebhookBody(Buffer.from('a=1&b=2&c=3&d=4&e=5'), 'application/x-www-form-urlencoded', ['form'], limits)).toThrow(new WebhookRequestError(400, 'Request body has more than 4 fields and values'));
	});
});

describe('parseJson', () => {
	it("keeps keys named like Object methods as the object's own data", () => {
		const parsed = parseJson('{"toString":"a","hasOwnProperty":1,"valueOf":{"x":1},"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}') as Record<string, unknown>;
		expect(parsed).toEqual({ toString: 'a', hasOwnProperty: 1, valueOf: { x: 1 } });
		expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});
