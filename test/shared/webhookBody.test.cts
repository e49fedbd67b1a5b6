import {
	parseForm,
	parseJson,
	parseWebhookBody,
	WebhookRequestError,
	withoutPrototypeKeys,
} from '../../nodes/shared/webhookBody';

function refusal(run: () => unknown): WebhookRequestError {
	try {
		run();
	} catch (error) {
		if (error instanceof WebhookRequestError) return error;
		throw error;
	}
	throw new Error('expected a refusal');
}

/** A small seeded generator of JSON values, to compare the reader with JSON.parse on many documents. */
function randomJson(seed: number): unknown {
	let state = seed;
	const next = () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
	const strings = ['', 'plain', '中文 缺陷', 'quote " and \\ slash', 'tab\tnew\nline', 'emoji 😀', '\u0001ctl'];
	const value = (depth: number): unknown => {
		const pick = next();
		if (depth > 3 || pick < 0.3) {
			const scalars = [null, true, false, Math.round(next() * 1e6) - 5e5, next() * 1e3, -1.5e-7, 0, strings[Math.floor(next() * strings.length)]];
			return scalars[Math.floor(next() * scalars.length)];
		}
		if (pick < 0.6) return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
		const object: Record<string, unknown> = {};
		for (let i = Math.floor(next() * 4); i > 0; i--) object[strings[Math.floor(next() * strings.length)] + i] = value(depth + 1);
		return object;
	};
	return value(0);
}

describe('parseJson', () => {
	it('agrees with JSON.parse on generated documents, compact and indented', () => {
		for (let seed = 1; seed <= 300; seed++) {
			const document = randomJson(seed);
			expect(parseJson(JSON.stringify(document))).toEqual(JSON.parse(JSON.stringify(document)));
			expect(parseJson(JSON.stringify(document, null, '\t'))).toEqual(document);
		}
	});

	it('keeps integers beyond 2^53 exact, as strings, and leaves safe numbers alone', () => {
		const parsed = parseJson(
			'{"id":1010158231000002151,"neg":-1010158231000002151,"safe":9007199254740991,"float":1.5,"exp":1e21,"big_float":12345678901234567890.5}',
		);
		expect(parsed).toEqual({
			id: '1010158231000002151',
			neg: '-1010158231000002151',
			safe: 9007199254740991,
			float: 1.5,
			exp: 1e21,
			big_float: 12345678901234567890.5,
		});
	});

	it('decodes escapes, including surrogate pairs', () => {
		expect(parseJson('"\\u7f3a\\u9677 \\ud83d\\ude00 \\"q\\" \\/ \\b\\f\\n\\r\\t"')).toBe('缺陷 😀 "q" / \b\f\n\r\t');
	});

	it('drops keys that could reach a prototype, at any depth, and pollutes nothing', () => {
		const parsed = parseJson(
			'{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"a":{"__proto__":{"x":1},"prototype":2,"ok":3}}',
		) as Record<string, unknown>;
		expect(parsed).toEqual({ a: { ok: 3 } });
		expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.keys({ ...parsed, ...(parsed.a as object) })).toEqual(['a', 'ok']);
	});

	it.each([
		['', 'unexpected token'],
		['{', 'expected a property name'],
		['{"a" 1}', "expected ':'"],
		['{"a":1,}', 'expected a property name'],
		['[1,]', 'unexpected token'],
		['[1 2]', "expected ',' or ']'"],
		['{"a":1} x', 'unexpected data after the JSON value'],
		['"unterminated', 'unterminated string'],
		['"bad \\x escape"', 'invalid escape'],
		['"bad \\u12 escape"', 'invalid \\u escape'],
		['"raw\ncontrol"', 'control character in string'],
		['tru', 'unexpected token'],
		['NaN', 'unexpected token'],
		['01', 'unexpected data after the JSON value'],
		['-', 'unexpected token'],
		["{'a':1}", 'expected a property name'],
	])('refuses %p with 400 (%s)', (text, reason) => {
		const error = refusal(() => parseJson(text));
		expect(error.statusCode).toBe(400);
		expect(error.message).toContain(reason);
	});

	it('refuses documents nested deeper than 64 levels instead of overflowing the stack', () => {
		expect(parseJson('['.repeat(64) + ']'.repeat(64))).toBeDefined();
		expect(refusal(() => parseJson('['.repeat(100_000))).message).toContain('nested deeper than 64 levels');
	});
});

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

describe('withoutPrototypeKeys', () => {
	it('copies own keys except prototype keys, and gives {} for non-objects', () => {
		const query = JSON.parse('{"__proto__":{"x":1},"constructor":"c","prototype":"p","page":"2"}');
		expect(withoutPrototypeKeys(query)).toEqual({ page: '2' });
		expect(withoutPrototypeKeys(undefined)).toEqual({});
		expect(withoutPrototypeKeys('text')).toEqual({});
	});
});
