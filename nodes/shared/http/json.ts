import type { IDataObject } from 'n8n-workflow';

/** Keys that could reach an object's prototype when data is later merged or spread; dropped on read. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export const isPrototypeKey = (key: string): boolean => PROTOTYPE_KEYS.has(key);

/** A shallow copy without `__proto__`, `constructor` and `prototype` keys (for data read elsewhere than a body). */
export function withoutPrototypeKeys(value: unknown): IDataObject {
	const result: IDataObject = {};
	if (!value || typeof value !== 'object') return result;
	for (const [key, field] of Object.entries(value as IDataObject)) {
		if (!PROTOTYPE_KEYS.has(key)) result[key] = field;
	}
	return result;
}

/** Text that is not JSON; the message says where and why, never what the text holds. */
export class MalformedJsonError extends Error {
	constructor(
		readonly position: number,
		readonly reason: string,
	) {
		super(`Malformed JSON at position ${position}: ${reason}`);
		this.name = 'MalformedJsonError';
	}
}

const MAX_DEPTH = 64;

/** Caps a reader applies while it reads, so that a hostile document is refused after bounded work. */
export interface JsonLimits {
	/** Levels of nesting (64 at most). */
	maxDepth?: number;
	/** Values in all: every object member, array element and the top-level value count one. */
	maxValues?: number;
}

/** A document over one of its {@link JsonLimits}; the message says which, never what the text holds. */
export class JsonLimitError extends Error {
	constructor(readonly limit: string) {
		super(`JSON document with ${limit}`);
		this.name = 'JsonLimitError';
	}
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/**
 * A strict JSON reader (RFC 8259) that differs from `JSON.parse` in two ways that matter for what services send:
 * integers beyond 2^53 (TAPD's 19-digit ids) stay exact as strings, and prototype-polluting keys are dropped.
 */
class JsonReader {
	private pos = 0;

	private values = 0;

	private readonly maxDepth: number;

	private readonly maxValues: number;

	constructor(
		private readonly text: string,
		limits: JsonLimits = {},
	) {
		this.maxDepth = Math.min(limits.maxDepth ?? MAX_DEPTH, MAX_DEPTH);
		this.maxValues = limits.maxValues ?? Infinity;
	}

	read(): unknown {
		this.skipWhitespace();
		const value = this.value(0);
		this.skipWhitespace();
		if (this.pos !== this.text.length) throw this.fail('unexpected data after the JSON value');
		return value;
	}

	private fail(what: string): MalformedJsonError {
		return new MalformedJsonError(this.pos, what);
	}

	private skipWhitespace(): void {
		const { text } = this;
		let c = text.charCodeAt(this.pos);
		while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++this.pos);
	}

	private value(depth: number): unknown {
		if (depth > this.maxDepth) {
			if (this.maxDepth === MAX_DEPTH) throw this.fail(`nested deeper than ${MAX_DEPTH} levels`);
			throw new JsonLimitError(`more than ${this.maxDepth} levels of nesting`);
		}
		if (++this.values > this.maxValues) {
			throw new JsonLimitError(`more than ${this.maxValues} fields and values`);
		}
		switch (this.text[this.pos]) {
			case '{':
				return this.object(depth);
			case '[':
				return this.array(depth);
			case '"':
				return this.string();
			case 't':
				return this.literal('true', true);
			case 'f':
				return this.literal('false', false);
			case 'n':
				return this.literal('null', null);
			default:
				return this.number();
		}
	}

	private object(depth: number): IDataObject {
		const result: IDataObject = {};
		this.pos++;
		this.skipWhitespace();
		if (this.text[this.pos] === '}') {
			this.pos++;
			return result;
		}
		for (;;) {
			if (this.text[this.pos] !== '"') throw this.fail('expected a property name');
			const key = this.string();
			this.skipWhitespace();
			if (this.text[this.pos] !== ':') throw this.fail("expected ':'");
			this.pos++;
			this.skipWhitespace();
			const value = this.value(depth + 1);
			if (!PROTOTYPE_KEYS.has(key)) result[key] = value as IDataObject[string];
			this.skipWhitespace();
			const next = this.text[this.pos++];
			if (next === '}') return result;
			if (next !== ',') throw this.fail("expected ',' or '}'");
			this.skipWhitespace();
		}
	}

	private array(depth: number): unknown[] {
		const result: unknown[] = [];
		this.pos++;
		this.skipWhitespace();
		if (this.text[this.pos] === ']') {
			this.pos++;
			return result;
		}
		for (;;) {
			result.push(this.value(depth + 1));
			this.skipWhitespace();
			const next = this.text[this.pos++];
			if (next === ']') return result;
			if (next !== ',') throw this.fail("expected ',' or ']'");
			this.skipWhitespace();
		}
	}

	private string(): string {
		const { text } = this;
		const start = ++this.pos;
		// Fast path: no escapes, the common case, is a single slice.
		for (let i = start; i < text.length; i++) {
			const c = text.charCodeAt(i);
			if (c === 0x22) {
				this.pos = i + 1;
				return text.slice(start, i);
			}
			if (c === 0x5c || c < 0x20) break;
		}
		let out = '';
		let chunkStart = start;
		while (this.pos < text.length) {
			const c = text.charCodeAt(this.pos);
			if (c === 0x22) {
				out += text.slice(chunkStart, this.pos++);
				return out;
			}
			if (c < 0x20) throw this.fail('control character in string');
			if (c !== 0x5c) {
				this.pos++;
				continue;
			}
			out += text.slice(chunkStart, this.pos);
			const escape = text[this.pos + 1];
			this.pos += 2;
			switch (escape) {
				case '"':
				case '\\':
				case '/':
					out += escape;
					break;
				case 'b':
					out += '\b';
					break;
				case 'f':
					out += '\f';
					break;
				case 'n':
					out += '\n';
					break;
				case 'r':
					out += '\r';
					break;
				case 't':
					out += '\t';
					break;
				case 'u': {
					const hex = text.slice(this.pos, this.pos + 4);
					if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw this.fail('invalid \\u escape');
					out += String.fromCharCode(parseInt(hex, 16));
					this.pos += 4;
					break;
				}
				default:
					throw this.fail('invalid escape');
			}
			chunkStart = this.pos;
		}
		throw this.fail('unterminated string');
	}

	private literal<T>(word: string, value: T): T {
		if (!this.text.startsWith(word, this.pos)) throw this.fail('unexpected token');
		this.pos += word.length;
		return value;
	}

	private number(): number | string {
		NUMBER.lastIndex = this.pos;
		const match = NUMBER.exec(this.text);
		if (!match) throw this.fail('unexpected token');
		this.pos += match[0].length;
		const value = Number(match[0]);
		const isInteger = match[1] === undefined && match[2] === undefined;
		return isInteger && !Number.isSafeInteger(value) ? match[0] : value;
	}
}

/**
 * Parses a JSON document; see {@link JsonReader} for how it differs from `JSON.parse`. With `limits`, a
 * document over them is refused ({@link JsonLimitError}) as soon as the reader gets there.
 */
export function parseJson(text: string, limits?: JsonLimits): unknown {
	return new JsonReader(text, limits).read();
}
