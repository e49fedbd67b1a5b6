import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import {
	answerWithoutExecution,
	assertAuthorized,
	handleDelivery,
	parseWithSchema,
} from '../shared/webhook/answer';
import {
	acknowledgeOption,
	acknowledgeWebhookFields,
	startUnlessRepeat,
} from '../shared/webhook/acknowledge';
import { assertContentType, parseWebhookBody } from '../shared/webhook/body';
import { bodyIdentity, forgetTestDeliveries, ignoreRepeatsOption } from '../shared/webhook/repeats';
import { headerValue, rawBodyFlag, readRawBody } from '../shared/webhook/request';
import { projectProperty } from './common.descriptions';
import { searchProjects } from './methods/listSearch';
import {
	getBuildDefinitions,
	getPipelines,
	getRepositories,
	getWorkItemTypes,
} from './methods/loadOptions';
import { CREDENTIAL_TYPE } from './transport';
import {
	TEST_NOTIFICATION_HEADER,
	authenticatedEvent,
	isTestNotificationToken,
	isWellFormedTestToken,
} from './trigger/authentication';
import { DEFAULT_EVENTS, EVENTS, eventsAvailableOn } from './events';
import { filtersProperty } from './trigger/filters';
import { deliveryItem, envelopeSchema, notificationIdentity } from './trigger/payload';
import { subscribe, subscriptionsInPlace, unsubscribe } from './trigger/registration';
import { heldSubscriptions } from './trigger/state';
import type { DeliveryAuthentication } from './trigger/subscription';

const detailChoices = [
	{ name: 'All', value: 'all' },
	{ name: 'Minimal', value: 'minimal', description: 'Key fields such as ID and URL' },
	{ name: 'None', value: 'none' },
];

