import { JsonLimitError, MalformedJsonError, parseJson, withoutPrototypeKeys } from '../../../nodes/shared/http/json';

function malformed(run: () => unknown): MalformedJsonError {
	try {
		run();
	} catch (error) {
		if (error instanceof MalformedJsonError) return error;
		throw error;
	}
	throw new Error('expected malformed JSON');
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
	])('refuses %p, saying where and why (%s)', (text, reason) => {
		const error = malformed(() => parseJson(text));
		expect(error.reason).toBe(reason);
		expect(error.message).toBe(`Malformed JSON at position ${error.position}: ${reason}`);
	});

	it('refuses documents nested deeper than 64 levels instead of overflowing the stack', () => {
		expect(parseJson('['.repeat(64) + ']'.repeat(64))).toBeDefined();
		expect(malformed(() => parseJson('['.repeat(100_000))).message).toContain('nested deeper than 64 levels');
	});
});

describe('parseJson with limits', () => {
	it('counts every value, the top-level one included, and refuses the first one too many', () => {
		expect(parseJson('{"a":[1,2],"b":{}}', { maxValues: 5 })).toEqual({ a: [1, 2], b: {} });
		expect(() => parseJson('{"a":[1,2,3],"b":{}}', { maxValues: 5 })).toThrow(new JsonLimitError('more than 5 fields and values'));
	});

	it('refuses nesting beyond maxDepth as a limit, and keeps 64 as the malformed ceiling', () => {
		expect(parseJson('[[[]]]', { maxDepth: 2 })).toEqual([[[]]]);
		expect(() => parseJson('[[[[]]]]', { maxDepth: 2 })).toThrow(new JsonLimitError('more than 2 levels of nesting'));
		expect(() => parseJson('['.repeat(70), { maxDepth: 100 })).toThrow(MalformedJsonError);
	});

	it('stops reading at the limit: a million values cost what the limit allows', () => {
		const huge = `[${'[],'.repeat(1_000_000)}[]]`;
		let reached = 0;
		try {
			parseJson(huge, { maxValues: 2000 });
		} catch (error) {
			reached = (error as JsonLimitError).limit === 'more than 2000 fields and values' ? 1 : -1;
		}
		expect(reached).toBe(1);
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
