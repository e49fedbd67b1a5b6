/**
 * A WIQL query taken apart into its clauses (docs/contracts/azure-devops.md, "WIQL"), so that the package can
 * add conditions to a user's query and page it by id past the 20,000-result cap: SELECT … FROM … [WHERE …]
 * [ORDER BY …] [ASOF …] [MODE (…)]. Keywords inside string literals ('…' or "…", quotes doubled) or field
 * names ([…]) are not clauses.
 */

/** WIQL string literal: single quotes are doubled. */
export const wiqlString = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** A list of WIQL string literals for `IN (…)`. */
export const wiqlList = (values: readonly string[]): string => values.map(wiqlString).join(', ');

/** The longest WIQL text Azure Boards runs or opens (32,000 characters). */
export const WIQL_MAX_LENGTH = 32_000;

export interface WiqlParts {
	/** `workitems` or `workitemlinks` (lower case). */
	from: string;
	/** The WHERE clause's conditions, or '' when there is none. */
	where: string;
	/** The ASOF clause, kept as written (e.g. `ASOF '2026-01-01'`), or ''. */
	asOf: string;
	/** Whether the query has a MODE clause (a link query). */
	hasMode: boolean;
}

const CLAUSES = ['select', 'from', 'where', 'order by', 'asof', 'mode'] as const;
type Clause = (typeof CLAUSES)[number];

/** Positions of the top-level clause keywords: outside literals and brackets, at word boundaries. */
function clauseStarts(query: string): Array<{ clause: Clause; at: number; length: number }> {
	const found: Array<{ clause: Clause; at: number; length: number }> = [];
	const lower = query.toLowerCase();
	let depth = 0;
	for (let i = 0; i < query.length; i++) {
		const c = query[i];
		if (c === "'" || c === '"') {
			for (i++; i < query.length; i++) {
				if (query[i] === c && query[i + 1] === c) i++;
				else if (query[i] === c) break;
			}
			continue;
		}
		if (c === '[') {
			const end = query.indexOf(']', i);
			i = end < 0 ? query.length : end;
			continue;
		}
		if (c === '(') depth++;
		if (c === ')') depth--;
		if (depth !== 0 || (i > 0 && /[\w@]/.test(query[i - 1]))) continue;
		for (const clause of CLAUSES) {
			const match = new RegExp(`^${clause.replace(' ', '\\s+')}(?![\\w])`).exec(lower.slice(i));
			if (match) {
				found.push({ clause, at: i, length: match[0].length });
				i += match[0].length - 1;
				break;
			}
		}
	}
	return found;
}

/** The clauses of a query, or `undefined` when it is not SELECT … FROM …. */
export function parseWiql(query: string): WiqlParts | undefined {
	const starts = clauseStarts(query);
	const text = (clause: Clause) => {
		const index = starts.findIndex((start) => start.clause === clause);
		if (index < 0) return undefined;
		const { at, length } = starts[index];
		const end = index + 1 < starts.length ? starts[index + 1].at : query.length;
		return query.slice(at + length, end).trim();
	};
	if (starts[0]?.clause !== 'select' || text('from') === undefined) return undefined;
	const asOfStart = starts.find((start) => start.clause === 'asof');
	const asOfText = text('asof');
	return {
		from: (text('from') ?? '').toLowerCase(),
		where: text('where') ?? '',
		asOf: asOfStart && asOfText ? `ASOF ${asOfText}` : '',
		hasMode: starts.some((start) => start.clause === 'mode'),
	};
}

/** Whether the package can add conditions to the query and page it by id: a flat query of work items. */
export const isFlatQuery = (parts: WiqlParts | undefined): parts is WiqlParts =>
	parts !== undefined && parts.from === 'workitems' && !parts.hasMode;

/**
 * A flat query's ids, with more conditions, from just above `afterId`, in ascending id order: one page of a
 * query read past WIQL's cap.
 */
export function idPageQuery(
	parts: WiqlParts,
	conditions: readonly string[],
	afterId: number,
): string {
	const all = [parts.where ? `(${parts.where})` : '', ...conditions.map((c) => `(${c})`)];
	if (afterId > 0) all.push(`[System.Id] > ${afterId}`);
	const where = all.filter(Boolean).join(' AND ');
	return `SELECT [System.Id] FROM WorkItems${where ? ` WHERE ${where}` : ''} ORDER BY [System.Id] ASC${parts.asOf ? ` ${parts.asOf}` : ''}`;
}

/** A flat query with more conditions, selecting `fields`: what a link to Azure Boards opens. */
export function narrowedQuery(
	parts: WiqlParts,
	conditions: readonly string[],
	fields: readonly string[],
): string {
	const all = [parts.where ? `(${parts.where})` : '', ...conditions.map((c) => `(${c})`)];
	const where = all.filter(Boolean).join(' AND ');
	const select = fields.map((field) => `[${field}]`).join(', ');
	return `SELECT ${select} FROM WorkItems${where ? ` WHERE ${where}` : ''}${parts.asOf ? ` ${parts.asOf}` : ''}`;
}
