import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { randomBytes } from 'node:crypto';

import { forgetRecentDeliveries, recentDeliveriesOf } from '../shared/webhook/repeats';
import { assertStrongSecret, weakSecretReason } from '../shared/webhook/secrets';
import { secretsEqual } from '../shared/webhook/auth';
import { parseWebhookBody } from '../shared/webhook/body';
import { answerOnReceipt, rawBodyFlag, readRawBody } from '../shared/webhook/request';
import {
	answerWithoutExecution,
	assertAuthorized,
	handleDelivery,
	parseWithSchema,
} from '../shared/webhook/answer';
import { workspaceIdProperty } from './actions/common';
import { deliverySchema, eventSelected, normalizeDelivery } from './delivery';
import { eventOptions } from './events';
import {
	createWebhookSetting,
	deleteWebhookSetting,
	findWebhookSetting,
	listWebhookSettings,
	settingMatches,
} from './webhookSettings';

type Registration = 'automatic' | 'manual';

/** What publishing stored about the webhook setting it created or adopted. */
interface StoredSetting extends IDataObject {
	settingId?: string;
	workspaceId?: string;
	secret?: string;
}

interface Expected {
	workspaceId: string;
	url: string;
	events: string[];
	contentType: string;
}

function expectedSetting(context: IHookFunctions): Expected {
	return {
		workspaceId: String(context.getNodeParameter('workspaceId', '')).trim(),
		url: context.getNodeWebhookUrl('default') ?? '',
		events: context.getNodeParameter('events', []) as string[],
		contentType: context.getNodeParameter('contentType', 'json') as string,
	};
}

// n8n saves static data only when a value is assigned: deleting a key alone would not be saved.
function forgetSetting(stored: StoredSetting): void {
	stored.settingId = undefined;
	stored.workspaceId = undefined;
	stored.secret = undefined;
}

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
					'Which TAPD events start the workflow. A status-change choice also accepts an update whose changed fields include the status.',
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
					{
						displayName: 'Ignore Repeats Within (Seconds)',
						name: 'repeatWindowSeconds',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 600,
						description:
							'A delivery with an event_id already accepted within this many seconds is acknowledged but starts no execution. 0 turns this off.',
					},
				],
			},
			rawBodyFlag,
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if ((this.getNodeParameter('registration', 'automatic') as Registration) === 'manual') {
					return false; // create() checks the secret
				}
				const stored = this.getWorkflowStaticData('node') as StoredSetting;
				if (!stored.settingId || !stored.workspaceId || !stored.secret) return false;
				const expected = expectedSetting(this);
				const setting = await findWebhookSetting.call(this, stored.workspaceId, stored.settingId);
				if (
					setting &&
					stored.workspaceId === expected.workspaceId &&
					settingMatches(setting, expected)
				) {
					return true;
				}
				// Ours but stale (closed, other URL, events or workspace): remove it so it cannot deliver twice.
				if (setting) await deleteWebhookSetting.call(this, stored.workspaceId, stored.settingId);
				forgetSetting(stored);
				return false;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				if ((this.getNodeParameter('registration', 'automatic') as Registration) === 'manual') {
					assertStrongSecret(
						this,
						this.getNodeParameter('secret', ''),
						'set a longer Secret (验证密码) in the TAPD Trigger and the same value in TAPD',
					);
					return true;
				}
				const expected = expectedSetting(this);
				if (!/^\d+$/.test(expected.workspaceId)) {
					throw new NodeOperationError(
						this.getNode(),
						'Workspace ID must be the numeric TAPD project ID (the number after tapd.cn/ in the project URL)',
					);
				}
				if (expected.events.length === 0) {
					throw new NodeOperationError(this.getNode(), 'Select at least one event');
				}
				const stored = this.getWorkflowStaticData('node') as StoredSetting;

				// Adopt a setting that already delivers exactly this to this URL (e.g. after static data was lost);
				// any other setting for this node's unique URL is a leftover that would deliver twice.
				const forThisUrl = (
					await listWebhookSettings.call(this, expected.workspaceId, { webhook_url: expected.url })
				).filter((setting) => setting.url === expected.url);
				const adoptable = forThisUrl.find(
					(setting) => settingMatches(setting, expected) && !weakSecretReason(setting.secret),
				);
				for (const setting of forThisUrl) {
					if (setting !== adoptable) {
						await deleteWebhookSetting.call(this, expected.workspaceId, String(setting.id));
					}
				}
				if (adoptable) {
					stored.settingId = String(adoptable.id);
					stored.workspaceId = expected.workspaceId;
					stored.secret = adoptable.secret;
					return true;
				}

				const secret = randomBytes(32).toString('hex');
				const created = await createWebhookSetting.call(this, {
					workspace_id: expected.workspaceId,
					url: expected.url,
					events: expected.events.join(','),
					content_type: expected.contentType,
					secret,
				});
				if (!created.id) {
					throw new NodeOperationError(
						this.getNode(),
						'TAPD created the webhook setting but returned no id; check Webhook配置 in TAPD',
					);
				}
				stored.settingId = String(created.id);
				stored.workspaceId = expected.workspaceId;
				stored.secret = secret;
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				forgetRecentDeliveries(this.getWorkflow().id, this.getNode().id);
				const stored = this.getWorkflowStaticData('node') as StoredSetting;
				if (stored.settingId && stored.workspaceId) {
					// Already gone counts as deleted.
					await deleteWebhookSetting.call(this, stored.workspaceId, stored.settingId);
				}
				forgetSetting(stored);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery(this, async () => {
			const request = this.getRequestObject();
			const registration = this.getNodeParameter('registration', 'automatic') as Registration;
			const expectedSecret =
				registration === 'manual'
					? (this.getNodeParameter('secret', '') as string)
					: (this.getWorkflowStaticData('node') as StoredSetting).secret;

			// TAPD sends its secret inside the body, so the body is read before the check.
			const body = parseWebhookBody(await readRawBody(request), request.headers['content-type'], [
				'json',
				'form',
			]);
			const { secret: receivedSecret, ...fields } = body;
			assertAuthorized(
				typeof receivedSecret === 'string' &&
					!weakSecretReason(expectedSecret) &&
					secretsEqual(receivedSecret, expectedSecret),
			);
			const delivery = parseWithSchema(deliverySchema, fields);

			const events = this.getNodeParameter('events', []) as string[];
			const workspaceFilter = String(this.getNodeParameter('workspaceId', '')).trim();
			if (!eventSelected(delivery, events)) {
				return answerWithoutExecution(this, 200, 'Accepted; this event is not selected');
			}
			if (workspaceFilter && String(delivery.workspace_id ?? '') !== workspaceFilter) {
				return answerWithoutExecution(this, 200, 'Accepted; from another workspace');
			}

			const options = this.getNodeParameter('additionalOptions', {}) as IDataObject;
			const windowSeconds = (options.repeatWindowSeconds as number | undefined) ?? 600;
			if (delivery.event_id !== undefined) {
				const recent = recentDeliveriesOf(this.getWorkflow().id, this.getNode().id);
				const key = `${delivery.event}|${String(delivery.event_id)}|${String(delivery.id ?? '')}`;
				if (recent.isRepeat(key, windowSeconds * 1000)) {
					return answerWithoutExecution(
						this,
						200,
						'Accepted; a repeat of a delivery already received',
					);
				}
			}
			return { workflowData: [[{ json: normalizeDelivery(delivery) }]] };
		});
	}
}
