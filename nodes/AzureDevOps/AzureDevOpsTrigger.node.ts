import {
	NodeConnectionTypes,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { createHash } from 'node:crypto';

import { forgetRecentDeliveries, recentDeliveriesOf } from '../shared/webhook/repeats';
import { basicAuthMatches, secretsEqual } from '../shared/webhook/auth';
import { headerValue, answerOnReceipt, rawBodyFlag, readRawBody } from '../shared/webhook/request';
import { parseWebhookBody } from '../shared/webhook/body';
import {
	answerWithoutExecution,
	assertAuthorized,
	handleDelivery,
	parseWithSchema,
} from '../shared/webhook/answer';
import { projectProperty } from './actions/common';
import { deliveryItem, envelopeSchema, notificationIdentity } from './delivery';
import { EVENTS, filterOptions } from './events';
import {
	getBuildDefinitions,
	getPipelines,
	getProjects,
	getRepositories,
	getWorkItemTypes,
} from './loadOptions';
import {
	DELIVERY_HEADER_NAME,
	staleSubscriptionReason,
	type SubscriptionState,
} from './subscription';
import {
	assertDeliverableUrl,
	createSubscription,
	deleteLeftovers,
	deleteSubscription,
	forgetSubscription,
	readSubscription,
	wantedSubscription,
} from './subscriptionApi';
import { CREDENTIAL_TYPE } from './transport';

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
		subtitle: '={{$parameter["event"]}}',
		description:
			'Starts the workflow on Azure DevOps events, through a service-hook subscription it manages itself',
		defaults: { name: 'Azure DevOps Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', path: 'azure-devops', ...answerOnReceipt }],
		properties: [
			{
				displayName:
					'Publishing the workflow creates a service-hook subscription in the project, with Basic credentials and a secret header that only this trigger knows; unpublishing deletes it. The token needs the scope "Service hooks (read and write)" and its user must be a project administrator. Azure DevOps only delivers to public HTTPS URLs.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				required: true,
				default: 'workitem.updated',
				options: [...EVENTS]
					.sort((a, b) => a.name.localeCompare(b.name))
					.map((event) => ({
						name: event.name,
						value: event.value,
						description: `${event.description} (${event.value})`,
					})),
			},
			{
				...projectProperty,
				description:
					'The project whose events start the workflow. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				description: 'Azure DevOps sends only the events that pass every filter set here',
				options: filterOptions(),
			},
			{
				displayName: 'Additional Options',
				name: 'additionalOptions',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
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
					{
						displayName: 'Ignore Repeats Within (Seconds)',
						name: 'duplicateWindowSeconds',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 600,
						description:
							'Azure DevOps retries a notification up to 8 times. A repeat of the same notification within this many seconds is acknowledged but starts no execution. 0 turns this off.',
					},
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
				],
			},
			rawBodyFlag,
		],
	};

	methods = {
		loadOptions: {
			getProjects,
			getRepositories,
			getWorkItemTypes,
			getBuildDefinitions,
			getPipelines,
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const wanted = wantedSubscription(this);
				const { state } = wanted;
				if (!state.subscriptionId) return false;
				const remote = await readSubscription(this, state.subscriptionId);
				const reason = !remote
					? 'it no longer exists'
					: !state.basicAuthPassword || !state.secretHeaderValue
						? 'its secrets are lost'
						: staleSubscriptionReason(remote, wanted);
				if (reason === undefined) return true;
				this.logger.info(
					`Azure DevOps Trigger: recreating service-hook subscription ${state.subscriptionId} because ${reason}`,
				);
				if (remote) await deleteSubscription(this, state.subscriptionId);
				forgetSubscription(state);
				return false;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const wanted = wantedSubscription(this);
				await assertDeliverableUrl(this, wanted.webhookUrl);
				await deleteLeftovers(this, wanted.webhookUrl);
				const options = this.getNodeParameter('additionalOptions', {}) as IDataObject;
				await createSubscription(this, wanted, options.acceptUntrustedCerts === true);
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as SubscriptionState;
				if (state.subscriptionId) await deleteSubscription(this, state.subscriptionId);
				forgetSubscription(state);
				forgetRecentDeliveries(this.getWorkflow().id, this.getNode().id);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery(this, async () => {
			const request = this.getRequestObject();
			const state = this.getWorkflowStaticData('node') as SubscriptionState;
			// Both checks always run, in constant time; an unpublished trigger (no secrets) accepts nothing.
			const basicOk = basicAuthMatches(headerValue(request.headers, 'authorization'), {
				username: state.basicAuthUsername ?? '',
				password: state.basicAuthPassword ?? '',
			});
			const secretOk = secretsEqual(
				headerValue(request.headers, DELIVERY_HEADER_NAME),
				state.secretHeaderValue,
			);
			assertAuthorized(basicOk && secretOk);

			const rawBody = await readRawBody(request);
			const body = parseWebhookBody(rawBody, headerValue(request.headers, 'content-type'));
			const envelope = parseWithSchema(envelopeSchema, body);

			if (envelope.eventType !== this.getNodeParameter('event')) {
				return answerWithoutExecution(this, 200, 'Accepted; not the event this trigger listens to');
			}
			const options = this.getNodeParameter('additionalOptions', {}) as IDataObject;
			const windowSeconds = (options.duplicateWindowSeconds as number | undefined) ?? 600;
			const identity =
				notificationIdentity(envelope) ?? createHash('sha256').update(rawBody).digest('hex');
			const recent = recentDeliveriesOf(this.getWorkflow().id, this.getNode().id);
			if (recent.isRepeat(identity, windowSeconds * 1000)) {
				return answerWithoutExecution(
					this,
					200,
					'Accepted; a repeat of a notification already received',
				);
			}
			return { workflowData: [[{ json: deliveryItem(envelope) }]] };
		});
	}
}
