import { z } from 'zod';

/**
 * Test Manager's webhook contract (contracts §1, seed 000): what Test Manager sends and what it expects back.
 * Facts the public documentation leaves open are settings of the nodes, with the defaults named here.
 */

/** Test Manager appends this to the Payload URL for the Defect KPIs event. */
export const KPI_PATH_TEMPLATE = 'api/kpis/project/:projectId/defectstatus';

/** `CreateDefectFromTestCaseLogRequest`: the body of a Create Defect delivery. Unknown fields pass through. */
export const createDefectRequestSchema = z
	.object({
		testExecutionId: z.string().uuid(),
		testCaseId: z.string().uuid(),
		variationId: z.string().nullable().optional(),
		linkToTestCaseLog: z.string().nullable().optional(),
	})
	.passthrough();

export type CreateDefectRequest = z.infer<typeof createDefectRequestSchema>;

const INT32_MAX = 2_147_483_647;

/** `ConnectorKPIStatus` has three string values that Test Manager does not document: these are our guess. */
export const DEFAULT_KPI_STATUS_VALUES = ['Success', 'Warning', 'Error'] as const;

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

/** Parses the comma-separated list of the three status values a user may configure. */
export function parseStatusValues(text: string): string[] | undefined {
	const values = text
		.split(',')
		.map((value) => value.trim())
		.filter((value) => value.length > 0);
	return values.length === 3 && new Set(values).size === 3 ? values : undefined;
}

/**
 * The defect payload answered to Create Defect. Test Manager only says it needs "a defect payload" to link
 * the defect: these field names are our choice, and users can add others.
 */
export const createdDefectSchema = z
	.object({
		id: z.string().min(1, 'Defect ID is empty'),
		key: z.string().optional(),
		title: z.string().optional(),
		url: z
			.string()
			.url('Defect URL must be a URL')
			.refine((value) => /^https?:\/\//i.test(value), 'Defect URL must be an http(s) URL'),
	})
	.passthrough();

export type CreatedDefect = z.infer<typeof createdDefectSchema>;
