import type { IDataObject } from 'n8n-workflow';

import type { ApiContext } from '../shared/http/context';
import { repeatedPage, stoppedAfter, tooManyPages } from '../shared/http/paging';
import { TAPD_PAGE_SIZE, tapdApiRequest, unwrapRecord, type TapdListRequest } from './transport';

/**
 * TAPD's lists read page by page (docs/contracts/tapd.md, "Paging"): in a stable order (by id unless the user
 * chose another), paced within the account's quota by the retry policy, each page checked to move on, and at
 * most {@link MAX_PAGES} pages.
 */

/** A Return All reads at most this many pages of 200 (200,000 records). */
export const MAX_PAGES = 1000;

/** The query of every page: ordered by id unless an order was chosen, and `id` among chosen fields. */
function pageQuery(request: TapdListRequest) {
	const order = String(request.qs?.order ?? '').trim();
	const fields = String(request.qs?.fields ?? '')
		.split(',')
		.map((field) => field.trim())
		.filter(Boolean);
	if (fields.length > 0 && !fields.includes('id')) fields.push('id');
	return {
		...request.qs,
		order: order || 'id asc',
		...(fields.length ? { fields: fields.join(',') } : {}),
	};
}

/**
 * Reads every page (200 records each) of a list endpoint, or only as many as `limit` asks for, and stops at
 * the first short page. A record read twice (a page served again, or an order that is not stable) ends the
 * list with an error, as does a list longer than {@link MAX_PAGES} pages;
 * a failure part way (a rate limit that outlasted the retries) says how far the list got.
 */
export async function tapdApiRequestAllItems(
	context: ApiContext,
	request: TapdListRequest,
	limit?: number,
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	const pageSize = limit === undefined ? TAPD_PAGE_SIZE : Math.min(TAPD_PAGE_SIZE, limit);
	const qs = pageQuery(request);
	const seen = new Set<string>();
	for (let page = 1; page <= MAX_PAGES; page++) {
		const data = await tapdApiRequest(context, {
			path: request.path,
			qs: { ...qs, limit: pageSize, page },
		}).catch((error: unknown) => {
			throw stoppedAfter(error, results.length, page - 1);
		});
		const entries = Array.isArray(data) ? data : [];
		for (const entry of entries) {
			const record = unwrapRecord(entry, request.recordKey);
			const id =
				typeof record.id === 'string' || typeof record.id === 'number' ? String(record.id) : '';
			if (id !== '' && seen.has(id))
				throw repeatedPage(context.getNode(), 'TAPD', page, results.length);
			if (id !== '') seen.add(id);
			results.push(record);
		}
		if (limit !== undefined && results.length >= limit) return results.slice(0, limit);
		if (entries.length < pageSize) return results;
	}
	throw tooManyPages(context.getNode(), 'TAPD', MAX_PAGES, results.length);
}
