import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

/**
 * Test Manager's defect KPIs (`KPIConnectorDefectsDto`, docs/contracts/test-manager.md): the shape its
 * dashboard expects, and the one rule by which this package's TAPD and Azure DevOps nodes count them.
 */

/** The count fields of the KPI answer, in Test Manager's order. */
export const KPI_COUNT_FIELDS = [
	'totalDefects',
	'criticalDefects',
	'moderateDefects',
	'openDefects',
	'closedDefects',
] as const;

export type DefectCounts = Record<(typeof KPI_COUNT_FIELDS)[number], number>;

/** What the Defect KPI operations output: the counts and the link Test Manager shows for critical defects. */
export interface DefectKpiItem extends DefectCounts {
	criticalDefectsLink: string | null;
}

/** Which defects the critical and moderate counts cover. */
export type SeverityScope = 'open' | 'all';

/**
 * The option both Defect KPI operations offer, with one meaning: critical and moderate count open defects by
 * severity (critical + moderate = open) unless closed ones are included (critical + moderate = total).
 */
export const severityScopeOption: INodeProperties = {
	displayName: 'Count Severities Of',
	name: 'severityScope',
	type: 'options',
	options: [
		{
			name: 'Open Defects',
			value: 'open',
			description: 'Critical and moderate count open defects only: critical + moderate = open',
		},
		{
			name: 'All Defects (Include Closed)',
			value: 'all',
			description: 'Closed defects count too: critical + moderate = total',
		},
	],
	default: 'open',
};

/** The scope an operation's options ask for: open defects unless closed ones are included. */
export const severityScopeOf = (options: { severityScope?: unknown }): SeverityScope =>
	options.severityScope === 'all' ? 'all' : 'open';

/** Defects tallied by a tracker: all of them, the closed ones, and those of each severity class. */
export interface DefectTally {
	total: number;
	closed: number;
	critical: { all: number; closed: number };
	moderate: { all: number; closed: number };
}

/**
 * The counting rule: open = total − closed; critical and moderate count open defects only, unless the
 * scope is `all`, when closed ones count too.
 */
export function defectCounts(tally: DefectTally, scope: SeverityScope): DefectCounts {
	const inScope = (severity: { all: number; closed: number }) =>
		scope === 'all' ? severity.all : Math.max(0, severity.all - severity.closed);
	return {
		totalDefects: tally.total,
		criticalDefects: inScope(tally.critical),
		moderateDefects: inScope(tally.moderate),
		openDefects: Math.max(0, tally.total - tally.closed),
		closedDefects: tally.closed,
	};
}

const INT32_MAX = 2_147_483_647;

/** `ConnectorKPIStatus` has three string values that Test Manager does not document: these are our guess. */
export const DEFAULT_KPI_STATUS_VALUES = ['Success', 'Warning', 'Error'] as const;

/** Parses the comma-separated list of the three status values a user may configure. */
export function parseStatusValues(text: string): string[] | undefined {
	const values = text
		.split(',')
		.map((value) => value.trim())
		.filter((value) => value.length > 0);
	return values.length === 3 && new Set(values).size === 3 ? values : undefined;
}

const count = (name: string) =>
	z
		.number({
			required_error: `${name} is missing`,
			invalid_type_error: `${name} must be a number`,
		})
		.int(`${name} must be a whole number`)
		.min(0, `${name} must not be negative`)
		.max(INT32_MAX, `${name} must fit a 32-bit integer`);

const httpUrl = z
	.string()
	.url('criticalDefectsLink must be a URL')
	.refine((value) => /^https?:\/\//i.test(value), 'criticalDefectsLink must be an http(s) URL');

/**
 * `KPIConnectorDefectsDto`, with the consistency rules a dashboard relies on: subsets never exceed the total.
 * `statusValues` are the three accepted values of `status`.
 */
export function defectKpisSchema(statusValues: readonly [string, ...string[]]) {
	return z
		.object({
			totalDefects: count('totalDefects'),
			criticalDefects: count('criticalDefects'),
			moderateDefects: count('moderateDefects'),
			openDefects: count('openDefects'),
			closedDefects: count('closedDefects'),
			status: z.enum(statusValues as [string, ...string[]], {
				errorMap: () => ({ message: `status must be one of ${statusValues.join(', ')}` }),
			}),
			criticalDefectsLink: httpUrl.nullable(),
		})
		.strict()
		.superRefine((kpis, context) => {
			const problem = (message: string, path: string) =>
				context.addIssue({ code: z.ZodIssueCode.custom, message, path: [path] });
			if (kpis.criticalDefects > kpis.totalDefects) {
				problem(
					`criticalDefects (${kpis.criticalDefects}) exceeds totalDefects (${kpis.totalDefects})`,
					'criticalDefects',
				);
			}
			if (kpis.moderateDefects > kpis.totalDefects) {
				problem(
					`moderateDefects (${kpis.moderateDefects}) exceeds totalDefects (${kpis.totalDefects})`,
					'moderateDefects',
				);
			}
			if (kpis.openDefects + kpis.closedDefects > kpis.totalDefects) {
				problem(
					`openDefects + closedDefects (${kpis.openDefects + kpis.closedDefects}) exceeds totalDefects (${kpis.totalDefects})`,
					'openDefects',
				);
			}
		});
}

export type DefectKpis = z.infer<ReturnType<typeof defectKpisSchema>>;
