import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import type { IdentityPart } from '../../shared/webhook/repeats';

/**
 * The service-hook envelope (docs/contracts/azure-devops.md). Only what the trigger relies on is required;
 * everything else, including `resource`, whose shape depends on the event and on "resource details to
 * send", passes through.
 */
const messageSchema = z
	.object({ text: z.string().optional(), html: z.string().optional() })
	.passthrough();

export const envelopeSchema = z
	.object({
		subscriptionId: z.string().optional(),
		notificationId: z.union([z.number(), z.string()]).optional(),
		id: z.string().optional(),
		eventType: z.string().min(1),
		publisherId: z.string().optional(),
		message: messageSchema.nullish(),
		detailedMessage: messageSchema.nullish(),
		resource: z.record(z.unknown()).nullish(),
		resourceVersion: z.string().optional(),
		resourceContainers: z.record(z.unknown()).nullish(),
		createdDate: z.string().optional(),
	})
	.passthrough();

export type Envelope = z.infer<typeof envelopeSchema>;

/** What makes one notification unique across Azure DevOps' retries of it. */
export function notificationIdentity(envelope: Envelope): IdentityPart[] | undefined {
	if (envelope.notificationId !== undefined && envelope.notificationId !== '') {
		return ['notification', envelope.subscriptionId ?? null, String(envelope.notificationId)];
	}
	return envelope.id ? ['event', envelope.id] : undefined;
}

const asObject = (value: unknown): IDataObject | undefined =>
	value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: undefined;

const firstString = (...values: unknown[]): string | undefined => {
	for (const value of values) {
		if (typeof value === 'string' && value !== '') return value;
		if (typeof value === 'number') return String(value);
	}
	return undefined;
};

/** `_links.<rel>.href`, where Azure DevOps puts the web address of a resource. */
const href = (value: IDataObject | undefined, rel: string): unknown =>
	asObject(asObject(value?._links)?.[rel])?.href;

/**
 * The object the event is about. Pipeline and release events wrap it, most specific first: an approval or
 * job event also carries its run or release, a stage event its run.
 */
function subject(resource: IDataObject | undefined): IDataObject | undefined {
	if (!resource) return undefined;
	for (const key of ['approval', 'job', 'stage', 'run', 'deployment', 'release']) {
		const inner = asObject(resource[key]);
		if (inner && (inner.id !== undefined || inner.url !== undefined)) return inner;
	}
	return resource;
}

function projectOf(envelope: Envelope): { id?: string; name?: string } {
	const resource = asObject(envelope.resource);
	const containers = asObject(envelope.resourceContainers);
	const fields = asObject(resource?.fields);
	const revisionFields = asObject(asObject(resource?.revision)?.fields);
	const repositoryProject = asObject(asObject(resource?.repository)?.project);
	const project = asObject(resource?.project) ?? repositoryProject;
	return {
		id: firstString(asObject(containers?.project)?.id, project?.id),
		name: firstString(
			project?.name,
			fields?.['System.TeamProject'],
			revisionFields?.['System.TeamProject'],
		),
	};
}

/**
 * One output item: convenient fields first (event type, project, what the event is about and where to
 * see it, the message text), then the whole envelope as Azure DevOps sent it.
 */
export function deliveryItem(envelope: Envelope): IDataObject {
	const resource = asObject(envelope.resource);
	const about = subject(resource);
	// Stages and jobs have no links of their own; their run has.
	const run = asObject(resource?.run);
	const project = projectOf(envelope);
	const summary: IDataObject = {
		eventType: envelope.eventType,
		projectId: project.id,
		projectName: project.name,
		resourceId: firstString(
			resource?.workItemId,
			resource?.pullRequestId,
			resource?.pushId,
			resource?.changesetId,
			about?.id,
			resource?.id,
		),
		resourceUrl: firstString(about?.url, run?.url, resource?.url),
		webUrl: firstString(
			href(about, 'web'),
			href(about, 'html'),
			href(run, 'web'),
			href(resource, 'web'),
			href(resource, 'html'),
		),
		messageText: envelope.message?.text,
		detailedMessageText: envelope.detailedMessage?.text,
	};
	for (const key of Object.keys(summary)) if (summary[key] === undefined) delete summary[key];
	return { ...summary, ...(envelope as IDataObject) };
}
