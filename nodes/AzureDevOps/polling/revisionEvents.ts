import type { IDataObject } from 'n8n-workflow';

import type { PolledChange } from '../../shared/polling/poll';
import { deliveryKey } from '../../shared/webhook/repeats';
import { eventDefinition } from '../events';
import { deliveryItem, type Envelope } from '../trigger/payload';
import type { Revision } from './revisions';

/**
 * Turns a work item revision into the item the Azure DevOps Trigger would output for the same event
 * (`workitem.created`, `.updated`, `.deleted`, `.restored`): a service-hook envelope built from the revision,
 * passed through the trigger's own `deliveryItem`. What changed is found by comparing the revision with the
 * one before it, as the service hook's `resource.fields` shows it (`{ oldValue, newValue }`).
 */

export type WorkItemEvent =
	| 'workitem.created'
	| 'workitem.updated'
	| 'workitem.deleted'
	| 'workitem.restored';

export const WORK_ITEM_EVENTS: readonly WorkItemEvent[] = [
	'workitem.created',
	'workitem.updated',
	'workitem.deleted',
	'workitem.restored',
];

/** The trigger's filters that apply to work items (names as in the Azure DevOps Trigger). */
export interface WorkItemFilters {
	areaPath?: string;
	workItemType?: string;
	changedFields?: string;
}

export interface RevisionEventsOptions {
	events: ReadonlySet<string>;
	filters: WorkItemFilters;
	/** The organization URL, for the links a delivery carries. */
	organizationUrl: string;
	projectId?: string;
	/** The revision before `rev` of work item `id`, or `undefined` when Azure DevOps no longer has it. */
	previous(id: number, rev: number): Promise<Revision | undefined>;
}

const isDeleted = (revision: Revision | undefined): boolean =>
	revision?.fields['System.IsDeleted'] === true;

/**
 * Which event a revision is. A move to the recycle bin is a revision with `System.IsDeleted` true and a
 * restore one where it turns false again (UNCONFIRMED, docs/contracts/azure-devops.md); the first revision is
 * the creation. The previous revision is fetched only when the answer depends on it and the event is wanted.
 */
async function eventOf(
	revision: Revision,
	options: RevisionEventsOptions,
): Promise<{ event: WorkItemEvent; previous?: Revision } | undefined> {
	if (isDeleted(revision)) return { event: 'workitem.deleted' };
	if (revision.rev <= 1) return { event: 'workitem.created' };
	if (!options.events.has('workitem.updated') && !options.events.has('workitem.restored')) {
		return undefined;
	}
	const previous = await options.previous(revision.id, revision.rev);
	return { event: isDeleted(previous) ? 'workitem.restored' : 'workitem.updated', previous };
}

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The fields that differ from the previous revision, as `{ oldValue, newValue }` (either may be absent). */
export function changedFields(revision: Revision, previous: Revision | undefined): IDataObject {
	if (!previous) return {};
	const changes: IDataObject = {};
	const names = new Set([...Object.keys(previous.fields), ...Object.keys(revision.fields)]);
	for (const name of names) {
		const before = previous.fields[name];
		const after = revision.fields[name];
		if (sameValue(before, after)) continue;
		changes[name] = {
			...(before === undefined ? {} : { oldValue: before }),
			...(after === undefined ? {} : { newValue: after }),
		};
	}
	return changes;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Whether the revision passes the trigger's filters (area path and below, type, changed fields). */
function passesFilters(
	revision: Revision,
	event: WorkItemEvent,
	changes: IDataObject,
	filters: WorkItemFilters,
): boolean {
	const area = text(filters.areaPath).trim();
	if (area) {
		const path = text(revision.fields['System.AreaPath']);
		if (
			path.toLowerCase() !== area.toLowerCase() &&
			!path.toLowerCase().startsWith(`${area.toLowerCase()}\\`)
		) {
			return false;
		}
	}
	const type = text(filters.workItemType).trim();
	if (type && text(revision.fields['System.WorkItemType']).toLowerCase() !== type.toLowerCase()) {
		return false;
	}
	const wanted = text(filters.changedFields)
		.split(',')
		.map((name) => name.trim().toLowerCase())
		.filter(Boolean);
	if (event === 'workitem.updated' && wanted.length) {
		return Object.keys(changes).some((name) => wanted.includes(name.toLowerCase()));
	}
	return true;
}

const VERBS: Record<WorkItemEvent, string> = {
	'workitem.created': 'created',
	'workitem.updated': 'updated',
	'workitem.deleted': 'deleted',
	'workitem.restored': 'restored',
};

/** Who made the revision: a display name, from an identity or from `Name <address>`. */
function changedBy(revision: Revision): string {
	const by = revision.fields['System.ChangedBy'];
	if (by && typeof by === 'object') return text((by as IDataObject).displayName);
	return text(by).replace(/\s*<[^>]*>\s*$/, '');
}

/** The envelope Azure DevOps would have delivered for this revision's event. */
export function revisionEnvelope(
	revision: Revision,
	event: WorkItemEvent,
	changes: IDataObject,
	options: Pick<RevisionEventsOptions, 'organizationUrl' | 'projectId'>,
): Envelope {
	const { id, rev, fields } = revision;
	const base = options.organizationUrl;
	const project = encodeURIComponent(text(fields['System.TeamProject']));
	const html = { href: `${base}/${project}/_workitems/edit/${id}` };
	const workItemUrl = `${base}/_apis/wit/workItems/${id}`;
	const resource: IDataObject =
		event === 'workitem.updated'
			? {
					id: rev,
					workItemId: id,
					rev,
					revisedBy: fields['System.ChangedBy'],
					revisedDate: fields['System.ChangedDate'],
					fields: changes,
					_links: { html, parent: { href: workItemUrl } },
					url: `${workItemUrl}/updates/${rev}`,
					revision: { id, rev, fields, url: `${workItemUrl}/revisions/${rev}` },
				}
			: { id, rev, fields, _links: { html }, url: workItemUrl };
	const title = `${text(fields['System.WorkItemType']) || 'Work item'} #${id} (${text(fields['System.Title'])})`;
	const by = changedBy(revision);
	const message = `${title} ${VERBS[event]}${by ? ` by ${by}` : ''}`;
	return {
		eventType: event,
		publisherId: 'tfs',
		message: { text: message, html: message, markdown: message },
		resource,
		resourceVersion: eventDefinition(event)?.resourceVersion ?? '1.0',
		resourceContainers: options.projectId ? { project: { id: options.projectId } } : {},
		createdDate: text(fields['System.ChangedDate']) || undefined,
	};
}

/** A revision's identity, the item's `dedupe_key`: the same revision is the same change wherever it is read. */
export const revisionDedupeKey = (revision: Revision): string =>
	deliveryKey(['azure-devops-revision', revision.id, revision.rev]);

/** The change a revision is, or `undefined` when its event is not selected or a filter leaves it out. */
export async function revisionChange(
	revision: Revision,
	options: RevisionEventsOptions,
): Promise<PolledChange | undefined> {
	const classified = await eventOf(revision, options);
	if (!classified || !options.events.has(classified.event)) return undefined;
	const changes =
		classified.event === 'workitem.updated' ? changedFields(revision, classified.previous) : {};
	if (!passesFilters(revision, classified.event, changes, options.filters)) return undefined;
	const envelope = revisionEnvelope(revision, classified.event, changes, options);
	return { json: deliveryItem(envelope), key: revisionDedupeKey(revision) };
}