export class AzureDevOpsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Azure DevOps Trigger',
		name: 'azureDevOpsTrigger',
		icon: { light: 'file:azureDevOps.svg', dark: 'file:azureDevOps.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ [].concat($parameter["events"]).length === 1 ? $parameter["events"][0] : [].concat($parameter["events"]).length + " events" }}',
		description:
			'Starts the workflow on Azure DevOps events, through service-hook subscriptions it manages itself',
		defaults: { name: 'Azure DevOps Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', path: 'azure-devops', ...acknowledgeWebhookFields },
		],
		properties: [
			{
				displayName:
					'Publishing the workflow creates a service-hook subscription in the project for each event, with Basic credentials and a secret header that only this trigger knows; unpublishing deletes them. The token needs the scope "Service hooks (read and write)" and its user must be a project collection administrator or an organization owner: only they may manage subscriptions. Azure DevOps only delivers to public HTTPS URLs.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: [...DEFAULT_EVENTS],
				description:
					'Each event gets its own service-hook subscription, all delivering to this node; the item\'s eventType says which event it is',
				options: [...EVENTS]
					.sort((a, b) => a.name.localeCompare(b.name))
					.map((event) => ({
						name: event.name,
						value: event.value,
						description: `${event.description} (${event.value})`,
					})),
			},
			{
				displayName:
					'A selected event exists only on Azure DevOps Services: Azure DevOps Server does not offer it.',
				name: 'servicesOnlyNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { events: eventsAvailableOn('services') } },
			},
			{
				displayName:
					'Pipeline events need Azure DevOps Services or Azure DevOps Server 2020 or later.',
				name: 'server2020Notice',
				type: 'notice',
				default: '',
				displayOptions: { show: { events: eventsAvailableOn('server2020') } },
			},
			{
				...projectProperty,
				description: 'The project whose events start the workflow',
			},
			filtersProperty,
			{
				displayName: 'Delivery Authentication',
				name: 'deliveryAuthentication',
				type: 'options',
				options: [
					{
						name: 'Basic Credentials and Secret Header (HTTPS)',
						value: 'basicAndHeader',
						description:
							'Both must match. Azure DevOps sends Basic credentials only to HTTPS URLs.',
					},
					{
						name: 'Secret Header Only (Allows Plain HTTP)',
						value: 'headerOnly',
						description:
							'For an Azure DevOps Server that reaches n8n over plain HTTP on a trusted network',
					},
				],
				default: 'basicAndHeader',
				description: 'What every delivery must carry to start the workflow',
			},
			{
				displayName:
					'Warning: over plain HTTP the secret header travels unencrypted. Anyone who can watch the network between Azure DevOps Server and n8n can read it and send forged events to this workflow until it is published anew. Use it only on a trusted network; prefer HTTPS.',
				name: 'headerOnlyWarning',
				type: 'notice',
				default: '',
				displayOptions: { show: { deliveryAuthentication: ['headerOnly'] } },
			},
			{
				displayName: 'Additional Options',
				name: 'additionalOptions',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						...acknowledgeOption,
						description:
							'When Azure DevOps gets its answer. After the run, a failed or interrupted run is answered 500 or not at all, and Azure DevOps sends the event again (up to 8 times over about 3 minutes; failures count towards probation).',
					},
					{
						displayName: 'Accept Untrusted Certificates',
						name: 'acceptUntrustedCerts',
						type: 'boolean',
						default: false,
						description:
							"Whether Azure DevOps may deliver to this n8n even if its HTTPS certificate is not trusted (e.g. self-signed). Leave off unless n8n's certificate is your own.",
					},
					{
						displayName: 'Detailed Messages to Send',
						name: 'detailedMessagesToSend',
						type: 'options',
						options: detailChoices,
						default: 'all',
						description: 'How much of the long human-readable message Azure DevOps includes',
					},
					ignoreRepeatsOption(
						'Azure DevOps retries a notification up to 8 times. A repeat of the same notification within this many seconds is acknowledged but starts no execution. 0 turns this off.',
					),
					{
						displayName: 'Messages to Send',
						name: 'messagesToSend',
						type: 'options',
						options: detailChoices,
						default: 'all',
						description: 'How much of the short human-readable message Azure DevOps includes',
					},
					{
						displayName: 'Resource Details to Send',
						name: 'resourceDetailsToSend',
						type: 'options',
						options: detailChoices,
						default: 'all',
						description:
							'How much of the changed resource (work item, build, pull request…) Azure DevOps includes',
					},
					{
						displayName: 'Send Test Notification on Publish',
						name: 'sendTestNotification',
						type: 'boolean',
						default: false,
						description:
							"Whether publishing asks Azure DevOps to send a test notification through the new subscription and stops with Azure DevOps' reason if it cannot be delivered. The test starts no execution.",
					},
				],
			},
			rawBodyFlag,
		],
	};

	methods = {
		loadOptions: {
			getRepositories,
			getWorkItemTypes,
			getBuildDefinitions,
			getPipelines,
		},
		listSearch: { searchProjects },
	};

	// Publishing registers a service-hook subscription through the API; unpublishing deletes them.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await subscriptionsInPlace(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await subscribe(this);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				await unsubscribe(this);
				forgetTestDeliveries(this.getWorkflow().id, this.getNode().id);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery(this, async () => {
			const request = this.getRequestObject();
			const contentType = headerValue(request.headers, 'content-type');
			assertContentType(contentType, ['json']);
			// The test notification publishing asked for: acknowledged, never an execution.
			const testToken = headerValue(request.headers, TEST_NOTIFICATION_HEADER);
			if (testToken !== undefined) {
				assertAuthorized(isWellFormedTestToken(testToken));
				const { personalAccessToken } = await this.getCredentials(CREDENTIAL_TYPE);
				const url = this.getNodeWebhookUrl('default') ?? '';
				assertAuthorized(
					isTestNotificationToken(testToken, String(personalAccessToken ?? ''), url),
				);
				return answerWithoutExecution(
					this,
					200,
					'Test notification received; no execution started',
				);
			}
			const authentication = this.getNodeParameter(
				'deliveryAuthentication',
				'basicAndHeader',
			) as DeliveryAuthentication;
			// The credentials say which of the trigger's subscriptions (one per event) sent the delivery.
			const event = authenticatedEvent(request.headers, heldSubscriptions(this), authentication);
			assertAuthorized(event !== undefined);

			const rawBody = await readRawBody(request);
			const body = parseWebhookBody(rawBody, contentType);
			const envelope = parseWithSchema(envelopeSchema, body);

			if (envelope.eventType !== event) {
				return answerWithoutExecution(this, 200, 'Accepted; not the event this trigger listens to');
			}
			const identity = notificationIdentity(envelope) ?? bodyIdentity(rawBody);
			return startUnlessRepeat(this, identity, [{ json: deliveryItem(envelope) }]);
		});
	}
}
