import type {
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodeProperties,
	IWebhookFunctions,
} from 'n8n-workflow';

/**
 * n8n's resource locator (From List with search, By URL, By ID) as every node of this package builds it, and
 * the two ways its value is read. n8n itself applies a URL mode's regex when a node asks for the value with
 * `extractValue` (docs/n8n.md, "Resource locators").
 */

export interface LocatorSpec {
	displayName: string;
	name: string;
	/** What one item is called in messages: "project", "work item". */
	noun: string;
	/** A `methods.listSearch` function of the node; without one, the locator offers By URL and By ID only. */
	searchListMethod?: string;
	/**
	 * A pasted address: an example, and the regex that finds the value in it (its one group), anchored at the
	 * start with `^`; the rest of the address may be anything.
	 */
	url: { placeholder: string; regex: string };
	/** A typed ID: an example and, when IDs have a fixed shape, the regex the whole ID must match. */
	id: { placeholder: string; regex?: string; hint?: string };
	description?: string;
	required?: boolean;
}

/**
 * A resource locator property, From List first (n8n's UX guidelines). n8n checks a value against a mode's
 * validation regex as a whole (`^…$`, docs/n8n.md, "Resource locators"), while it takes the value out of a URL
 * by searching it with the extraction regex. An optional locator accepts an empty value in every mode: n8n
 * refuses to publish a workflow with a failed validation, even of a field left empty, and extracting from an
 * empty URL would fail every run; empty, it reads as ''.
 */
export function resourceLocator(spec: LocatorSpec): INodeProperties {
	const { noun, searchListMethod } = spec;
	const orEmpty = (regex: string) => (spec.required ? regex : `(?:${regex})?`);
	const wholeUrl = orEmpty(`${spec.url.regex.replace(/^\^/, '')}.*`);
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: searchListMethod ? 'list' : 'id', value: '' },
		...(spec.required ? { required: true } : {}),
		...(spec.description ? { description: spec.description } : {}),
		modes: [
			...(searchListMethod
				? [
						{
							displayName: 'From List',
							name: 'list',
							type: 'list' as const,
							placeholder: `Select a ${noun}...`,
							typeOptions: { searchListMethod, searchable: true },
						},
					]
				: []),
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: spec.url.placeholder,
				extractValue: {
					type: 'regex',
					regex: spec.required ? spec.url.regex : `^$|${spec.url.regex}`,
				},
				validation: [
					{
						type: 'regex',
						properties: { regex: wholeUrl, errorMessage: `Not a ${noun} URL` },
					},
				],
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: spec.id.placeholder,
				...(spec.id.hint ? { hint: spec.id.hint } : {}),
				...(spec.id.regex
					? {
							validation: [
								{
									type: 'regex',
									properties: {
										regex: orEmpty(spec.id.regex),
										errorMessage: `Not a valid ${noun} ID`,
									},
								},
							],
						}
					: {}),
			},
		],
	};
}

/** The value a locator (or a plain parameter) holds for an item: the ID, taken out of a URL if need be. */
export function locatorValue(context: IExecuteFunctions, name: string, itemIndex: number): string {
	return String(context.getNodeParameter(name, itemIndex, '', { extractValue: true }) ?? '').trim();
}

/** The same for a trigger's lifecycle and deliveries, which have no items. */
export function triggerLocatorValue(
	context: IHookFunctions | IWebhookFunctions,
	name: string,
): string {
	return String(context.getNodeParameter(name, '', { extractValue: true }) ?? '').trim();
}

/**
 * The value another parameter holds while the editor loads a list, or '' while it is empty or not yet a
 * valid URL (the list then stays empty instead of failing).
 */
export function currentLocatorValue(context: ILoadOptionsFunctions, name: string): string {
	try {
		return String(context.getCurrentNodeParameter(name, { extractValue: true }) ?? '').trim();
	} catch {
		return '';
	}
}

/** Whether an item matches what the user typed into the list's search box (case-insensitive). */
export function matchesFilter(filter: string | undefined, ...texts: unknown[]): boolean {
	const wanted = (filter ?? '').trim().toLowerCase();
	if (!wanted) return true;
	return texts.some((text) => text !== undefined && String(text).toLowerCase().includes(wanted));
}

/** How many items a list answer holds when the service sends everything at once. */
export const LIST_PAGE_SIZE = 100;

/** A search reads further pages until this many items match (or the list ends, or it has read 10 pages). */
const ENOUGH_MATCHES = 20;
const MAX_PAGES_PER_SEARCH = 10;

/** One page of a list the service pages itself: its items, and where the next page starts (none at the end). */
export type ListPage = { items: INodeListSearchItems[]; next?: string };

/**
 * Searches a list the service pages but cannot filter: reads pages from the token's position and keeps the
 * items that match, until enough match; the token it returns continues where it stopped.
 */
export async function searchPages(
	readPage: (position: string | undefined) => Promise<ListPage>,
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const results: INodeListSearchItems[] = [];
	let position = paginationToken || undefined;
	for (let pages = 0; pages < MAX_PAGES_PER_SEARCH; pages++) {
		const page = await readPage(position);
		results.push(...page.items.filter((item) => matchesFilter(filter, item.name, item.value)));
		position = page.next;
		if (position === undefined || results.length >= ENOUGH_MATCHES) break;
	}
	return { results, ...(position === undefined ? {} : { paginationToken: position }) };
}

/**
 * One page of a list the service returns whole (no paging of its own): filtered, then cut at the offset the
 * token holds. The editor asks for the next page with the token when the user scrolls.
 */
export function pageOfList(
	items: INodeListSearchItems[],
	filter: string | undefined,
	paginationToken: string | undefined,
	pageSize = LIST_PAGE_SIZE,
): INodeListSearchResult {
	const matching = items.filter((item) => matchesFilter(filter, item.name, item.value));
	const offset = Number(paginationToken) > 0 ? Number(paginationToken) : 0;
	const end = offset + pageSize;
	return {
		results: matching.slice(offset, end),
		...(end < matching.length ? { paginationToken: String(end) } : {}),
	};
}
