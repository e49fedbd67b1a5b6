import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { PolledChange } from '../../shared/polling/poll';
import type { TimeOrderedSource } from '../../shared/polling/windowReader';
import { deliveryKey } from '../../shared/webhook/repeats';
import { eventDefinition } from '../events';
import { deliveryItem } from '../trigger/payload';
import { azureDevOpsApiRequest, projectSegment } from '../transport';

/**
 * Completed builds, classic and YAML pipeline runs alike, listed by finish time
 * (docs/contracts/azure-devops.md, "Builds"): `statusFilter=completed`, `queryOrder=finishTimeAscending` and
 * `minTime`, read through the shared time window. Each becomes the item the Azure DevOps Trigger outputs
 * for `build.complete`, the build as `resource`.
 */

/** Builds per request. */
export const BUILDS_PAGE_SIZE = 100;

/** How long Azure Pipelines keeps a run by default; older runs may be gone (docs/contracts/azure-devops.md). */
export const BUILD_RETENTION_DAYS = 30;

/** The Build Status filter of the Azure DevOps Trigger, as the builds list's `resultFilter`. */
const RESULTS: Record<string, string> = {
	Succeeded: 'succeeded',
	PartiallySucceeded: 'partiallySucceeded',
	Failed: 'failed',
	Stopped: 'canceled',
};

export interface BuildFilters {
	/** The pipeline (build definition) by name, as the service hook filters it. */
	definitionName?: string;
	buildStatus?: string;
}

export const finishInstant = (build: IDataObject): number =>
	Date.parse(typeof build.finishTime === 'string' ? build.finishTime : '');

const buildKey = (build: IDataObject): string => `build:${String(build.id)}`;

async function listBuilds(
	context: IPollFunctions,
	project: string,
	query: IDataObject,
): Promise<IDataObject[]> {
	const answer = await azureDevOpsApiRequest<IDataObject>(context, {
		method: 'GET',
		path: `${projectSegment(project)}/_apis/build/builds`,
		scope: 'build',
		qs: { statusFilter: 'completed', ...query },
	});
	return Array.isArray(answer?.value) ? (answer.value as IDataObject[]) : [];
}

/**
 * The builds list as a time-ordered source. The list pages with a continuation token in a response header,
 * which the transport does not return: a later page at one instant is read by asking for more (`$top`) and
 * skipping the first pages (builds sharing one millisecond of finish time are rare).
 */
export function buildSource(
	context: IPollFunctions,
	project: string,
	filters: BuildFilters,
): TimeOrderedSource<IDataObject> {
	const result = RESULTS[filters.buildStatus ?? ''];
	return {
		pageSize: BUILDS_PAGE_SIZE,
		instantOf: finishInstant,
		keyOf: buildKey,
		async fetch(floor, page) {
			const builds = await listBuilds(context, project, {
				queryOrder: 'finishTimeAscending',
				// `minTime` may or may not include the instant itself (UNCONFIRMED): ask from just before it.
				minTime: new Date(floor - 1).toISOString(),
				$top: BUILDS_PAGE_SIZE * page,
				...(result ? { resultFilter: result } : {}),
			});
			return builds.slice(BUILDS_PAGE_SIZE * (page - 1));
		},
	};
}

/** Whether a build is from the pipeline the trigger's filter names (any when none). */
export function buildWanted(build: IDataObject, filters: BuildFilters): boolean {
	const name = (filters.definitionName ?? '').trim().toLowerCase();
	if (!name) return true;
	const definition = build.definition as IDataObject | undefined;
	return String(definition?.name ?? '').toLowerCase() === name;
}

/** The item the Azure DevOps Trigger outputs for this build's `build.complete`. */
export function buildChange(build: IDataObject): PolledChange {
	const project = build.project as IDataObject | undefined;
	const definition = build.definition as IDataObject | undefined;
	const message = `Build ${String(build.buildNumber ?? build.id)} ${String(build.result ?? 'completed')}${definition?.name ? ` (${String(definition.name)})` : ''}`;
	const json = deliveryItem({
		eventType: 'build.complete',
		publisherId: 'tfs',
		message: { text: message, html: message, markdown: message },
		resource: build,
		resourceVersion: eventDefinition('build.complete')?.resourceVersion ?? '1.0',
		resourceContainers: project?.id ? { project: { id: String(project.id) } } : {},
		createdDate: typeof build.finishTime === 'string' ? build.finishTime : undefined,
	});
	return { json, key: deliveryKey(['azure-devops-build', String(build.id)]) };
}

/** The newest completed build of the project, for Fetch Test Event. */
export async function latestBuild(
	context: IPollFunctions,
	project: string,
): Promise<IDataObject | undefined> {
	const [build] = await listBuilds(context, project, {
		queryOrder: 'finishTimeDescending',
		$top: 1,
	});
	return build;
}
