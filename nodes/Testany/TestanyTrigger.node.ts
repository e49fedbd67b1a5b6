import {
	NodeConnectionTypes,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import {
	answerWithoutExecution,
	handleDelivery,
	assertAuthorized,
	parseWithSchema,
} from '../shared/webhook/answer';
import { plausibleSecret, tokenFromRequest } from '../shared/webhook/auth';
import {
	acknowledgeOption,
	acknowledgeWebhookFields,
	startUnlessRepeat,
} from '../shared/webhook/acknowledge';
import { assertContentType, parseWebhookBody } from '../shared/webhook/body';
import { matchesPastedSecret, pastedUrlWebhookMethods } from '../shared/webhook/pastedUrl';
import { bodyIdentity, ignoreRepeatsOption } from '../shared/webhook/repeats';
import { headerValue, rawBodyFlag, readRawBody } from '../shared/webhook/request';
import { MIN_SHARED_SECRET_LENGTH, secretStrengthTest } from '../shared/webhook/secrets';
import {
	executionIdentity,
	notificationSchema,
	toItems,
	type OutputGranularity,
	type ResultFilter,
} from './trigger/payload';
import { PASTED_SECRET, TOKEN_HEADER, TOKEN_QUERY_PARAMETER } from './trigger/authentication';

export class TestanyTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Testany Trigger',
		name: 'testanyTrigger',
		icon: { light: 'file:testany.svg', dark: 'file:testany.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{$parameter["output"] === "notification" ? "One item per notification" : "One item per " + $parameter["output"]}}',
		description: 'Starts the workflow when Testany reports a test plan or gatekeeper result',
		defaults: { name: 'Testany Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			// PASTED_SECRET.credential, written out: n8n's lint reads `testedBy` next to the name.
			{ name: 'testanyWebhookApi', required: true, testedBy: 'testanySecretStrength' },
		],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', path: 'testany', ...acknowledgeWebhookFields },
		],
		properties: [
			{
				displayName:
					"In Testany, add this node's Production URL as the plan's or gatekeeper's webhook receiver and append <code>?token=</code> followed by the token of the credential. Testany does not sign its notifications: the token is what proves a delivery comes from your Testany.",
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Trigger Methods',
				name: 'triggerMethods',
				type: 'multiOptions',
				options: [
					{
						name: 'Plan',
						value: 'plan',
						description: 'Scheduled or manual test plans (keys starting with P-)',
					},
					{
						name: 'Gatekeeper',
						value: 'gatekeeper',
						description: 'Release gatekeepers (keys starting with G-)',
					},
				],
				default: ['plan', 'gatekeeper'],
				description: 'Which kinds of Testany trigger start the workflow',
			},
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				options: [
					{
						name: 'One Item per Notification',
						value: 'notification',
						description: 'The whole result, with labelled statuses and a case summary',
					},
					{
						name: 'One Item per Pipeline',
						value: 'pipeline',
						description: "Each pipeline with its cases and its trigger's name and key",
					},
					{
						name: 'One Item per Case',
						value: 'case',
						description: "Each test case with its pipeline's and trigger's names and keys",
					},
				],
				default: 'notification',
			},
			{
				displayName: 'Result',
				name: 'result',
				type: 'options',
				options: [
					{ name: 'Any', value: 'any' },
					{
						name: 'Success Only',
						value: 'success',
						description: 'Status 1: succeeded runs, passed cases',
					},
					{
						name: 'Failure Only',
						value: 'failure',
						description: 'Status 2: failed runs, failed cases',
					},
				],
				default: 'any',
				description:
					'Which results to output, judged at the level chosen in Output. A delivery with nothing left starts no execution.',
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
							'When Testany gets its answer. After the run, a failed or interrupted run is answered 500 or not at all, and Testany sends the notification again (up to 3 times, waiting 15 s for each answer).',
					},
					ignoreRepeatsOption(
						'Testany retries a notification up to 3 times. A repeat of the same execution within this many seconds is acknowledged but starts no execution. 0 turns this off.',
					),
				],
			},
			rawBodyFlag,
		],
	};

	methods = {
		credentialTest: { testanySecretStrength: secretStrengthTest(PASTED_SECRET.field) },
	};

	// Testany has no API to register receivers: the user pastes the URL.
	webhookMethods = { default: pastedUrlWebhookMethods(PASTED_SECRET) };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery(this, async () => {
			const request = this.getRequestObject();
			const contentType = headerValue(request.headers, 'content-type');
			// What needs no secret first: most forgeries are refused before the credential is read.
			assertContentType(contentType, ['json']);
			const received = tokenFromRequest(request.headers, request.query, {
				header: TOKEN_HEADER,
				queryParameter: TOKEN_QUERY_PARAMETER,
			});
			assertAuthorized(plausibleSecret(received, MIN_SHARED_SECRET_LENGTH));
			assertAuthorized(await matchesPastedSecret(this, received as string, PASTED_SECRET));

			const rawBody = await readRawBody(request);
			const body = parseWebhookBody(rawBody, contentType);
			const notification = parseWithSchema(notificationSchema, body);

			const methods = this.getNodeParameter('triggerMethods', []) as string[];
			const items = methods.includes(notification.trigger_method)
				? toItems(
						notification,
						this.getNodeParameter('output', 'notification') as OutputGranularity,
						this.getNodeParameter('result', 'any') as ResultFilter,
					)
				: [];
			if (items.length === 0) {
				return answerWithoutExecution(this, 200, 'Accepted; nothing in it matches this trigger');
			}

			const identity = executionIdentity(notification) ?? bodyIdentity(rawBody);
			return startUnlessRepeat(this, identity, items);
		});
	}
}
