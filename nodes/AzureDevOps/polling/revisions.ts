import { NodeApiError, type IDataObject, type IPollFunctions } from 'n8n-workflow';

import type { PolledChange } from '../../shared/polling/poll';
import {
	advance,
	floorOf,
	isWanted,
	windowFrom,
	type Dealt,
	type TimeWindow,
} from '../../shared/polling/timeWindow';
import { azureDevOpsApiRequest, projectSegment } from '../transport';

/**
 * Reads work item revisions from Azure DevOps' Reporting Work Item Revisions API
 * (docs/contracts/azure-devops.md, "Reporting work item revisions"): every revision of the project once, in
 * batches, each answer with the `continuationToken` of the next batch and `isLastBatch` once caught up. The
 * token is the watermark; the time of the newest revision read, with the revisions emitted just before it,
 * lets the trigger resume by time when Azure DevOps refuses a stored token.
 */

/** One revision as the API lists it: the work item's fields as they were after that revision. */
export interface Revision {
	id: number;
	rev: number;
	fields: IDataObject;
}

export interface RevisionCursor {
	/** The token of the next batch to read; none before the first answer or after a refusal. */
	token?: string;
	/** The revisions of that batch a poll already dealt with, when it stopped inside the batch. */
	done: string[];
	/** The newest `System.ChangedDate` read and the revisions emitted shortly before it. */
	recent: TimeWindow;
}

/** What the trigger does with each revision: remember it (every one), and make it a change or not. */
export interface RevisionHandler {
	remember(revision: Revision): void;
	change(revision: Revision): Promise<PolledChange | undefined>;
}

export interface RevisionLimits {
	maxChanges: number;
	deadline: number;
	maxRequests: number;
	lookbackMs: number;
}

/** Revisions per request: the API's own default page is 200 (UNCONFIRMED); asking for it keeps pages even. */
export const REVISIONS_PAGE_SIZE = 200;

export const revisionKey = (revision: Revision): string => `${revision.id}:${revision.rev}`;

export const changedInstant = (revision: Revision): number =>
	Date.parse(String(revision.fields['System.ChangedDate'] ?? ''));

export function cursorFrom(value: unknown): RevisionCursor | undefined {
	if (value === null || typeof value !== 'object') return undefined;
	const stored = value as IDataObject;
	const recent = windowFrom(stored.recent);
	if (!recent) return undefined;
	return {
		token: typeof stored.token === 'string' && stored.token ? stored.token : undefined,
		done: Array.isArray(stored.done) ? stored.done.filter((key) => typeof key === 'string') : [],
		recent,
	};
}

function asRevision(value: unknown): Revision | undefined {
	if (value === null || typeof value !== 'object') return undefined;
	const { id, rev, fields } = value as IDataObject;
	if (typeof id !== 'number' || typeof rev !== 'number' || !fields || typeof fields !== 'object') {
		return undefined;
	}
	return { id, rev, fields: fields as IDataObject };
}

/** Azure DevOps answers 400 to a continuation token it no longer takes (UNCONFIRMED: no page says so). */
const isRefusedToken = (error: unknown): boolean =>
	error instanceof NodeApiError && String(error.httpCode) === '400';

export interface RevisionRead {
	changes: PolledChange[];
	cursor: RevisionCursor;
	/** Azure DevOps refused the stored token: the read resumed by time. */
	tokenRefused: boolean;
	more: boolean;
}

/**
 * Reads the revisions after the cursor until Azure DevOps says it is the last batch, or the poll has its
 * changes, time or requests. An unchanged project costs one request. The cursor returned has moved only
 * over the revisions dealt with: a poll that stops inside a batch keeps that batch's token and the keys
 * it dealt with, and the next poll reads the batch again and skips them.
 */
export async function readRevisions(
	context: IPollFunctions,
	scope: { project: string; types: readonly string[] },
	cursor: RevisionCursor,
	limits: RevisionLimits,
	handler: RevisionHandler,
	now: () => number = Date.now,
): Promise<RevisionRead> {
	const changes: PolledChange[] = [];
	const dealt: Dealt[] = [];
	let token = cursor.token;
	let done = new Set(cursor.done);
	let tokenRefused = false;
	let more = false;
	for (let requests = 0; ; requests++) {
		if (requests >= limits.maxRequests || (requests > 0 && now() >= limits.deadline)) {
			more = true;
			break;
		}
		const position: IDataObject = token
			? { continuationToken: token }
			: // Without a token (the first read, or after a refusal) by time, the whole lookback before the newest
				// revision read; "after" this time (docs/contracts/azure-devops.md): from just before, to include it.
				{
					startDateTime: new Date(
						floorOf(cursor.recent, limits.lookbackMs, cursor.recent.at) - 1,
					).toISOString(),
				};
		const answer = await azureDevOpsApiRequest<IDataObject>(context, {
			method: 'GET',
			path: `${projectSegment(scope.project)}/_apis/wit/reporting/workitemrevisions`,
			scope: 'workItems',
			qs: {
				...position,
				includeDeleted: true,
				$maxPageSize: REVISIONS_PAGE_SIZE,
				...(scope.types.length ? { types: scope.types.join(',') } : {}),
			},
		}).then(
			(batch) => ({ batch }),
			(error: unknown) => ({ error }),
		);
		if ('error' in answer) {
			// A refused token is read again by time; any other failure ends the poll, watermark unchanged.
			if (!token || !isRefusedToken(answer.error)) throw answer.error;
			tokenRefused = true;
			token = undefined;
			done = new Set();
			continue;
		}
		const { batch } = answer;
		const values = Array.isArray(batch?.values) ? batch.values : [];
		for (const value of values) {
			const revision = asRevision(value);
			if (!revision) continue;
			handler.remember(revision);
			const key = revisionKey(revision);
			const instant = changedInstant(revision);
			if (done.has(key)) continue;
			if (Number.isFinite(instant) && !isWanted(cursor.recent, key, instant)) {
				done.add(key);
				continue;
			}
			const change = await handler.change(revision);
			if (change && changes.length >= limits.maxChanges) {
				return finish(true);
			}
			done.add(key);
			if (Number.isFinite(instant)) dealt.push({ key, instant, emitted: change !== undefined });
			if (change) changes.push(change);
		}
		const next = typeof batch?.continuationToken === 'string' ? batch.continuationToken : undefined;
		token = next ?? token;
		done = new Set();
		if (batch?.isLastBatch === true || values.length === 0 || !next) break;
	}
	return finish(more);

	function finish(stoppedEarly: boolean): RevisionRead {
		return {
			changes,
			cursor: {
				...(token ? { token } : {}),
				done: [...done],
				recent: advance(cursor.recent, dealt, limits.lookbackMs),
			},
			tokenRefused,
			more: stoppedEarly,
		};
	}
}
