// @ts-check
'use strict';
/**
 * The WIQL the fake Azure DevOps understands, parsed instead of matched with patterns: SELECT … FROM
 * WorkItems [WHERE …] [ORDER BY [System.Id] ASC|DESC] [ASOF …], where conditions are `[Field] op value` with
 * =, <>, >, <, >=, <=, [NOT] IN (…), [NOT] UNDER, [NOT] CONTAINS [WORDS], joined by AND, OR, NOT and
 * parentheses; values are strings ('…' or "…", quotes doubled), numbers and @project. Strings compare
 * case-insensitively, as Azure DevOps does; an empty field equals '' and is NOT IN any list. CONTAINS WORDS
 * matches whole words, a trailing `*` any word starting so (the full-text operator). Other orders are served in
 * ascending id order (a simplification of the fake), except ORDER BY [System.ChangedDate] DESC (the polling
 * trigger's latest change).
 *
 * @typedef {{ id: number, fields: Record<string, any> }} Item
 * @typedef {(item: Item) => boolean} Predicate
 */

/** @param {string} text */
function tokenize(text) {
	/** @type {{ type: string, value: string }[]} */
	const tokens = [];
	const pattern = /(\[[^\]]*\])|('(?:[^']|'')*'|"(?:[^"]|"")*")|(-?\d+(?:\.\d+)?)|(<>|>=|<=|=|<|>)|([(),])|(@?[A-Za-z_][\w.]*)/y;
	for (let i = 0; i < text.length; ) {
		if (/\s/.test(text[i])) {
			i++;
			continue;
		}
		pattern.lastIndex = i;
		const match = pattern.exec(text);
		if (!match) throw new Error(`TF51005: The query has a syntax error near "${text.slice(i, i + 20)}".`);
		if (match[1]) tokens.push({ type: 'field', value: match[1].slice(1, -1) });
		else if (match[2]) tokens.push({ type: 'string', value: match[2].slice(1, -1).replaceAll(match[2][0].repeat(2), match[2][0]) });
		else if (match[3]) tokens.push({ type: 'number', value: match[3] });
		else if (match[4]) tokens.push({ type: 'op', value: match[4] });
		else if (match[5]) tokens.push({ type: 'punct', value: match[5] });
		else tokens.push({ type: 'word', value: match[6] });
		i = pattern.lastIndex;
	}
	return tokens;
}

/** @param {unknown} value */
const lower = (value) => (value === undefined || value === null ? '' : String(value).toLowerCase());

/** @param {Item} item @param {string} field */
function fieldOf(item, field) {
	if (field in item.fields) return item.fields[field];
	const name = field.toLowerCase();
	if (name === 'system.id' || name === 'id') return item.id;
	const key = Object.keys(item.fields).find((candidate) => candidate.toLowerCase() === name);
	return key === undefined ? undefined : item.fields[key];
}

/** @param {unknown} actual @param {unknown} wanted */
function compare(actual, wanted) {
	if (typeof wanted === 'number' || typeof actual === 'number') return Number(actual ?? NaN) - Number(wanted);
	const a = lower(actual);
	const b = lower(wanted);
	return a === b ? 0 : a < b ? -1 : 1;
}

