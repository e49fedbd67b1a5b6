import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { startUnlessRepeat } from '../shared/webhook/acknowledge';
import { answerWithoutExecution, handleDelivery, parseWithSchema } from '../shared/webhook/answer';
import { assertContentType, parseWebhookBody, type BodyFormat } from '../shared/webhook/body';
import { pastedUrlWebhookMethods } from '../shared/webhook/pastedUrl';
import {
	bodySizeLimitOf,
	bodySizeOption,
	headerValue,
	rawBodyFlag,
	responseModeFromParameter,
} from '../shared/webhook/request';
import { secretStrengthTest } from '../shared/webhook/secrets';
import { withoutPrototypeKeys } from '../shared/http/json';
import {
	DEFAULT_HEADER_NAME,
	PASTED_SECRET,
	authenticatedBody,
	authenticationHeader,
	visibleHeaders,
} from './trigger/authentication';
import {
	BASE_PATH,
	EVENT_NAMES,
	KPI_PATH,
	MAX_BODY_KILOBYTES,
	createDefectRequestSchema,
	eventOf,
	projectAllowed,
	toItem,
	type TestManagerEvent,
} from './trigger/payload';

// Both events arrive under one Payload URL. The Defect KPIs path has a parameter: n8n registers such
// "dynamic" paths under the node's webhook id, and matches them only when declared with isFullPath.
// The response mode costs no expression per request where n8n resolves description fields from the
// parameters (2.40 and later); the KPI path's expression (the webhook id, see KPI_PATH) does.
const answeredBy = { ...responseModeFromParameter, responseData: 'firstEntryJson' };
/** Create Defect sends JSON; a Defect KPIs request has no body, or one passed on as received. */
const BODY_FORMATS: Record<TestManagerEvent, BodyFormat[]> = {
	createDefect: ['json'],
	defectKpi: ['json', 'form'],
};

