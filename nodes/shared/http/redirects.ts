import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

/**
 * Redirects of requests that carry a credential. n8n's request helpers follow redirects and, unless told
 * otherwise, send the Authorization header again to whatever origin the redirect names; headers a node or
 * credential sets itself (`X-N8N-API-KEY`) and the body of a 307/308 (a token request's client secret)
 * travel in any case (docs/n8n.md, "Redirects"). So every such request asks n8n not to follow, and
 * {@link sendWithinOrigin} decides: a redirect within the same origin (scheme, host and port) is followed,
 * a few times at most; one to another origin is refused before anything is sent there.
 */

/** How many redirects within the origin one request may follow. */
export const MAX_SAME_ORIGIN_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** A redirect that was not followed, in words an error message may carry: origins only, never a path or query. */
export interface RefusedRedirect {
	status: number;
	/** The origin the request was sent to. */
	from: string;
	/** The origin the redirect named, or a note that it named no valid address. */
	to: string;
	reason: 'otherOrigin' | 'tooMany';
}

/** Options that keep n8n from following any redirect (both n8n 1.x and 2.x honour the first). */
export function withoutRedirects(options: IHttpRequestOptions): IHttpRequestOptions {
	return { ...options, disableFollowRedirect: true, sendCredentialsOnCrossOriginRedirect: false };
}

const ABSOLUTE = /^([a-z][a-z\d+\-.]*:)?\/\//i;

/** The address a request goes to, `baseURL` and `url` joined as axios joins them (the query aside). */
export function requestUrl(options: Pick<IHttpRequestOptions, 'url' | 'baseURL'>): URL | undefined {
	const { url, baseURL } = options;
	const joined =
		baseURL && !ABSOLUTE.test(url)
			? `${baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`
			: url;
	try {
		return new URL(joined);
	} catch {
		return undefined;
	}
}

function locationOf(response: IN8nHttpFullResponse): string | undefined {
	const value = response.headers?.location as unknown;
	const location = Array.isArray(value) ? value[0] : value;
	return typeof location === 'string' && location.trim() !== '' ? location.trim() : undefined;
}

/** As browsers do: 303, and 301/302 after a POST, repeat the request as a GET without its body. */
function becomesGet(method: string, status: number): boolean {
	if (status === 303) return method !== 'GET' && method !== 'HEAD';
	return (status === 301 || status === 302) && method === 'POST';
}

function withoutContentHeaders(
	headers: IHttpRequestOptions['headers'],
): IHttpRequestOptions['headers'] {
	if (!headers) return headers;
	return Object.fromEntries(
		Object.entries(headers).filter(([name]) => !/^content-/i.test(name)),
	) as IHttpRequestOptions['headers'];
}

/** What to do with an answer: nothing (not a redirect), follow it, or refuse it. */
export type RedirectStep =
	| { follow: IHttpRequestOptions }
	| { refuse: RefusedRedirect }
	| undefined;

/** The next step after `response` to `request`, which already followed `hops` redirects. */
export function redirectStep(
	request: IHttpRequestOptions,
	response: IN8nHttpFullResponse,
	hops: number,
): RedirectStep {
	const location = locationOf(response);
	if (!REDIRECT_STATUSES.has(response.statusCode) || location === undefined) return undefined;
	const current = requestUrl(request);
	const status = response.statusCode;
	const from = current?.origin ?? 'the configured address';
	let next: URL | undefined;
	try {
		next = new URL(location, current);
	} catch {
		next = undefined;
	}
	if (!current || !next || !/^https?:$/.test(next.protocol) || next.origin !== current.origin) {
		const to =
			next && /^https?:$/.test(next.protocol)
				? next.origin
				: 'an address that is not an http(s) URL';
		return { refuse: { status, from, to, reason: 'otherOrigin' } };
	}
	if (hops >= MAX_SAME_ORIGIN_REDIRECTS) {
		return { refuse: { status, from, to: next.origin, reason: 'tooMany' } };
	}
	const method = (request.method ?? 'GET').toUpperCase();
	const follow: IHttpRequestOptions = { ...request, url: next.href };
	delete follow.baseURL;
	delete follow.qs;
	if (becomesGet(method, status)) {
		follow.method = 'GET';
		delete follow.body;
		follow.headers = withoutContentHeaders(follow.headers);
	}
	return { follow };
}

/**
 * Sends `options` without letting n8n follow redirects, follows those that stay within the origin (at most
 * {@link MAX_SAME_ORIGIN_REDIRECTS}), and throws `refuse(…)` for any other: the credential, custom headers
 * and body never reach another origin. `send` makes one request and returns the full response.
 */
export async function sendWithinOrigin(
	send: (options: IHttpRequestOptions) => Promise<IN8nHttpFullResponse>,
	options: IHttpRequestOptions,
	refuse: (redirect: RefusedRedirect) => Error,
): Promise<IN8nHttpFullResponse> {
	let request = withoutRedirects(options);
	for (let hops = 0; ; hops++) {
		const response = await send(request);
		const step = redirectStep(request, response, hops);
		if (step === undefined) return response;
		if ('refuse' in step) throw refuse(step.refuse);
		request = step.follow;
	}
}

/** A refused redirect in a sentence, for messages: "redirected the request to https://sso.example.com (HTTP 302)". */
export function redirectSentence(redirect: RefusedRedirect): string {
	return redirect.reason === 'tooMany'
		? `redirected the request more than ${MAX_SAME_ORIGIN_REDIRECTS} times (last HTTP ${redirect.status}, within ${redirect.from})`
		: `redirected the request to ${redirect.to} (HTTP ${redirect.status}), another address than ${redirect.from}`;
}
