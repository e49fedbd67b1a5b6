import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

/**
 * What Test Manager's WebHook connection sends (docs/contracts/test-manager.md): both events arrive under the
 * one Payload URL the user pastes. What the public documentation leaves open is a setting of the nodes.
 */

/** The path under the trigger's webhook id; Test Manager's Payload URL ends with it. */
export const BASE_PATH = 'testmanager';

/**
 * Test Manager's requests are a few hundred bytes (Create Defect's four fields; Defect KPIs has no body): a
 * larger body is refused before it is read or hashed (Max Body Size raises it).
 */
export const MAX_BODY_KILOBYTES = 64;

/**
 * The Defect KPIs webhook's path (under the trigger's webhook id, declared with `isFullPath`). n8n stores a
 * path with a parameter under its template alone, one row per template and method, but finds a request's row
 * by the webhook id and the template's fixed segments, not by the parameter's name (docs/n8n.md, "A webhook
 * request"). The parameter's name carries the node's webhook id, so every trigger has its own template while
 * the URL Test Manager calls stays `<Payload URL>/api/kpis/project/<projectId>/defectstatus`.
 */
export const KPI_PATH = `=${BASE_PATH}/api/kpis/project/:projectId-{{$webhookId}}/defectstatus`;

/** The name of the KPI path's project parameter for the trigger with this webhook id (see {@link KPI_PATH}). */
export function kpiProjectParameter(webhookId: string | undefined): string {
	return `projectId-${webhookId ?? ''}`;
}

export type TestManagerEvent = 'createDefect' | 'defectKpi';

/** The events by the names the trigger's Events field shows. */
export const EVENT_NAMES: Record<TestManagerEvent, string> = {
	createDefect: 'Create Defect',
	defectKpi: 'Defect KPIs',
};

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

/**
 * The event a delivery is: a Defect KPIs request carries the project id in its path, under the parameter
 * named for the trigger's webhook id; Create Defect has no path parameter.
 */
export function eventOf(
	pathParameters: IDataObject,
	webhookId: string | undefined,
): {
	event: TestManagerEvent;
	projectId?: string;
} {
	const projectId = pathParameters[kpiProjectParameter(webhookId)];
	return typeof projectId === 'string'
		? { event: 'defectKpi', projectId }
		: { event: 'createDefect' };
}

/**
 * Whether a Defect KPIs request asks about a project the trigger answers for: `allowed` is a comma-separated
 * list of project IDs (case does not matter); an empty list allows every project.
 */
export function projectAllowed(projectId: string | undefined, allowed: unknown): boolean {
	const ids = String(allowed ?? '')
		.split(',')
		.map((id) => id.trim().toLowerCase())
		.filter((id) => id !== '');
	return ids.length === 0 || ids.includes(String(projectId ?? '').toLowerCase());
}

/** The part of the request path after the base URL Test Manager was given ('' for Create Defect). */
export function pathAfterBase(requestPath: string): string {
	const marker = `/${BASE_PATH}`;
	const at = requestPath.indexOf(marker);
	if (at < 0) return requestPath;
	return requestPath.slice(at + marker.length).replace(/^\/+/, '');
}

/** What the trigger outputs for one accepted delivery. */
export interface Delivery {
	event: TestManagerEvent;
	projectId?: string;
	body: IDataObject;
	method: string;
	requestPath: string;
	query: IDataObject;
	/** Headers already stripped of every secret. */
	headers: IDataObject;
}

/** The item a delivery becomes: the event (and project for Defect KPIs), the body and the request's parts. */
export function toItem(delivery: Delivery): IDataObject {
	return {
		event: delivery.event,
		...(delivery.event === 'defectKpi' ? { projectId: delivery.projectId } : {}),
		body: delivery.body,
		method: delivery.method,
		path: pathAfterBase(delivery.requestPath),
		query: delivery.query,
		headers: delivery.headers,
	};
}
