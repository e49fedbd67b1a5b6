import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import {
	pollOutput,
	reportProblem,
	saveWatermark,
	storedWatermark,
	type PolledChange,
} from '../../shared/polling/poll';
import {
	maxItemsPerPoll,
	pollDeadline,
	startInstant,
	startSetting,
} from '../../shared/polling/start';
import { startWindow, windowFrom } from '../../shared/polling/timeWindow';
import { readNewRecords } from '../../shared/polling/windowReader';
import { organizationBase, runWiql } from '../api/workItems';
import { azureDevOpsApiRequest, projectName, projectSegment } from '../transport';
import {
	BUILD_RETENTION_DAYS,
	buildChange,
	buildSource,
	buildWanted,
	finishInstant,
	latestBuild,
	type BuildFilters,
} from './builds';
import { DEFAULT_MAX_ITEMS } from './description';
import {
	WORK_ITEM_EVENTS,
	revisionChange,
	type RevisionEventsOptions,
	type WorkItemFilters,
} from './revisionEvents';
import { changedInstant, cursorFrom, readRevisions, type Revision } from './revisions';

/** How far before the newest build read each poll reads again, for builds Azure DevOps lists late. */
export const BUILDS_LOOKBACK_MS = 30 * 1000;

/** How far before the newest revision read a refused continuation token is made up for, by time. */
export const REVISIONS_LOOKBACK_MS = 2 * 60 * 1000;

/** Requests one poll makes at most for each kind of change (pages; previous revisions come on top). */
const MAX_REQUESTS = 50;

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Settings {
	project: string;
	events: Set<string>;
	filters: WorkItemFilters & BuildFilters;
	wantsWorkItems: boolean;
	wantsBuilds: boolean;
}

function settingsOf(context: IPollFunctions): Settings {
	const events = new Set(context.getNodeParameter('events', []) as string[]);
	const project = projectName(
		String(context.getNodeParameter('project', '', { extractValue: true }) ?? ''),
	);
	return {
		project,
		events,
		filters: context.getNodeParameter('filters', {}) as WorkItemFilters & BuildFilters,
		wantsWorkItems: WORK_ITEM_EVENTS.some((event) => events.has(event)),
		wantsBuilds: events.has('build.complete'),
	};
}

/** The revision before `rev`, from this poll's reading or from Azure DevOps (one request). */
function previousRevisions(context: IPollFunctions, project: string) {
	const known = new Map<string, Revision>();
	return {
		remember(revision: Revision) {
			known.set(`${revision.id}:${revision.rev}`, revision);
		},
		async previous(id: number, rev: number): Promise<Revision | undefined> {
			const cached = known.get(`${id}:${rev - 1}`);
			if (cached) return cached;
			const answer = await azureDevOpsApiRequest<IDataObject | undefined>(context, {
				method: 'GET',
				path: `${projectSegment(project)}/_apis/wit/workItems/${id}/revisions/${rev - 1}`,
				scope: 'workItems',
				allowNotFound: true,
			});
			if (!answer || typeof answer.fields !== 'object') return undefined;
			const revision = { id, rev: rev - 1, fields: answer.fields as IDataObject };
			known.set(`${id}:${rev - 1}`, revision);
			return revision;
		},
	};
}

async function eventOptions(
	context: IPollFunctions,
	settings: Settings,
	previous: RevisionEventsOptions['previous'],
): Promise<RevisionEventsOptions> {
	return {
		events: settings.events,
		filters: settings.filters,
		organizationUrl: await organizationBase(context),
		projectId: GUID.test(settings.project) ? settings.project : undefined,
		previous,
	};
}

/**
 * One poll: the work item revisions and the completed builds since the watermark, each kind in its own
 * bounded batch, as one execution; the watermark moves over exactly what is returned.
 */
