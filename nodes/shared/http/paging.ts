import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';

/**
 * What every paging loop of the package shares (docs/performance.md, "Every list bounded"): a cap on pages, a
 * page or cursor that comes back is an error rather than a loop, and a list stopped part way says how far it
 * got.
 */

/**
 * Adds to a failure during a list how far the list got, so that a Return All stopped by a rate limit or an
 * outage says what was read before it.
 */
export function stoppedAfter(error: unknown, records: number, pages: number): unknown {
	if (!(error instanceof NodeApiError || error instanceof NodeOperationError) || pages === 0) {
		return error;
	}
	const note = `The list was stopped after ${records} records in ${pages} pages.`;
	error.description = error.description ? `${error.description} ${note}` : note;
	return error;
}

/** A service that answered a page (or a cursor) it had answered before: the loop ends here. */
export function repeatedPage(
	node: INode,
	service: string,
	page: number,
	records: number,
): NodeOperationError {
	return new NodeOperationError(
		node,
		`${service} answered page ${page} with records it had already sent`,
		{
			description: `Read ${records} records before the repeat. The list may be changing while it is read, or the service ignores the paging parameters: retry later, or narrow the list with filters.`,
		},
	);
}

/** A list longer than a loop reads. */
export function tooManyPages(
	node: INode,
	service: string,
	pages: number,
	records: number,
): NodeOperationError {
	return new NodeOperationError(node, `${service} has more than ${pages} pages here`, {
		description: `Stopped after ${records} records in ${pages} pages. Narrow the list with filters, or set a Limit.`,
	});
}

/**
 * Cursors of one listing, for a loop that follows `nextCursor`: each must be new, and there may be at most
 * `maxPages` of them.
 */
export class CursorTrail {
	private readonly seen = new Set<string>();

	private pages = 0;

	constructor(
		private readonly node: INode,
		private readonly service: string,
		private readonly maxPages: number,
	) {}

	/** Records a page read and the cursor to the next one: an error when it came before or pages run out. */
	next(cursor: string | undefined, records: number): string | undefined {
		this.pages++;
		if (cursor === undefined || cursor === '') return undefined;
		if (this.seen.has(cursor)) {
			throw repeatedPage(this.node, this.service, this.pages + 1, records);
		}
		if (this.pages >= this.maxPages) {
			throw tooManyPages(this.node, this.service, this.maxPages, records);
		}
		this.seen.add(cursor);
		return cursor;
	}
}
