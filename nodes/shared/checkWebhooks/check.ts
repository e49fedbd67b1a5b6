import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { assess, type Facts, type Registration } from './assess';
import { publishAgain, publishedTriggers, type PublishedTrigger } from './n8nApi';

/**
 * Check Webhooks, the repair path for what n8n never re-checks by itself (docs/n8n.md, "Webhook lifecycle"):
 * lists the registrations a service holds for this n8n, says for each whether it delivers and to which
 * published workflow, turns on again those the service disabled, and publishes again the workflows whose
 * registration is missing or whose webhook n8n dropped. The service-specific calls come from the node.
 */

/** What a service's node provides to the check. */
export interface WebhookService {
	/** As users know it, e.g. "Azure DevOps". */
	name: string;
	/** The name of its trigger node, e.g. `azureDevOpsTrigger`. */
	triggerType: string;
	/** The trigger's webhook path, the last segment of its URL. */
	webhookPath: string;
	/** The registrations whose URL starts with `webhookBaseUrl`. */
	registrations(webhookBaseUrl: string): Promise<Registration[]>;
	/** Whether this check's account and scope (organization, workspace) is where the trigger registers. */
	covers(trigger: PublishedTrigger): boolean;
	/**
	 * For triggers that keep several registrations at their URL: which ones a trigger needs, as the values of
	 * `details[detail]`, one registration each (Azure DevOps: a subscription per selected event, by
	 * `eventType`); `undefined` when its parameters do not say (an expression). Without it, one will do.
	 */
	expected?: { detail: string; values(trigger: PublishedTrigger): string[] | undefined };
	/** Turns a disabled registration on again. */
	reEnable(registration: Registration): Promise<void>;
}

export const checkProperties: INodeProperties[] = [
	{
		displayName: 'Webhook Base URL',
		name: 'webhookBaseUrl',
		type: 'string',
		default: '',
		placeholder: 'https://n8n.example.com/webhook/',
		description:
			"The beginning of this n8n's Production URLs, before the webhook ID. Empty: taken from n8n's own settings (WEBHOOK_URL); set it when n8n uses other endpoint names.",
	},
	{
		displayName: 'Match Published Workflows',
		name: 'matchPublishedWorkflows',
		type: 'boolean',
		default: true,
		description:
			"Whether to read the published workflows through n8n's API (TestOps Check Webhooks API credential): to name the workflow of each registration, find triggers whose registration is missing, and publish those workflows again",
	},
	{
		displayName: 'Repair',
		name: 'repair',
		type: 'boolean',
		default: true,
		description:
			'Whether to turn on again the registrations the service disabled and publish again the workflows whose registration is missing. Off: only report.',
	},
];

/** This n8n's webhook base URL, from the parameter or from the resume URL n8n gives the execution. */
export function webhookBaseUrlOf(context: IExecuteFunctions, itemIndex: number): string {
	const given = String(context.getNodeParameter('webhookBaseUrl', itemIndex, '')).trim();
	if (given) return given.endsWith('/') ? given : `${given}/`;
	// `$execution.resumeUrl` is `<WEBHOOK_URL>webhook-waiting/<execution id>`; Production URLs use `webhook/`.
	const resumeUrl = String(context.evaluateExpression('{{ $execution.resumeUrl }}', itemIndex));
	const derived = resumeUrl.replace(/webhook-waiting\/[^/]*$/, 'webhook/');
	if (derived === resumeUrl || !/^https?:\/\//.test(derived)) {
		throw new NodeOperationError(context.getNode(), "Could not work out this n8n's webhook URL", {
			description:
				"Set Webhook Base URL to the beginning of a trigger's Production URL, e.g. https://n8n.example.com/webhook/.",
			itemIndex,
		});
	}
	return derived;
}

/** Whether the URL is one of this trigger type's Production URLs: `<base><webhook id>/<path>`. */
function isTriggerUrl(url: string, base: string, path: string): boolean {
	const rest = url.slice(base.length).split('/');
	return url.startsWith(base) && rest.length === 2 && /^[\w-]+$/.test(rest[0]) && rest[1] === path;
}

/**
 * Whether n8n receives requests at a trigger's URL: anything but 404. The probe carries no credentials or
 * secret, so the trigger refuses it (401) and starts nothing; `null` when n8n could not be reached.
 */