/** @param {string} where @param {{ project?: string }} context @returns {Predicate} */
function compileWhere(where, context) {
	const tokens = tokenize(where);
	let at = 0;
	const peek = () => tokens[at];
	const isWord = (/** @type {string} */ word) => peek()?.type === 'word' && peek().value.toLowerCase() === word;
	const expect = (/** @type {string} */ value) => {
		const token = tokens[at++];
		if (!token || token.value.toLowerCase() !== value) throw new Error(`TF51005: expected "${value}" near "${token?.value ?? 'the end'}".`);
	};
	const value = () => {
		const token = tokens[at++];
		if (!token) throw new Error('TF51005: a value is missing.');
		if (token.type === 'string') return token.value;
		if (token.type === 'number') return Number(token.value);
		if (token.type === 'word' && token.value.toLowerCase() === '@project') return context.project ?? '';
		if (token.type === 'word' && token.value.toLowerCase() === '@today') return new Date().toISOString().slice(0, 10);
		throw new Error(`TF51005: "${token.value}" is not a value the fake knows.`);
	};
	/** @returns {Predicate} */
	const condition = () => {
		const token = tokens[at++];
		if (token?.type !== 'field' && token?.type !== 'word') throw new Error(`TF51005: expected a field near "${token?.value ?? 'the end'}".`);
		const field = token.value;
		const negated = isWord('not') ? (at++, true) : false;
		/** @type {Predicate} */
		let test;
		if (isWord('in')) {
			at++;
			expect('(');
			const list = [value()];
			while (peek()?.value === ',') at++, list.push(value());
			expect(')');
			const wanted = new Set(list.map(lower));
			test = (item) => {
				const actual = fieldOf(item, field);
				return actual !== undefined && actual !== '' && wanted.has(lower(actual));
			};
		} else if (isWord('under')) {
			at++;
			const path = lower(value());
			test = (item) => {
				const actual = lower(fieldOf(item, field));
				return actual === path || actual.startsWith(`${path}\\`);
			};
		} else if (isWord('contains')) {
			at++;
			const words = isWord('words') ? (at++, true) : false;
			const wanted = lower(value());
			test = words
				? (item) => {
						const prefix = wanted.endsWith('*');
						const phrase = prefix ? wanted.slice(0, -1) : wanted;
						const text = ` ${lower(fieldOf(item, field)).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
						return prefix ? text.includes(` ${phrase}`) : text.includes(` ${phrase} `);
					}
				: (item) => lower(fieldOf(item, field)).includes(wanted);
		} else {
			const op = tokens[at++];
			if (op?.type !== 'op') throw new Error(`TF51005: expected an operator after [${field}].`);
			const wanted = value();
			const check = {
				'=': (/** @type {number} */ c) => c === 0,
				'<>': (/** @type {number} */ c) => c !== 0,
				'>': (/** @type {number} */ c) => c > 0,
				'<': (/** @type {number} */ c) => c < 0,
				'>=': (/** @type {number} */ c) => c >= 0,
				'<=': (/** @type {number} */ c) => c <= 0,
			}[op.value];
			test = (item) => /** @type {(c: number) => boolean} */ (check)(compare(fieldOf(item, field), wanted));
		}
		return negated ? (item) => !test(item) : test;
	};
	/** @returns {Predicate} */
	const factor = () => {
		if (isWord('not')) {
			at++;
			const inner = factor();
			return (item) => !inner(item);
		}
		if (peek()?.value === '(') {
			at++;
			const inner = expression();
			expect(')');
			return inner;
		}
		return condition();
	};
	/** @returns {Predicate} */
	const term = () => {
		const parts = [factor()];
		while (isWord('and')) at++, parts.push(factor());
		return (item) => parts.every((part) => part(item));
	};
	/** @returns {Predicate} */
	const expression = () => {
		const parts = [term()];
		while (isWord('or')) at++, parts.push(term());
		return (item) => parts.some((part) => part(item));
	};
	if (tokens.length === 0) return () => true;
	const predicate = expression();
	if (at < tokens.length) throw new Error(`TF51005: The query has a syntax error near "${tokens[at].value}".`);
	return predicate;
}

/**
 * A query's parts: its WHERE clause as a predicate, and whether ids come in descending order or by latest change.
 * @param {string} query @param {{ project?: string }} context
 */
function compileWiql(query, context) {
	const match = /^\s*SELECT\s[\s\S]*?\sFROM\s+(WorkItems|WorkItemLinks)\b([\s\S]*)$/i.exec(query);
	if (!match) return undefined;
	let rest = match[2].replace(/\sASOF\s+('[^']*'|"[^"]*")\s*$/i, ' ');
	const order = /\sORDER\s+BY\s+([\s\S]*)$/i.exec(rest);
	if (order) rest = rest.slice(0, order.index);
	const where = /^\s*WHERE\s([\s\S]*)$/i.exec(rest);
	return {
		links: match[1].toLowerCase() === 'workitemlinks',
		predicate: compileWhere(where ? where[1] : '', context),
		descending: order ? /^\s*\[?System\.Id\]?\s+DESC/i.test(order[1]) : false,
		latestChangedFirst: order ? /^\s*\[?System\.ChangedDate\]?\s+DESC/i.test(order[1]) : false,
	};
}

module.exports = { compileWiql, compileWhere, fieldOf };