export async function pollChanges(context: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = settingsOf(context);
	const fingerprint = JSON.stringify(['v1', settings.project.toLowerCase(), startSetting(context)]);
	const stored = storedWatermark(context, fingerprint);
	const firstStart = stored ? Date.now() : startInstant(context);
	const maxChanges = maxItemsPerPoll(context, DEFAULT_MAX_ITEMS);
	const deadline = pollDeadline(context);
	const limits = { maxChanges, deadline, maxRequests: MAX_REQUESTS };
	const changes: PolledChange[] = [];
	const watermark: IDataObject = { ...stored };

	if (settings.wantsWorkItems) {
		const types = settings.filters.workItemType ? [settings.filters.workItemType] : [];
		const typesKey = types.join(',').toLowerCase();
		const storedCursor =
			watermark.revisionTypes === typesKey ? cursorFrom(watermark.revisions) : undefined;
		const cursor = storedCursor ?? { done: [], recent: startWindow(firstStart) };
		const history = previousRevisions(context, settings.project);
		const options = await eventOptions(context, settings, history.previous);
		const read = await readRevisions(
			context,
			{ project: settings.project, types },
			cursor,
			{ ...limits, lookbackMs: REVISIONS_LOOKBACK_MS },
			{
				remember: history.remember,
				change: async (revision) => await revisionChange(revision, options),
			},
		);
		if (read.tokenRefused) {
			reportProblem(
				context,
				'Azure DevOps refused the stored continuation token of the work item revisions',
				`The trigger resumed from the time of the last revision it read (${new Date(cursor.recent.at).toISOString()}), ${REVISIONS_LOOKBACK_MS / 60000} minutes earlier to be safe; revisions already emitted are not emitted again.`,
			);
		}
		changes.push(...read.changes);
		watermark.revisions = read.cursor as unknown as IDataObject;
		watermark.revisionTypes = typesKey;
	}

	if (settings.wantsBuilds) {
		const stored = watermark.builds as IDataObject | undefined;
		const window = windowFrom(stored) ?? startWindow(firstStart);
		// When the builds list was last read to its end; a longer gap than Azure Pipelines keeps runs is reported.
		const checkedAt = typeof stored?.checkedAt === 'number' ? stored.checkedAt : window.at;
		if (Date.now() - checkedAt > BUILD_RETENTION_DAYS * DAY_MS) {
			reportProblem(
				context,
				`The builds were last read more than ${BUILD_RETENTION_DAYS} days ago`,
				`Azure Pipelines keeps runs ${BUILD_RETENTION_DAYS} days unless the project keeps them longer: builds that finished since ${new Date(checkedAt).toISOString()} and were deleted meanwhile cannot be emitted.`,
			);
		}
		const startedAt = Date.now();
		const read = await readNewRecords(
			buildSource(context, settings.project, settings.filters),
			window,
			{
				...limits,
				lookbackMs: BUILDS_LOOKBACK_MS,
				maxRecords: maxChanges,
				wanted: (build) => buildWanted(build, settings.filters),
			},
		);
		changes.push(...read.records.map(buildChange));
		// Refreshed hourly, not every poll: an unchanged watermark costs no write with durable poll cursors.
		const caughtUp = !read.more && startedAt - checkedAt > HOUR_MS;
		watermark.builds = { ...read.window, checkedAt: caughtUp ? startedAt : checkedAt };
	}

	saveWatermark(context, fingerprint, watermark);
	return pollOutput(changes);
}

/** The latest work item change of the project, as the trigger would emit it (Fetch Test Event). */
async function latestRevisionChange(
	context: IPollFunctions,
	settings: Settings,
): Promise<{ change: PolledChange; instant: number } | undefined> {
	const [id] = await runWiql(
		context,
		settings.project,
		'SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project ORDER BY [System.ChangedDate] DESC',
		1,
	);
	if (id === undefined) return undefined;
	const item = await azureDevOpsApiRequest<IDataObject>(context, {
		method: 'GET',
		path: `${projectSegment(settings.project)}/_apis/wit/workItems/${id}`,
		scope: 'workItems',
	});
	const revision: Revision = { id, rev: Number(item.rev), fields: item.fields as IDataObject };
	const history = previousRevisions(context, settings.project);
	const options = await eventOptions(context, settings, history.previous);
	const change = await revisionChange(revision, {
		...options,
		events: new Set(WORK_ITEM_EVENTS),
		filters: {},
	});
	return change ? { change, instant: changedInstant(revision) } : undefined;
}

/** Fetch Test Event: the newest change of the selected kinds, without touching the watermark. */
export async function fetchTestEvent(
	context: IPollFunctions,
): Promise<INodeExecutionData[][] | null> {
	const settings = settingsOf(context);
	const candidates: Array<{ change: PolledChange; instant: number }> = [];
	if (settings.wantsWorkItems) {
		const latest = await latestRevisionChange(context, settings);
		if (latest) candidates.push(latest);
	}
	if (settings.wantsBuilds) {
		const build = await latestBuild(context, settings.project);
		if (build) candidates.push({ change: buildChange(build), instant: finishInstant(build) });
	}
	candidates.sort((a, b) => b.instant - a.instant);
	return pollOutput(candidates.slice(0, 1).map(({ change }) => change));
}
