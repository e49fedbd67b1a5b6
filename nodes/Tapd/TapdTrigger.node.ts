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
import { startUnlessRepeat } from '../shared/webhook/acknowledge';
import { plausibleSecret } from '../shared/webhook/auth';
import { assertContentType, parseWebhookBody, type BodyFormat } from '../shared/webhook/body';
import { pastedUrlWebhookMethods } from '../shared/webhook/pastedUrl';
import { triggerLocatorValue } from '../shared/resourceLocator';
import { ignoreRepeatsOption } from '../shared/webhook/repeats';
import {
	answerOnReceipt,
	bodySizeLimit,
	bodySizeOption,
	headerValue,
	rawBodyFlag,
	readRawBody,
} from '../shared/webhook/request';
import { MIN_SHARED_SECRET_LENGTH, secretStrengthTest } from '../shared/webhook/secrets';
import { workspaceFilterProperty, workspaceIdProperty } from './common.descriptions';
import { eventOptions } from './events';
import { searchWorkspaces } from './methods/listSearch';
import {
	DELIVERY_LIMITS,
	MAX_BODY_KILOBYTES,
	deliveryIdentity,
	deliverySchema,
	eventSelected,
	fromWorkspace,
	normalizeDelivery,
} from './trigger/payload';
import { PASTED_SECRET, isTriggerSecret } from './trigger/authentication';
import { registerSetting, removeSetting, settingIsCurrent } from './trigger/registration';

type Registration = 'automatic' | 'manual';

/** Manual: the user pastes the URL and a secret into TAPD. Automatic: the node registers it through the API. */
const isManual = (context: IHookFunctions | IWebhookFunctions): boolean =>
	(context.getNodeParameter('registration', 'automatic') as Registration) === 'manual';

/** TAPD sends JSON or a form (its 数据格式 setting). */
const BODY_FORMATS: readonly BodyFormat[] = ['json', 'form'];

/** Manual registration: the lifecycle of every trigger whose URL the user pastes. */
const manual = pastedUrlWebhookMethods(PASTED_SECRET);

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
			{
				// PASTED_SECRET.credential, written out: n8n's lint reads `testedBy` next to the name.
				name: 'tapdWebhookApi',
				required: true,
				testedBy: 'tapdSecretStrength',
				displayOptions: { show: { registration: ['manual'] } },
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
							'On publish the node creates a TAPD webhook setting with a generated secret and removes it on unpublish',
					},
					{
						name: 'Manual (I Register the URL in TAPD Myself)',
						value: 'manual',
						description:
							'For accounts without webhook permission: you paste the URL and the secret of a TAPD Webhook Secret credential into TAPD',
					},
				],
				default: 'automatic',
			},
			{
				displayName:
					'On publish this node creates a webhook setting in the workspace for its Production URL, with a random secret that TAPD sends back in every delivery; on unpublish it deletes it. The TAPD account needs permission to manage webhooks (app scope <code>webhook</code>).',
				name: 'automaticNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['automatic'] } },
			},
			{
				displayName:
					"In TAPD add a webhook (webhook configuration) for your workspace or company, or ask your TAPD admin or TAPD support to, with: <b>URL</b> = this node's Production URL (Webhook URLs above), <b>secret</b> = the secret of the TAPD Webhook Secret credential chosen here, <b>data format</b> JSON or form, and the events selected here. Deliveries without this exact secret are refused with 401.",
				name: 'manualNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['manual'] } },
			},
			{
				...workspaceIdProperty,
				description:
					'The TAPD project, the number after tapd.cn/ in its address. The webhook setting is created there.',
				displayOptions: { show: { registration: ['automatic'] } },
			},
			{ ...workspaceFilterProperty, displayOptions: { show: { registration: ['manual'] } } },
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
				displayName: 'Content Type',
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
						'A delivery with an event_id already accepted within this many seconds is acknowledged but starts no execution. 0 turns this off.',
					),
					bodySizeOption(
						MAX_BODY_KILOBYTES,
						'TAPD deliveries are a few kilobytes. A larger body is refused with 413 before it is parsed; one with more than 2000 fields and values, or nested deeper than 8 levels, with 400 while it is read.',
					),
				],
			},
			rawBodyFlag,
		],
	};

	methods = {
		listSearch: { searchWorkspaces },
		credentialTest: { tapdSecretStrength: secretStrengthTest(PASTED_SECRET.field) },
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (isManual(this)) return await manual.checkExists.call(this);
				return await settingIsCurrent(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (isManual(this)) return await manual.create.call(this);
				return await registerSetting(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				if (isManual(this)) return await manual.delete.call(this);
				return await removeSetting(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery(this, async () => {
			const request = this.getRequestObject();
			const contentType = headerValue(request.headers, 'content-type');
			// TAPD sends its secret inside the body: everything that needs no secret comes first, and the
			// body is bounded before it is parsed.
			assertContentType(contentType, BODY_FORMATS);
			const rawBody = await readRawBody(request, bodySizeLimit(this, MAX_BODY_KILOBYTES));
			const { secret, ...fields } = parseWebhookBody(
				rawBody,
				contentType,
				BODY_FORMATS,
				DELIVERY_LIMITS,
			);
			assertAuthorized(plausibleSecret(secret, MIN_SHARED_SECRET_LENGTH));
			const manualMode = isManual(this);
			assertAuthorized(await isTriggerSecret(this, secret as string, manualMode));
			const delivery = parseWithSchema(deliverySchema, fields);

			if (!eventSelected(delivery, this.getNodeParameter('events', []) as string[])) {
				return answerWithoutExecution(this, 200, 'Accepted; this event is not selected');
			}
			const workspace = manualMode ? 'onlyFromWorkspace' : 'workspaceId';
			if (!fromWorkspace(delivery, triggerLocatorValue(this, workspace))) {
				return answerWithoutExecution(this, 200, 'Accepted; from another workspace');
			}

			const items = [{ json: normalizeDelivery(delivery) }];
			return startUnlessRepeat(this, deliveryIdentity(delivery), items);
		});
	}
}
