import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { z } from 'zod';

import type { IdentityPart } from '../../shared/webhook/repeats';

/**
 * Testany's notification payload (docs/contracts/testany.md). Unknown fields pass through; statuses are
 * integers whose unknown values are kept and labelled `unknown`, never rejected.
 */
const status = z.number().int();
const owners = z.array(z.string()).default([]);

const caseSchema = z
	.object({
		name: z.string(),
		status,
		key: z.string().optional(),
		runtime_uuid: z.string().optional(),
		runtime_name: z.string().optional(),
		owner: owners,
		duration: z.number().optional(),
		env: z.string().optional(),
		start_time: z.string().optional(),
		finish_time: z.string().optional(),
	})
	.passthrough();

const pipelineSchema = z
	.object({
		name: z.string(),
		status,
		key: z.string().optional(),
		owner: owners,
		cases: z.array(caseSchema).default([]),
		duration: z.number().optional(),
		execution_key: z.string().optional(),
		start_time: z.string().optional(),
		finish_time: z.string().optional(),
	})
	.passthrough();

export const notificationSchema = z
	.object({
		name: z.string(),
		status,
		trigger_key: z.string(),
		trigger_method: z.string(),
		trigger_owner: owners,
		pipelines: z.array(pipelineSchema).default([]),
	})
	.passthrough();

export type TestanyNotification = z.infer<typeof notificationSchema>;
type TestanyPipeline = TestanyNotification['pipelines'][number];
type TestanyCase = TestanyPipeline['cases'][number];

/** Testany's internal statuses, shared by every level, then what each level documents. */
const COMMON_LABELS: Record<number, string> = {
	[-1]: 'not_started',
	0: 'running',
	5: 'cancelled',
	99: 'error',
};
const RUN_LABELS: Record<number, string> = { ...COMMON_LABELS, 1: 'success', 2: 'failure' };
const CASE_LABELS: Record<number, string> = {
	...COMMON_LABELS,
	1: 'passed',
	2: 'failed',
	3: 'skipped',
	4: 'failed_as_expected',
};

export const runStatusLabel = (value: number): string => RUN_LABELS[value] ?? 'unknown';
export const caseStatusLabel = (value: number): string => CASE_LABELS[value] ?? 'unknown';

export type OutputGranularity = 'notification' | 'pipeline' | 'case';
export type ResultFilter = 'any' | 'success' | 'failure';

function labelCase(testCase: TestanyCase): IDataObject {
	return { ...testCase, status_label: caseStatusLabel(testCase.status) };
}

function caseSummary(cases: TestanyCase[]): IDataObject {
	const summary: Record<string, number> = { total: cases.length };
	for (const testCase of cases) {
		const label = caseStatusLabel(testCase.status);
		summary[label] = (summary[label] ?? 0) + 1;
	}
	return summary;
}

function labelPipeline(pipeline: TestanyPipeline): IDataObject {
	return {
		...pipeline,
		status_label: runStatusLabel(pipeline.status),
		cases: pipeline.cases.map(labelCase),
		case_summary: caseSummary(pipeline.cases),
	};
}

function triggerOf(notification: TestanyNotification): IDataObject {
	return {
		name: notification.name,
		key: notification.trigger_key,
		method: notification.trigger_method,
		status: notification.status,
		status_label: runStatusLabel(notification.status),
	};
}

function pipelineOf(pipeline: TestanyPipeline): IDataObject {
	return {
		name: pipeline.name,
		key: pipeline.key,
		execution_key: pipeline.execution_key,
		status: pipeline.status,
		status_label: runStatusLabel(pipeline.status),
	};
}

/** Success is status 1 at every level; failure is status 2 (a run's failure, a case's failed). */
function matchesResult(statusValue: number, result: ResultFilter): boolean {
	if (result === 'success') return statusValue === 1;
	if (result === 'failure') return statusValue === 2;
	return true;
}

/** Turns one notification into the items of the chosen granularity, keeping only those of the chosen result. */
export function toItems(
	notification: TestanyNotification,
	granularity: OutputGranularity,
	result: ResultFilter,
): INodeExecutionData[] {
	if (granularity === 'notification') {
		if (!matchesResult(notification.status, result)) return [];
		const allCases = notification.pipelines.flatMap((pipeline) => pipeline.cases);
		const json: IDataObject = {
			...notification,
			status_label: runStatusLabel(notification.status),
			pipelines: notification.pipelines.map(labelPipeline),
			case_summary: caseSummary(allCases),
		};
		return [{ json }];
	}
	const trigger = triggerOf(notification);
	if (granularity === 'pipeline') {
		return notification.pipelines
			.filter((pipeline) => matchesResult(pipeline.status, result))
			.map((pipeline) => ({ json: { ...labelPipeline(pipeline), trigger } }));
	}
	return notification.pipelines.flatMap((pipeline) =>
		pipeline.cases
			.filter((testCase) => matchesResult(testCase.status, result))
			.map((testCase) => ({
				json: { ...labelCase(testCase), pipeline: pipelineOf(pipeline), trigger },
			})),
	);
}

/** What identifies one execution across Testany's retries: the trigger and its pipelines' execution keys. */
export function executionIdentity(notification: TestanyNotification): IdentityPart[] | undefined {
	const keys = notification.pipelines
		.map((pipeline) => pipeline.execution_key)
		.filter((key): key is string => typeof key === 'string' && key.length > 0)
		.sort();
	if (keys.length === 0) return undefined;
	return [notification.trigger_key, notification.status, ...keys];
}
