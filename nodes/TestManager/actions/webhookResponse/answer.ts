import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

/**
 * The answers a UiPath Test Manager Trigger's request waits for (docs/contracts/test-manager.md), and how
 * they are sent. The Defect KPIs answer is the shared `KPIConnectorDefectsDto` (shared/defectKpis.ts).
 */

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

/** Sends the answer to the request the UiPath Test Manager Trigger is holding open. */
export async function answerTestManager(
	context: IExecuteFunctions,
	body: IDataObject,
	options: IDataObject,
): Promise<void> {
	const statusCode = options.statusCode === undefined ? 200 : Number(options.statusCode);
	if (!Number.isInteger(statusCode) || statusCode < 200 || statusCode > 599) {
		throw new NodeOperationError(context.getNode(), 'Response Code must be between 200 and 599');
	}
	await context.sendResponse({
		body,
		headers: { 'content-type': 'application/json; charset=utf-8' },
		statusCode,
	});
}
