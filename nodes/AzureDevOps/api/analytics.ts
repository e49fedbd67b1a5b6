import { NodeApiError, type IDataObject } from 'n8n-workflow';

import type { ApiContext } from '../../shared/http/context';
import { azureDevOpsApiRequest, projectSegment } from '../transport';

/**
 * Azure DevOps Analytics, the OData service that counts work items on the server (docs/contracts/azure-devops.md,
 * "Analytics"): `WorkItems?$apply=filter(…)/groupby((State, Severity), aggregate($count as Count))` answers
 * the defects of an area path in one request, however many there are.
 */

/** The OData version the package asks for: the newest, served by Azure DevOps Services and Server 2020+. */
export const ANALYTICS_VERSION = 'v4.0-preview';

/** Groups in one answer beyond which Analytics pages (server-driven paging); a grouped answer rarely gets there. */
const MAX_ANALYTICS_PAGES = 10;

/**
 * The Analytics service root of an organization or collection: `analytics.dev.azure.com/{organization}` for
 * `dev.azure.com/{organization}`, `{organization}.analytics.visualstudio.com` for the older address, and the
 * collection URL itself for Azure DevOps Server (`{collection}/{project}/_odata/…`).
 */
export function analyticsRoot(organizationUrl: string): string {
	const url = new URL(organizationUrl);
	const path = url.pathname.replace(/\/+$/, '');
	if (url.hostname.toLowerCase() === 'dev.azure.com') {
		return `${url.protocol}//analytics.dev.azure.com${path}`;
	}
	const legacy = /^([^.]+)\.visualstudio\.com$/i.exec(url.hostname);
	if (legacy) {
		return `${url.protocol}//${legacy[1]}.analytics.visualstudio.com${path.replace(/\/DefaultCollection$/i, '')}`;
	}
	return `${url.origin}${path}`;
}

/**
 * The Analytics property of a work item field, where the package knows it: Analytics names fields without
 * their namespace (`Microsoft.VSTS.Common.Severity` → `Severity`) and custom ones `Custom_<name>`. Other
 * fields are counted without Analytics.
 */
export function analyticsProperty(referenceName: string): string | undefined {
	const known: Record<string, string> = {
		'microsoft.vsts.common.severity': 'Severity',
		'microsoft.vsts.common.priority': 'Priority',
		'system.state': 'State',
		'system.reason': 'Reason',
	};
	const name = known[referenceName.toLowerCase()];
	if (name) return name;
	const custom = /^Custom\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(referenceName);
	return custom ? `Custom_${custom[1]}` : undefined;
}

/** An OData string literal: single quotes are doubled. */
const odataString = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** The filter of the defects of an area path (and below it) of the given types; empty for all. */
export function areaPathFilter(areaPath: string, types: readonly string[]): string {
	const conditions: string[] = [];
	if (types.length > 0) {
		conditions.push(
			`(${types.map((type) => `WorkItemType eq ${odataString(type)}`).join(' or ')})`,
		);
	}
	if (areaPath) {
		conditions.push(
			`(Area/AreaPath eq ${odataString(areaPath)} or startswith(Area/AreaPath, ${odataString(`${areaPath}\\`)}))`,
		);
	}
	return conditions.join(' and ');
}

/** Work items counted by state and one more property, as Analytics groups them. */
export interface CountedGroup {
	state: unknown;
	value: unknown;
	count: number;
}

/**
 * Counts the project's work items matching `filter`, grouped by state and `property`: one request (more only
 * if Analytics pages the groups). Fails as the transport does (e.g. 401/403 without "Analytics (read)", 404
 * where Analytics is off), with the answer's status for the caller to judge.
 */
export async function countByStateAnd(
	context: ApiContext,
	organizationUrl: string,
	project: string,
	filter: string,
	property: string,
): Promise<{ groups: CountedGroup[]; requests: number }> {
	const apply = `${filter ? `filter(${filter})/` : ''}groupby((State, ${property}), aggregate($count as Count))`;
	let url: string | undefined =
		`${analyticsRoot(organizationUrl)}/${projectSegment(project)}/_odata/${ANALYTICS_VERSION}/WorkItems`;
	let qs: IDataObject | undefined = { $apply: apply };
	const groups: CountedGroup[] = [];
	let requests = 0;
	while (url !== undefined) {
		if (++requests > MAX_ANALYTICS_PAGES) {
			throw new NodeApiError(
				context.getNode(),
				{},
				{
					message: `Analytics answered more than ${MAX_ANALYTICS_PAGES} pages of groups`,
					description: 'Count without Analytics (Options > Count With: WIQL Queries).',
				},
			);
		}
		const answer: IDataObject | undefined = await azureDevOpsApiRequest<IDataObject>(context, {
			method: 'GET',
			path: `${project}/_odata/${ANALYTICS_VERSION}/WorkItems`,
			url,
			qs,
			scope: 'analytics',
		});
		for (const row of (answer?.value as IDataObject[] | undefined) ?? []) {
			groups.push({ state: row.State, value: row[property], count: Number(row.Count) || 0 });
		}
		const next: unknown = answer?.['@odata.nextLink'];
		url =
			typeof next === 'string' && next.startsWith(analyticsRoot(organizationUrl))
				? next
				: undefined;
		qs = undefined; // the next link carries its own query
	}
	return { groups, requests };
}