export class TestManagerTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'UiPath Test Manager Trigger',
		name: 'testManagerTrigger',
		icon: { light: 'file:testManager.svg', dark: 'file:testManager.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{["createDefect", "defectKpi"].filter((e) => $parameter["events"].includes(e)).map((e) => e === "createDefect" ? "Create Defect" : "Defect KPIs").join(" and ") || "No events"}}',
		description:
			"Answers UiPath Test Manager's WebHook connection: Create Defect and Defect KPI requests",
		defaults: { name: 'UiPath Test Manager Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			// PASTED_SECRET.credential, written out: n8n's lint reads `testedBy` next to the name.
			{ name: 'testManagerWebhookApi', required: true, testedBy: 'testManagerSecretStrength' },
		],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', path: BASE_PATH, ...answeredBy },
			// One description for both methods (n8n splits them), so that n8n evaluates the path once per request.
			{
				name: 'default',
				httpMethod: 'GET,POST',
				path: KPI_PATH,
				isFullPath: true,
				ndvHideUrl: true,
				...answeredBy,
			},
		],
		properties: [
			{
				displayName:
					"In Test Manager, open Project Settings > Integration > New Connection > WebHook and paste this node's Production URL as the Payload URL (Test Manager appends api/kpis/project/{projectId}/defectstatus to it for Defect KPIs). Choose the same Authentication Header Type as this node and the same Secret as its credential. Test Manager waits for the answer: end the workflow with a UiPath Test Manager node that responds. A Create Defect request names no project: add one trigger per project, each with its own URL.",
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Authentication Header Type',
				name: 'authenticationHeaderType',
				type: 'options',
				options: [
					{
						name: 'HMACSHA256',
						value: 'hmacSha256',
						description:
							'The header carries an HMAC-SHA256 of the request body keyed with the secret (hex or base64, with or without a sha256= prefix). The secret never travels, but the signature covers only the body: a captured request can be sent again.',
					},
					{
						name: 'Client Secret',
						value: 'clientSecret',
						description:
							'The header carries the secret itself, alone or after "Bearer " or "Basic "',
					},
				],
				default: 'hmacSha256',
				description:
					'Choose the same type as in the WebHook connection in Test Manager (Project Settings > Integration)',
			},
			{
				displayName: 'Header Name',
				name: 'headerName',
				type: 'string',
				required: true,
				default: DEFAULT_HEADER_NAME,
				description:
					'The request header that carries the signature or the secret. Test Manager does not document it; the default is the header UiPath Orchestrator signs its webhooks with. If deliveries are refused, start n8n with N8N_LOG_LEVEL=debug: the trigger then logs the names (never the values) of the headers it received.',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{
						name: 'Create Defect',
						value: 'createDefect',
						description: 'A user ran "Create Defect" on a test case result',
					},
					{
						name: 'Defect KPIs',
						value: 'defectKpi',
						description:
							"The project dashboard asks for the defect KPIs ('Supports Defect Dashboard')",
					},
				],
				default: ['createDefect', 'defectKpi'],
				description:
					'Which requests start the workflow. Others are answered 404 (nothing to offer) without an execution.',
			},
			{
				displayName: 'Respond',
				name: 'responseMode',
				type: 'options',
				options: [
					{
						name: 'Using a UiPath Test Manager Node',
						value: 'responseNode',
						description:
							'A UiPath Test Manager node (Respond with Created Defect or Respond with Defect KPIs) sends the answer',
					},
					{
						name: 'When Last Node Finishes',
						value: 'lastNode',
						description: "The JSON of the last node's first item is the answer, with status 200",
					},
				],
				default: 'responseNode',
				description: 'Test Manager waits for the answer to each request in the same HTTP response',
			},
			{
				displayName: 'Additional Options',
				name: 'additionalOptions',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Allowed Project IDs',
						name: 'allowedProjectIds',
						type: 'string',
						default: '',
						placeholder: 'e.g. 6b8a5c1e-0d2f-4c3b-9a7e-1f2d3c4b5a69',
						description:
							'Comma-separated Test Manager project IDs whose Defect KPIs requests this workflow answers; others are answered 404 without an execution. Empty answers every project. With HMACSHA256, a body-less KPI request carries the same signature for every project, so this list is what limits a replayed request.',
					},
					{
						displayName: 'Include All Headers',
						name: 'includeAllHeaders',
						type: 'boolean',
						default: false,
						description:
							'Whether the item shows every request header rather than only the content type, user agent, request IDs and x-uipath-* headers. The authentication header, Authorization and cookies are never shown. Headers added by a gateway in front of n8n may hold its secrets.',
					},
					bodySizeOption(
						MAX_BODY_KILOBYTES,
						"Test Manager's requests are a few hundred bytes. A larger body is refused with 413 before it is read or its signature computed.",
					),
				],
			},
			rawBodyFlag,
		],
	};

	methods = {
		credentialTest: { testManagerSecretStrength: secretStrengthTest(PASTED_SECRET.field) },
	};

	// Test Manager has no API to register webhooks: the user pastes the URL. Publishing checks the secret.
	webhookMethods = { default: pastedUrlWebhookMethods(PASTED_SECRET) };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery(this, async () => {
			const request = this.getRequestObject();
			const { event, projectId } = eventOf(
				this.getParamsData() as IDataObject,
				this.getNode().webhookId,
			);
			const contentType = headerValue(request.headers, 'content-type');
			assertContentType(contentType, BODY_FORMATS[event]);
			// The header's presence and shape are checked before the credential is read.
			const header = authenticationHeader(this);
			const options = this.getNodeParameter('additionalOptions', {}) as IDataObject;
			const limit = bodySizeLimitOf(options, MAX_BODY_KILOBYTES);
			const rawBody = await authenticatedBody(this, header, limit);

			const events = this.getNodeParameter('events', []) as string[];
			if (!events.includes(event)) {
				return answerWithoutExecution(
					this,
					404,
					`This workflow does not handle ${EVENT_NAMES[event]} requests`,
				);
			}
			if (event === 'defectKpi' && !projectAllowed(projectId, options.allowedProjectIds)) {
				return answerWithoutExecution(
					this,
					404,
					'This workflow does not handle Defect KPIs requests for this project',
				);
			}

			let body: IDataObject;
			if (event === 'createDefect') {
				body = parseWithSchema(
					createDefectRequestSchema,
					parseWebhookBody(rawBody, contentType, BODY_FORMATS[event]),
				) as IDataObject;
			} else {
				// The KPI request is most likely a GET: a body, if any, is passed on as received.
				body =
					rawBody.length > 0 ? parseWebhookBody(rawBody, contentType, BODY_FORMATS[event]) : {};
			}

			const json = toItem({
				event,
				projectId,
				body,
				method: request.method,
				requestPath: request.path,
				query: withoutPrototypeKeys(request.query),
				headers: visibleHeaders(
					request.headers,
					header.headerName,
					options.includeAllHeaders === true,
				),
			});
			// No identity, never a repeat: each Create Defect click must create a defect.
			return startUnlessRepeat(this, undefined, [{ json }]);
		});
	}
}