async function isListening(context: IExecuteFunctions, url: string): Promise<boolean | null> {
	try {
		const response = (await context.helpers.httpRequest({
			method: 'POST',
			url,
			body: {},
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 10_000,
		})) as { statusCode: number };
		return response.statusCode !== 404;
	} catch {
		return null;
	}
}

type Finding = Facts & { registration?: Registration };

/**
 * What a published trigger lacks among the registrations at its URL: each expected value that none has, or
 * one `undefined` for a trigger that has no registration at all.
 */
function missingAt(
	service: WebhookService,
	trigger: PublishedTrigger,
	atUrl: Registration[],
): Array<string | undefined> {
	const values = service.expected?.values(trigger);
	if (!service.expected || !values) return atUrl.length === 0 ? [undefined] : [];
	const { detail } = service.expected;
	const present = new Set(atUrl.map((registration) => registration.details[detail]));
	return values.filter((value) => !present.has(value));
}

async function gather(
	context: IExecuteFunctions,
	itemIndex: number,
	service: WebhookService,
): Promise<Finding[]> {
	const base = webhookBaseUrlOf(context, itemIndex);
	const repair = context.getNodeParameter('repair', itemIndex, true) as boolean;
	const workflowsKnown = context.getNodeParameter(
		'matchPublishedWorkflows',
		itemIndex,
		true,
	) as boolean;
	const registrations = await service.registrations(base);
	const triggers = workflowsKnown
		? await publishedTriggers(context, service.triggerType, base, service.webhookPath)
		: [];
	const triggerAt = new Map(triggers.map((trigger) => [trigger.url, trigger]));

	const findings: Finding[] = [];
	for (const registration of registrations) {
		const listening = isTriggerUrl(registration.url, base, service.webhookPath)
			? await isListening(context, registration.url)
			: null;
		const trigger = triggerAt.get(registration.url);
		findings.push({ registration, trigger, listening, workflowsKnown, repair });
	}
	for (const trigger of triggers) {
		if (!service.covers(trigger)) continue;
		const atUrl = registrations.filter((registration) => registration.url === trigger.url);
		for (const missingFor of missingAt(service, trigger, atUrl)) {
			findings.push({ trigger, missingFor, listening: null, workflowsKnown, repair });
		}
	}
	return findings;
}

/** A missing registration's row names what it should have delivered, e.g. its `eventType`. */
const missingDetails = (service: WebhookService, missingFor: string | undefined) =>
	service.expected && missingFor !== undefined ? { [service.expected.detail]: missingFor } : {};

/** Runs the check for one input item: one output item per registration, and per missing one. */
export async function checkWebhooks(
	context: IExecuteFunctions,
	itemIndex: number,
	service: WebhookService,
): Promise<INodeExecutionData[]> {
	const findings = await gather(context, itemIndex, service);
	const publishedAgain = new Map<string, Promise<void>>();
	const rows: IDataObject[] = [];
	for (const finding of findings) {
		const { registration, trigger } = finding;
		const assessment = assess(service.name, finding);
		let action = 'none';
		let { message, needsAttention } = assessment;
		try {
			if (assessment.action === 'reEnable' && registration) {
				await service.reEnable(registration);
				action = 'reEnabled';
			} else if (assessment.action === 'publishAgain' && trigger) {
				// One workflow may have several triggers: it is published again once.
				const done =
					publishedAgain.get(trigger.workflowId) ?? publishAgain(context, trigger.workflowId);
				publishedAgain.set(trigger.workflowId, done);
				await done;
				action = 'publishedAgain';
			}
		} catch (error) {
			needsAttention = true;
			message = `${message} That failed: ${(error as Error).message}`;
		}
		rows.push({
			service: service.name,
			url: registration?.url ?? trigger?.url ?? null,
			registrationId: registration?.id ?? null,
			status: registration?.status ?? 'missing',
			workflowId: trigger?.workflowId ?? null,
			workflowName: trigger?.workflowName ?? null,
			triggerNode: trigger?.nodeName ?? null,
			listening: finding.listening,
			action,
			needsAttention,
			message,
			...(registration?.details ?? missingDetails(service, finding.missingFor)),
		});
	}
	return rows.map((json) => ({ json }));
}
