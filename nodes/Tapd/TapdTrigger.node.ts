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
import { secretsEqual } from '../shared/webhook/auth';
import { parseWebhookBody } from '../shared/webhook/body';
import { pastedUrl } from '../shared/webhook/pastedUrl';
import { REPEAT_ANSWER, ignoreRepeatsOption, isRepeatDelivery } from '../shared/webhook/repeats';
import { answerOnReceipt, rawBodyFlag, readRawBody } from '../shared/webhook/request';
import { weakSecretReason } from '../shared/webhook/secrets';
import { workspaceIdProperty } from './common.descriptions';
import { eventOptions } from './events';
import { tapdApiTest } from './methods/credentialTest';
import {
	deliveryIdentity,
	deliverySchema,
	eventSelected,
	fromWorkspace,
	normalizeDelivery,
} from './trigger/payload';
import { registerSetting, removeSetting, settingIsCurrent } from './trigger/registration';
import type { StoredSetting } from './trigger/setting';

type Registration = 'automatic' | 'manual';

/** Manual: the user pastes the URL and a secret into TAPD. Automatic: the node registers it through the API. */
const isManual = (context: IHookFunctions | IWebhookFunctions): boolean =>
	(context.getNodeParameter('registration', 'automatic') as Registration) === 'manual';

export class TapdTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'TAPD Trigger',
		name: 'tapdTrigger',
		icon: { light: 'file:tapd.svg', dark: 'file:tapd.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description:
			'Starts the workflow when a TAPD story, bug, task, iteration or other work item changes',
		defaults: { name: 'TAPD Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'tapdApi',
				required: true,
				testedBy: 'tapdApiTest',
				displayOptions: { show: { registration: ['automatic'] } },
			},
		],
		webhooks: [{ name: 'default', httpMethod: 'POST', path: 'tapd', ...answerOnReceipt }],
		properties: [
			{
				displayName: 'Registration',
				name: 'registration',
				type: 'options',
				options: [
					{
						name: 'Automatic (Create the Webhook Setting in TAPD)',
						value: 'automatic',
						description:
							'On publish the node creates a TAPD webhook setting (Webhook配置) with a generated secret and removes it on unpublish',
					},
					{
						name: 'Manual (I Register the URL in TAPD Myself)',
						value: 'manual',
						description:
							'For accounts without webhook permission: you paste the URL and secret into TAPD',
					},
				],
				default: 'automatic',
			},
			{
				displayName:
					'On publish this node creates a webhook setting (Webhook配置) in the workspace for its Production URL, with a random secret that TAPD sends back in every delivery; on unpublish it deletes it. The TAPD account needs permission to manage webhooks (app scope <code>webhook</code>).',
				name: 'automaticNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['automatic'] } },
			},
			{
				displayName:
					"In TAPD add a webhook (Webhook配置) for your workspace or company — or ask your TAPD admin or TAPD support to — with: <b>URL</b> = this node's Production URL (Webhook URLs above), <b>验证密码 (secret)</b> = the Secret below, <b>数据格式</b> json or form, and the events selected here. Deliveries without this exact secret are refused with 401.",
				name: 'manualNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['manual'] } },
			},
			{
				...workspaceIdProperty,
				description:
					'The TAPD project ID, the number after tapd.cn/ in the project URL. The webhook setting is created there.',
				displayOptions: { show: { registration: ['automatic'] } },
			},
			{
				displayName: 'Only From Workspace ID (项目ID)',
				name: 'workspaceId',
				type: 'string',
				default: '',
				placeholder: '10158231',
				description:
					'Ignore deliveries from other workspaces, e.g. when the webhook is company-wide. Empty accepts any workspace.',
				displayOptions: { show: { registration: ['manual'] } },
			},
			{
				displayName: 'Secret (验证密码)',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				required: true,
				description:
					'The same value you enter as 验证密码 in TAPD: at least 24 random characters, e.g. from <code>openssl rand -hex 24</code>',
				displayOptions: { show: { registration: ['manual'] } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: eventOptions,
				default: ['bug::create', 'bug::update'],
				required: true,
				description:
					"Which TAPD events start the workflow. A status-change choice also accepts an update whose changed fields include the status; status-change events come from TAPD's app subscriptions, and TAPD may refuse them in a webhook setting.",
			},
			{
				displayName: 'Content Type (数据格式)',
				name: 'contentType',
				type: 'options',
				options: [
					{ name: 'JSON', value: 'json' },
					{ name: 'Form', value: 'form', description: 'Sent as application/x-www-form-urlencoded' },
				],
				default: 'json',
				description:
					'How TAPD should send deliveries. Both are accepted; JSON keeps numbers as numbers.',
				displayOptions: { show: { registration: ['automatic'] } },
			},
			{
				displayName: 'Additional Options',
				name: 'additionalOptions',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					ignoreRepeatsOption(
						'repeatWindowSeconds',
						'A delivery with an event_id already accepted within this many seconds is acknowledged but starts no execution. 0 turns this off.',
					),
				],
			},
			rawBodyFlag,
		],
	};

	methods = { credentialTest: { tapdApiTest } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (isManual(this)) return pastedUrl.exists();
				return await settingIsCurrent(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (isManual(this)) {
					return pastedUrl.publish(
						this,
						this.getNodeParameter('secret', ''),
						'set a longer Secret (验证密码) in the TAPD Trigger and the same value in TAPD',
					);
				}
				return await registerSetting(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				if (isManual(this)) return pastedUrl.unpublish(this);
				return await removeSetting(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery(this, async () => {
			const request = this.getRequestObject();
			const expectedSecret = isManual(this)
				? (this.getNodeParameter('secret', '') as string)
				: (this.getWorkflowStaticData('node') as StoredSetting).secret;

			// TAPD sends its secret inside the body, so the body is read before the check.
			const rawBody = await readRawBody(request);
			const body = parseWebhookBody(rawBody, request.headers['content-type'], ['json', 'form']);
			const { secret: receivedSecret, ...fields } = body;
			assertAuthorized(
				typeof receivedSecret === 'string' &&
					!weakSecretReason(expectedSecret) &&
					secretsEqual(receivedSecret, expectedSecret),
			);
			const delivery = parseWithSchema(deliverySchema, fields);

			if (!eventSelected(delivery, this.getNodeParameter('events', []) as string[])) {
				return answerWithoutExecution(this, 200, 'Accepted; this event is not selected');
			}
			if (!fromWorkspace(delivery, String(this.getNodeParameter('workspaceId', '')).trim())) {
				return answerWithoutExecution(this, 200, 'Accepted; from another workspace');
			}

			const identity = deliveryIdentity(delivery);
			if (identity !== undefined && isRepeatDelivery(this, identity)) {
				return answerWithoutExecution(this, 200, REPEAT_ANSWER);
			}
			return { workflowData: [[{ json: normalizeDelivery(delivery) }]] };
		});
	}
}
