import { inspect } from 'node:util';

import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex } from '@noble/hashes/utils';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { AzureDevOpsTrigger } from '../../nodes/AzureDevOps/AzureDevOpsTrigger.node';
import { isTestNotificationToken, testNotificationToken } from '../../nodes/AzureDevOps/trigger/authentication';
import { deliveryItem, envelopeSchema } from '../../nodes/AzureDevOps/trigger/payload';
import { TEST_NOTIFICATION_WAIT } from '../../nodes/AzureDevOps/trigger/testNotification';
import { RETRY_POLICY, backoffMs, retryClock } from '../../nodes/shared/http/retry';
import { REGISTRATION_DEADLINE_MS } from '../../nodes/shared/webhook/registration';
import { REPEAT_ANSWER } from '../../nodes/shared/webhook/repeats';
import { ORG, hookContext, type Route } from '../helpers/azureDevOps';
import { webhookContext } from '../helpers/contexts';

const trigger = new AzureDevOpsTrigger();
const hooks = trigger.webhookMethods.default;
const PROJECT = '6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c';
const WEBHOOK_URL = 'https://n8n.example.com/webhook/abc/azure-devops';
const PAT = 'pat-secret-value-never-shown';
const credentials = { organizationUrl: ORG, personalAccessToken: PAT, allowLocalWebhookUrls: false };
const parameters = {
	events: ['workitem.updated'],
	project: PROJECT,
	filters: { workItemType: 'Bug', changedFields: 'System.State', buildStatus: 'Failed' },
	additionalOptions: {},
};

function lifecycle(options: { routes?: Route[]; staticData?: IDataObject; webhookUrl?: string; credentials?: IDataObject; parameters?: IDataObject } = {}) {
	return hookContext({
		routes: options.routes,
		parameters: { ...parameters, ...options.parameters },
		credentials: options.credentials ?? credentials,
		staticData: options.staticData ?? {},
		webhookUrl: options.webhookUrl ?? WEBHOOK_URL,
	});
}

// Static data holds digests, computed here by an independent implementation; the clear values exist only
// in the subscription (and in the requests Azure DevOps sends).
const digestOf = (secret: string) => Buffer.from(sha256(Buffer.from(secret))).toString('hex');
const PASSWORD = 'Zk3mW8qR1vT6yB9nC2xF5hJ0lP4sD7gA-Eu_OiKc3Lq';
const HEADER_SECRET = '8d2f6b0a4e9c3f7b1d5a9e3c7f1b5d9a3e7c1f5b9d3a7e1c5f9b3d7a1e5c9f3b';
const record = (id = 'sub-1', user = 'n8n-user', password = PASSWORD, headerSecret = HEADER_SECRET) => ({
	subscriptionId: id,
	basicAuthUsername: user,
	basicAuthPasswordDigest: digestOf(password),
	secretHeaderDigest: digestOf(headerSecret),
});
/** Static data of a trigger published for work item updates only. */
const stored = () => ({ subscriptions: { 'workitem.updated': record() } });

const remote = (overrides: Record<string, unknown> = {}) => ({
	id: 'sub-1',
	status: 'enabled',
	publisherId: 'tfs',
	eventType: 'workitem.updated',
	publisherInputs: { projectId: PROJECT, workItemType: 'Bug', changedFields: 'System.State' },
	consumerInputs: { url: WEBHOOK_URL, basicAuthUsername: 'n8n-user', basicAuthPassword: '********', resourceDetailsToSend: 'all', messagesToSend: 'all', detailedMessagesToSend: 'all' },
	...overrides,
});

describe('AzureDevOpsTrigger.checkExists', () => {
	it('says no without calling Azure DevOps when nothing was registered', async () => {
		const { context, calls } = lifecycle();
		await expect(hooks.checkExists.call(context)).resolves.toBe(false);
		expect(calls).toHaveLength(0);
	});

	it('keeps a matching enabled subscription', async () => {
		const { context, calls, staticData } = lifecycle({
			staticData: stored(),
			routes: [{ method: 'GET', path: /^\/_apis\/hooks\/subscriptions\/sub-1$/, reply: { body: remote() } }],
		});
		await expect(hooks.checkExists.call(context)).resolves.toBe(true);
		expect(calls[0].qs).toMatchObject({ 'api-version': '7.1' });
		expect(staticData).toEqual(stored());
	});

	it('keeps a subscription on probation', async () => {
		const { context } = lifecycle({
			staticData: stored(),
			routes: [{ method: 'GET', path: /sub-1$/, reply: { body: remote({ status: 'onProbation' }) } }],
		});
		await expect(hooks.checkExists.call(context)).resolves.toBe(true);
	});

	it.each(['disabledBySystem', 'disabledByUser', 'disabledByInactiveIdentity'])('deletes a %s subscription and says no so it is recreated', async (status) => {
		const { context, calls, staticData } = lifecycle({
			staticData: stored(),
			routes: [
				{ method: 'GET', path: /sub-1$/, reply: { body: remote({ status }) } },
				{ method: 'DELETE', path: /sub-1$/, reply: { statusCode: 204 } },
			],
		});
		await expect(hooks.checkExists.call(context)).resolves.toBe(false);
		expect(calls.map((call) => call.method)).toEqual(['GET', 'DELETE']);
		expect(staticData).toEqual({ subscriptions: {} });
	});

	it('says no when the subscription points at another URL', async () => {
		const { context } = lifecycle({
			staticData: stored(),
			webhookUrl: 'https://new-host.example.com/webhook/abc/azure-devops',
			routes: [
				{ method: 'GET', path: /sub-1$/, reply: { body: remote() } },
				{ method: 'DELETE', path: /sub-1$/, reply: { statusCode: 204 } },
			],
		});
		await expect(hooks.checkExists.call(context)).resolves.toBe(false);
	});

	it('deletes and recreates a subscription whose secrets were lost', async () => {
		const { context, calls, staticData } = lifecycle({
			staticData: { subscriptions: { 'workitem.updated': { subscriptionId: 'sub-1', basicAuthUsername: 'n8n-user' } } },
			routes: [
				{ method: 'GET', path: /sub-1$/, reply: { body: remote() } },
				{ method: 'DELETE', path: /sub-1$/, reply: { statusCode: 204 } },
			],
		});
		await expect(hooks.checkExists.call(context)).resolves.toBe(false);
		expect(calls.map((call) => call.method)).toEqual(['GET', 'DELETE']);
		expect(staticData).toEqual({ subscriptions: {} });
	});

	it('says no when Azure DevOps no longer knows the subscription', async () => {
		const { context, calls, staticData } = lifecycle({
			staticData: stored(),
			routes: [{ method: 'GET', path: /sub-1$/, reply: { statusCode: 404, body: { message: 'TF400000: not found' } } }],
		});
		await expect(hooks.checkExists.call(context)).resolves.toBe(false);
		expect(calls).toHaveLength(1);
		expect(staticData).toEqual({ subscriptions: {} });
	});
});

describe('AzureDevOpsTrigger.create', () => {
	const created = { method: 'POST', path: /^\/_apis\/hooks\/subscriptions$/, reply: { body: { id: 'sub-new', status: 'enabled' } } };
	const list = (value: unknown[] = []) => ({ method: 'GET', path: /^\/_apis\/hooks\/subscriptions$/, reply: { body: { count: value.length, value } } });

	it('creates the subscription with generated Basic credentials and secret header, kept in static data', async () => {
		const { context, calls, staticData } = lifecycle({ routes: [list(), created] });
		await expect(hooks.create.call(context)).resolves.toBe(true);
		const post = calls.find((call) => call.method === 'POST')!;
		const body = post.body as Record<string, any>;
		expect(body).toMatchObject({
			publisherId: 'tfs',
			eventType: 'workitem.updated',
			resourceVersion: '1.0',
			consumerId: 'webHooks',
			consumerActionId: 'httpRequest',
			publisherInputs: { projectId: PROJECT, workItemType: 'Bug', changedFields: 'System.State' },
			consumerInputs: { url: WEBHOOK_URL, resourceDetailsToSend: 'all', messagesToSend: 'all', detailedMessagesToSend: 'all' },
		});
		expect(body.publisherInputs).not.toHaveProperty('buildStatus');
		const headerSecret = /^X-N8n-Webhook-Secret:([0-9a-f]{64})$/.exec(body.consumerInputs.httpHeaders)?.[1] as string;
		expect(headerSecret).toBeDefined();
		expect(body.consumerInputs.basicAuthPassword.length).toBeGreaterThanOrEqual(43);
		// Only digests are kept: static data is readable through n8n's API.
		expect(staticData).toEqual({
			subscriptions: {
				'workitem.updated': {
					subscriptionId: 'sub-new',
					basicAuthUsername: body.consumerInputs.basicAuthUsername,
					basicAuthPasswordDigest: digestOf(body.consumerInputs.basicAuthPassword),
					secretHeaderDigest: digestOf(headerSecret),
				},
			},
		});
		expect(JSON.stringify(staticData)).not.toContain(body.consumerInputs.basicAuthPassword);
		expect(JSON.stringify(staticData)).not.toContain(headerSecret);
		expect(JSON.stringify(body)).not.toContain(PAT);
		// What Azure DevOps will send is accepted against what was kept.
		const { context: delivery, answer } = webhookContext(
			{
				body: JSON.stringify({ eventType: 'workitem.updated', notificationId: 1 }),
				headers: {
					'content-type': 'application/json',
					authorization: `Basic ${Buffer.from(`${body.consumerInputs.basicAuthUsername}:${body.consumerInputs.basicAuthPassword}`).toString('base64')}`,
					'x-n8n-webhook-secret': headerSecret,
				},
			},
			{ parameters, staticData, nodeId: 'after-create' },
		);
		expect((await trigger.webhook.call(delivery)).workflowData).toBeDefined();
		expect(answer.statusCode).toBeUndefined();
	});

	it('deletes leftover subscriptions that point at this very URL first', async () => {
		const { context, calls } = lifecycle({
			routes: [
				list([
					{ id: 'left-over', consumerInputs: { url: WEBHOOK_URL } },
					{ id: 'someone-else', consumerInputs: { url: 'https://other.example.com/hook' } },
				]),
				{ method: 'DELETE', path: /left-over$/, reply: { statusCode: 204 } },
				created,
			],
		});
		await hooks.create.call(context);
		expect(calls.map((call) => `${call.method} ${call.url.replace(ORG, '')}`)).toEqual([
			'GET /_apis/hooks/subscriptions',
			'DELETE /_apis/hooks/subscriptions/left-over',
			'POST /_apis/hooks/subscriptions',
		]);
	});

	it.each([
		['http://localhost:5678/webhook/abc/azure-devops', /localhost/],
		['https://192.168.1.20/webhook/abc/azure-devops', /special-range/],
		['http://n8n.example.com/webhook/abc/azure-devops', /plain HTTP/],
	])('refuses %s before calling Azure DevOps, saying why and what to change', async (webhookUrl, why) => {
		const { context, calls } = lifecycle({ webhookUrl, routes: [list(), created] });
		const error = await hooks.create.call(context).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toMatch(/would refuse/);
		expect((error as NodeOperationError).description).toMatch(why);
		expect((error as NodeOperationError).description).toMatch(/WEBHOOK_URL/);
		expect(calls).toHaveLength(0);
	});

	it('lets a test set-up register a local URL through the credential switch only', async () => {
		const { context, calls } = lifecycle({
			webhookUrl: 'http://127.0.0.1:5678/webhook/abc/azure-devops',
			credentials: { ...credentials, allowLocalWebhookUrls: true },
			routes: [list(), created],
		});
		await expect(hooks.create.call(context)).resolves.toBe(true);
		expect(calls.at(-1)?.method).toBe('POST');
	});

	it('turns 403 into advice about the scope and project administrators, without the token', async () => {
		const { context } = lifecycle({
			routes: [list(), { method: 'POST', path: /subscriptions$/, reply: { statusCode: 403, body: { message: 'TF401027: You need the Git permission.', typeKey: 'UnauthorizedRequestException' } } }],
		});
		const error = (await hooks.create.call(context).catch((e: unknown) => e)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			'The trigger is not listening: registering it in Azure DevOps failed (Azure DevOps denied access (HTTP 403) during POST /_apis/hooks/subscriptions: TF401027: You need the Git permission)',
		);
		expect(error.description).toMatch(/Service hooks \(read and write\)/);
		expect(error.description).toMatch(/Project Collection Administrators or an organization owner.*Then publish the workflow again\.$/);
		expect(error.httpCode).toBe('403');
		expect(inspect(error, { depth: 10 })).not.toContain(PAT);
	});

	it('treats the sign-in page Azure DevOps serves for a bad token as 401', async () => {
		const { context } = lifecycle({
			routes: [{ method: 'GET', path: /subscriptions$/, reply: { statusCode: 203, body: '<html>Sign in</html>', headers: { 'content-type': 'text/html' } } }],
		});
		const error = (await hooks.create.call(context).catch((e: unknown) => e)) as NodeApiError;
		expect(error.message).toBe(
			'The trigger is not listening: registering it in Azure DevOps failed (Azure DevOps did not accept the credentials (HTTP 401) during GET /_apis/hooks/subscriptions)',
		);
		expect(error.description).toMatch(/personal access token/);
		expect(error.httpCode).toBe('401');
	});

	describe('during an outage of Azure DevOps (the retry policy, on virtual time)', () => {
		/** Answers 503 to the first `failures` calls of its route, then `then`. */
		const flaky = (failures: number, then: Route['reply']): Route['reply'] => {
			let calls = 0;
			return (call) => (calls++ < failures ? { statusCode: 503, body: { message: 'The service is temporarily unavailable.' } } : typeof then === 'function' ? then(call) : then);
		};

		it('repeats a read during an outage, backing off, and succeeds when Azure DevOps recovers', async () => {
			const { context, calls, staticData } = lifecycle({
				routes: [{ method: 'GET', path: /^\/_apis\/hooks\/subscriptions$/, reply: flaky(2, { body: { count: 0, value: [] } }) }, created],
			});
			const started = retryClock.now();
			await expect(hooks.create.call(context)).resolves.toBe(true);
			expect(calls.map((call) => call.method)).toEqual(['GET', 'GET', 'GET', 'POST']);
			expect(retryClock.now() - started).toBeGreaterThanOrEqual(backoffMs(1) + backoffMs(2));
			expect((staticData.subscriptions as Record<string, IDataObject>)['workitem.updated'].subscriptionId).toBe('sub-new');
		});

		it('never sends a create again after a 503, but lists again first, so a subscription made before the 503 is removed, not doubled', async () => {
			const leftover = { id: 'sub-made-before-the-500', consumerInputs: { url: WEBHOOK_URL } };
			let listed = 0;
			const { context, calls } = lifecycle({
				routes: [
					{ method: 'GET', path: /^\/_apis\/hooks\/subscriptions$/, reply: () => ({ body: listed++ === 0 ? { value: [] } : { value: [leftover] } }) },
					{ method: 'POST', path: /^\/_apis\/hooks\/subscriptions$/, reply: flaky(1, { body: { id: 'sub-new', status: 'enabled' } }) },
					{ method: 'DELETE', path: /sub-made-before-the-500$/, reply: { statusCode: 204 } },
				],
			});
			await expect(hooks.create.call(context)).resolves.toBe(true);
			expect(calls.map((call) => call.method)).toEqual(['GET', 'POST', 'GET', 'DELETE', 'POST']);
		});

		it('honours a 429 with Retry-After on the create: sent once more, no sooner than asked', async () => {
			let posts = 0;
			const times: number[] = [];
			const { context, calls } = lifecycle({
				routes: [
					list(),
					{ method: 'POST', path: /subscriptions$/, reply: () => (times.push(retryClock.now()), posts++ === 0 ? { statusCode: 429, headers: { 'retry-after': '9' }, body: { message: 'TF400733: The request has been canceled' } } : { body: { id: 'sub-new', status: 'enabled' } }) },
				],
			});
			await expect(hooks.create.call(context)).resolves.toBe(true);
			expect(calls.filter((call) => call.method === 'POST')).toHaveLength(2);
			expect(times[1] - times[0]).toBeGreaterThanOrEqual(9000);
		});

		it('retries when Azure DevOps cannot be reached at all', async () => {
			let attempts = 0;
			const { context, http } = lifecycle({ routes: [{ method: 'GET', path: /subscriptions$/, reply: { body: { value: [] } } }, created] });
			const answer = http.getMockImplementation() as (...args: unknown[]) => Promise<unknown>;
			http.mockImplementation(async (...args: unknown[]) => {
				if (attempts++ === 0) throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' });
				return await answer(...args);
			});
			await expect(hooks.create.call(context)).resolves.toBe(true);
		});

		it('gives up within the registration deadline with an error that says the trigger is not listening and what to do', async () => {
			const { context, calls } = lifecycle({
				routes: [{ method: 'GET', path: /subscriptions$/, reply: { statusCode: 503, body: { message: 'The service is temporarily unavailable.' } } }],
			});
			const started = retryClock.now();
			const error = (await hooks.create.call(context).catch((e: unknown) => e)) as NodeApiError;
			expect(calls.length).toBeGreaterThan(RETRY_POLICY.maxAttempts);
			expect(retryClock.now() - started).toBeLessThanOrEqual(REGISTRATION_DEADLINE_MS);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toBe(
				'The trigger is not listening: registering it in Azure DevOps failed (Azure DevOps answered HTTP 503 during GET /_apis/hooks/subscriptions: The service is temporarily unavailable)',
			);
			expect(error.description).toMatch(/publish the workflow again; while n8n still shows it as published \(n8n 2\.x\), the Azure DevOps node's Check Webhooks operation/);
			expect(error.httpCode).toBe('503');
			expect(inspect(error, { depth: 10 })).not.toContain(PAT);
		});

		it('does not repeat a refusal', async () => {
			const { context, calls } = lifecycle({ routes: [list(), { method: 'POST', path: /subscriptions$/, reply: { statusCode: 400, body: { message: 'TF26027: bad input' } } }] });
			await expect(hooks.create.call(context)).rejects.toThrow('The trigger is not listening: registering it in Azure DevOps failed (Azure DevOps answered HTTP 400 during POST /_apis/hooks/subscriptions: TF26027: bad input)');
			expect(calls).toHaveLength(2);
		});

		it('rides out a short outage while checking an existing subscription', async () => {
			const { context, calls } = lifecycle({
				staticData: stored(),
				routes: [{ method: 'GET', path: /sub-1$/, reply: flaky(1, { body: remote() }) }],
			});
			await expect(hooks.checkExists.call(context)).resolves.toBe(true);
			expect(calls).toHaveLength(2);
		});
	});

	it('fails clearly when Azure DevOps answers without a subscription id', async () => {
		const { context, staticData } = lifecycle({ routes: [list(), { method: 'POST', path: /subscriptions$/, reply: { body: { status: 'enabled' } } }] });
		await expect(hooks.create.call(context)).rejects.toThrow('Azure DevOps did not return the id of the new service-hook subscription');
		expect(staticData).toEqual({ subscriptions: {} });
	});

	it('requires a project', async () => {
		const { context } = lifecycle({ parameters: { project: '' } });
		await expect(hooks.create.call(context)).rejects.toThrow('No project is selected');
	});

	it('takes the project id from the locator as it is', async () => {
		const { context, calls } = lifecycle({ routes: [list(), created], parameters: { project: { __rl: true, mode: 'list', value: PROJECT } } });
		await hooks.create.call(context);
		expect((calls.find((call) => call.method === 'POST')!.body as IDataObject).publisherInputs).toMatchObject({ projectId: PROJECT });
		expect(calls.some((call) => call.url.includes('/_apis/projects'))).toBe(false);
	});

	it('asks Azure DevOps for the id of a project given by name (typed, or from a pasted URL)', async () => {
		const byName = { method: 'GET', path: /^\/_apis\/projects\/Fabrikam%20Web$/, reply: { body: { id: PROJECT, name: 'Fabrikam Web' } } };
		const { context, calls } = lifecycle({ routes: [byName, list(), created], parameters: { project: { __rl: true, mode: 'id', value: 'Fabrikam%20Web' } } });
		await hooks.create.call(context);
		expect(calls[0].url).toBe(`${ORG}/_apis/projects/Fabrikam%20Web`);
		expect((calls.find((call) => call.method === 'POST')!.body as IDataObject).publisherInputs).toMatchObject({ projectId: PROJECT });
	});

	it('says which project Azure DevOps does not know', async () => {
		const missing = { method: 'GET', path: /^\/_apis\/projects\/Gone$/, reply: { statusCode: 404, body: { message: 'TF200016: The following project does not exist: Gone.' } } };
		const { context } = lifecycle({ routes: [missing], parameters: { project: 'Gone' } });
		await expect(hooks.create.call(context)).rejects.toThrow(/TF200016/);
	});

	it('refuses a TFVC check-in trigger without a path before calling Azure DevOps', async () => {
		const { context, calls } = lifecycle({ parameters: { events: ['tfvc.checkin'], filters: {} }, routes: [list(), created] });
		const error = (await hooks.create.call(context).catch((e: unknown) => e)) as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Azure DevOps requires Filters > TFVC Path for the event "Code Checked In (TFVC)"');
		expect(calls).toHaveLength(0);
	});

	describe('with the secret header only', () => {
		const HTTP_URL = 'http://tfs-hooks.corp.example:5678/webhook/abc/azure-devops';

		it('subscribes a plain-HTTP URL without Basic credentials, and warns in the log', async () => {
			const { context, calls, staticData, mock } = lifecycle({ webhookUrl: HTTP_URL, parameters: { deliveryAuthentication: 'headerOnly' }, routes: [list(), created] });
			await expect(hooks.create.call(context)).resolves.toBe(true);
			const body = calls.find((call) => call.method === 'POST')!.body as Record<string, any>;
			expect(body.consumerInputs).not.toHaveProperty('basicAuthUsername');
			expect(body.consumerInputs).not.toHaveProperty('basicAuthPassword');
			expect(body.consumerInputs.url).toBe(HTTP_URL);
			const headerSecret = /^X-N8n-Webhook-Secret:([0-9a-f]{64})$/.exec(body.consumerInputs.httpHeaders)?.[1] as string;
			expect(staticData).toEqual({ subscriptions: { 'workitem.updated': { subscriptionId: 'sub-new', secretHeaderDigest: digestOf(headerSecret) } } });
			expect(mock.logger.warn).toHaveBeenCalledWith(expect.stringMatching(/secret header over plain HTTP/));
		});

		it('keeps refusing plain HTTP with Basic credentials, pointing at the option', async () => {
			const { context, calls } = lifecycle({ webhookUrl: HTTP_URL, routes: [list(), created] });
			const error = (await hooks.create.call(context).catch((e: unknown) => e)) as NodeOperationError;
			expect(error.description).toMatch(/Secret Header Only/);
			expect(calls).toHaveLength(0);
		});
	});

	describe('with a test notification on publish', () => {
		const testParameters = { additionalOptions: { sendTestNotification: true } };
		const sent = (reply: Record<string, unknown>) => ({ method: 'POST', path: /^\/_apis\/hooks\/testnotifications$/, reply: { body: reply } });
		const polled = (...replies: Array<Record<string, unknown>>) => ({ method: 'GET', path: /^\/_apis\/hooks\/subscriptions\/sub-new\/notifications\/7$/, reply: () => ({ body: replies.length > 1 ? replies.shift() : replies[0] }) });

		beforeAll(() => {
			Object.assign(TEST_NOTIFICATION_WAIT, { intervalMs: 1, timeoutMs: 200 });
		});

		it("asks for a test through the new subscription, with its credentials and a marker only this trigger can make, and waits for Azure DevOps' result", async () => {
			const { context, calls, staticData } = lifecycle({
				parameters: testParameters,
				routes: [list(), created, sent({ id: 7, status: 'queued', result: 'pending' }), polled({ id: 7, status: 'processing', result: 'pending' }, { id: 7, status: 'completed', result: 'succeeded' })],
			});
			await expect(hooks.create.call(context)).resolves.toBe(true);
			expect(calls.map((call) => `${call.method} ${call.url.replace(ORG, '')}`)).toEqual([
				'GET /_apis/hooks/subscriptions',
				'POST /_apis/hooks/subscriptions',
				'POST /_apis/hooks/testnotifications',
				'GET /_apis/hooks/subscriptions/sub-new/notifications/7',
				'GET /_apis/hooks/subscriptions/sub-new/notifications/7',
			]);
			const test = calls[2].body as Record<string, any>;
			const held = (staticData.subscriptions as Record<string, IDataObject>)['workitem.updated'];
			expect(test).toMatchObject({ subscriptionId: 'sub-new', details: { publisherId: 'tfs', eventType: 'workitem.updated', resourceVersion: '1.0', consumerId: 'webHooks', consumerActionId: 'httpRequest', publisherInputs: { projectId: PROJECT, workItemType: 'Bug', changedFields: 'System.State' } } });
			// The test re-sends the subscription's own inputs, the secrets whose digests static data keeps.
			const subscribed = (calls[1].body as Record<string, any>).consumerInputs;
			expect(test.details.consumerInputs).toMatchObject({ url: WEBHOOK_URL, basicAuthUsername: held.basicAuthUsername, basicAuthPassword: subscribed.basicAuthPassword });
			expect(held.basicAuthPasswordDigest).toBe(digestOf(subscribed.basicAuthPassword));
			const [secretLine, markerLine] = String(test.details.consumerInputs.httpHeaders).split('\n');
			expect(secretLine).toBe(subscribed.httpHeaders);
			expect(held.secretHeaderDigest).toBe(digestOf(secretLine.split(':')[1]));
			const [markerName, token] = markerLine.split(':');
			expect(markerName).toBe('X-N8n-Test-Notification');
			expect(isTestNotificationToken(token, PAT, WEBHOOK_URL)).toBe(true);
			expect(JSON.stringify(test)).not.toContain(PAT);
		});

		it("stops publishing with Azure DevOps' reason when the test cannot be delivered", async () => {
			const { context } = lifecycle({
				parameters: testParameters,
				routes: [list(), created, sent({ id: 7, status: 'completed', result: 'failed', details: { errorMessage: 'The remote server returned an error: (502) Bad Gateway.' } })],
			});
			const error = (await hooks.create.call(context).catch((e: unknown) => e)) as NodeOperationError;
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toBe('Azure DevOps could not deliver a test notification to this workflow: The remote server returned an error: (502) Bad Gateway.');
			expect(error.description).toMatch(/Send Test Notification on Publish/);
		});

		it('publishes anyway, with a warning in the log, when the test has no result in time', async () => {
			const { context, mock } = lifecycle({ parameters: testParameters, routes: [list(), created, sent({ id: 7, status: 'queued', result: 'pending' }), polled({ id: 7, status: 'queued', result: 'pending' })] });
			await expect(hooks.create.call(context)).resolves.toBe(true);
			expect(mock.logger.warn).toHaveBeenCalledWith(expect.stringMatching(/test notification 7 had no result/));
		});

		it('sends no test unless asked', async () => {
			const { context, calls } = lifecycle({ routes: [list(), created] });
			await hooks.create.call(context);
			expect(calls.some((call) => call.url.includes('testnotifications'))).toBe(false);
		});
	});
});

describe('AzureDevOpsTrigger.delete', () => {
	it('deletes the subscription and forgets it', async () => {
		const { context, calls, staticData } = lifecycle({ staticData: stored(), routes: [{ method: 'DELETE', path: /sub-1$/, reply: { statusCode: 204 } }] });
		await expect(hooks.delete.call(context)).resolves.toBe(true);
		expect(calls).toHaveLength(1);
		expect(staticData).toEqual({});
	});

	it('is content when the subscription is already gone (404)', async () => {
		const { context, staticData } = lifecycle({ staticData: stored(), routes: [{ method: 'DELETE', path: /sub-1$/, reply: { statusCode: 404, body: { message: 'gone' } } }] });
		await expect(hooks.delete.call(context)).resolves.toBe(true);
		expect(staticData).toEqual({});
	});

	it('reports other failures instead of pretending the subscription is gone', async () => {
		const { context, staticData } = lifecycle({ staticData: stored(), routes: [{ method: 'DELETE', path: /sub-1$/, reply: { statusCode: 500, body: { message: 'boom' } } }] });
		await expect(hooks.delete.call(context)).rejects.toThrow('Azure DevOps answered HTTP 500 during DELETE /_apis/hooks/subscriptions/sub-1: boom');
		expect(staticData).toEqual(stored());
	});
});

describe('AzureDevOpsTrigger with several events', () => {
	const events = ['workitem.updated', 'build.complete', 'git.pullrequest.created'];
	const list = (value: unknown[] = []) => ({ method: 'GET', path: /^\/_apis\/hooks\/subscriptions$/, reply: { body: { count: value.length, value } } });
	let created = 0;
	const create = { method: 'POST', path: /^\/_apis\/hooks\/subscriptions$/, reply: () => ({ body: { id: `sub-new-${++created}` } }) };

	it('creates one subscription per event, all to the node URL, each with its own filters and credentials', async () => {
		const { context, calls, staticData } = lifecycle({ parameters: { events }, routes: [list(), create] });
		await expect(hooks.create.call(context)).resolves.toBe(true);
		const posts = calls.filter((call) => call.method === 'POST').map((call) => call.body as Record<string, any>);
		expect(posts.map((body) => body.eventType)).toEqual(events);
		expect(posts.every((body) => body.consumerInputs.url === WEBHOOK_URL)).toBe(true);
		// Each filter goes to the events that accept it.
		expect(posts.map((body) => body.publisherInputs)).toEqual([
			{ projectId: PROJECT, workItemType: 'Bug', changedFields: 'System.State' },
			{ projectId: PROJECT, buildStatus: 'Failed' },
			{ projectId: PROJECT },
		]);
		expect(new Set(posts.map((body) => body.consumerInputs.basicAuthPassword)).size).toBe(3);
		const held = staticData.subscriptions as Record<string, IDataObject>;
		expect(Object.keys(held)).toEqual(events);
		for (const [index, event] of events.entries()) {
			expect(held[event]).toMatchObject({ subscriptionId: expect.stringMatching(/^sub-new-/), basicAuthUsername: posts[index].consumerInputs.basicAuthUsername });
		}
	});

	it('keeps the subscriptions that still serve, replaces a stale one and deletes those of events no longer selected', async () => {
		const { context, calls, staticData } = lifecycle({
			parameters: { events: ['workitem.updated', 'build.complete'] },
			staticData: {
				subscriptions: {
					'workitem.updated': record('sub-wi', 'n8n-wi'),
					'build.complete': record('sub-build', 'n8n-build'),
					'git.push': record('sub-push', 'n8n-push'),
				},
			},
			routes: [
				{ method: 'GET', path: /sub-wi$/, reply: { body: remote({ id: 'sub-wi', consumerInputs: { url: WEBHOOK_URL, basicAuthUsername: 'n8n-wi' } }) } },
				{ method: 'GET', path: /sub-build$/, reply: { body: remote({ id: 'sub-build', status: 'disabledBySystem', eventType: 'build.complete', publisherInputs: { projectId: PROJECT, buildStatus: 'Failed' }, consumerInputs: { url: WEBHOOK_URL, basicAuthUsername: 'n8n-build' } }) } },
				{ method: 'DELETE', path: /(sub-build|sub-push|left-over)$/, reply: { statusCode: 204 } },
				list([
					{ id: 'sub-wi', consumerInputs: { url: WEBHOOK_URL } },
					{ id: 'left-over', consumerInputs: { url: WEBHOOK_URL } },
				]),
				create,
			],
		});
		await expect(hooks.checkExists.call(context)).resolves.toBe(false);
		expect(Object.keys(staticData.subscriptions as IDataObject)).toEqual(['workitem.updated']);
		await expect(hooks.create.call(context)).resolves.toBe(true);
		expect(calls.map((call) => `${call.method} ${call.url.replace(ORG, '').replace('/_apis/hooks/subscriptions', '')}`)).toEqual([
			'DELETE /sub-push', // no longer selected
			'GET /sub-wi', // still serves: kept
			'GET /sub-build',
			'DELETE /sub-build', // disabled: replaced
			'GET ', // create: leftovers for this URL that the trigger does not hold
			'DELETE /left-over',
			'POST ',
		]);
		expect((calls.at(-1)?.body as IDataObject).eventType).toBe('build.complete');
		const held = staticData.subscriptions as Record<string, IDataObject>;
		expect(Object.keys(held).sort()).toEqual(['build.complete', 'workitem.updated']);
		expect(held['workitem.updated']).toEqual(record('sub-wi', 'n8n-wi'));
		expect(held['build.complete'].subscriptionId).toMatch(/^sub-new-/);
	});

	it('says yes only when every selected event has its subscription', async () => {
		const { context } = lifecycle({
			parameters: { events: ['workitem.updated', 'build.complete'] },
			staticData: stored(),
			routes: [{ method: 'GET', path: /sub-1$/, reply: { body: remote() } }],
		});
		await expect(hooks.checkExists.call(context)).resolves.toBe(false);
	});

	it('deletes every subscription on unpublish', async () => {
		const { context, calls, staticData } = lifecycle({
			staticData: { subscriptions: { 'workitem.updated': record('sub-wi'), 'build.complete': record('sub-build') } },
			routes: [{ method: 'DELETE', path: /sub-(wi|build)$/, reply: { statusCode: 204 } }],
		});
		await hooks.delete.call(context);
		expect(calls.map((call) => call.url.replace(`${ORG}/_apis/hooks/subscriptions/`, ''))).toEqual(['sub-wi', 'sub-build']);
		expect(staticData).toEqual({});
	});

	it('deletes the others when one deletion fails, then reports the failure and keeps only its record', async () => {
		const { context, calls, staticData } = lifecycle({
			staticData: { subscriptions: { 'workitem.updated': record('sub-wi'), 'build.complete': record('sub-build') } },
			routes: [
				{ method: 'DELETE', path: /sub-wi$/, reply: { statusCode: 503, body: { message: 'unavailable' } } },
				{ method: 'DELETE', path: /sub-build$/, reply: { statusCode: 204 } },
			],
		});
		await expect(hooks.delete.call(context)).rejects.toThrow(/HTTP 503 during DELETE \/_apis\/hooks\/subscriptions\/sub-wi/);
		// A DELETE may be repeated: the policy tries it again before giving up.
		expect(calls.filter((call) => call.url.endsWith('sub-wi'))).toHaveLength(RETRY_POLICY.maxAttempts);
		expect(calls.filter((call) => call.url.endsWith('sub-build'))).toHaveLength(1);
		expect(staticData).toEqual({ subscriptions: { 'workitem.updated': record('sub-wi') } });
	});

	it('requires at least one event', async () => {
		const { context, calls } = lifecycle({ parameters: { events: [] } });
		await expect(hooks.create.call(context)).rejects.toThrow('No event is selected');
		expect(calls).toHaveLength(0);
	});
});

describe('AzureDevOpsTrigger.webhook', () => {
	const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
	const goodHeaders = () => ({
		'content-type': 'application/json; charset=utf-8',
		authorization: basic('n8n-user', PASSWORD),
		'x-n8n-webhook-secret': HEADER_SECRET,
	});
	let notification = 1000;
	const envelope = (overrides: Record<string, unknown> = {}) =>
		JSON.stringify({
			subscriptionId: 'sub-1',
			notificationId: notification++,
			id: 'e0f4c0a2-0000-0000-0000-000000000001',
			eventType: 'workitem.updated',
			publisherId: 'tfs',
			message: { text: 'Bug #5 (Login fails) updated by Jamal' },
			detailedMessage: { text: 'Bug #5 (Login fails) updated by Jamal\r\n\r\n- State: Active' },
			resource: {
				id: 2,
				workItemId: 5,
				url: `${ORG}/_apis/wit/workItems/5/updates/2`,
				_links: { html: { href: `${ORG}/web/wi.aspx?id=5` } },
				revision: { id: 5, fields: { 'System.TeamProject': 'Fabrikam' } },
			},
			resourceVersion: '1.0',
			resourceContainers: { project: { id: PROJECT } },
			createdDate: '2026-11-22T07:00:00Z',
			...overrides,
		});

	async function deliver(request: { body: string; headers?: Record<string, string> }, options: { staticData?: IDataObject; nodeId?: string; parameters?: Record<string, unknown> } = {}) {
		const { context, answer, mock } = webhookContext(
			{ headers: goodHeaders(), ...request },
			{ parameters: { ...parameters, ...options.parameters }, staticData: options.staticData ?? stored(), nodeId: options.nodeId ?? 'webhook-node' },
		);
		const result = await trigger.webhook.call(context);
		return { result, answer, mock };
	}

	it('starts an execution with the envelope and convenient fields', async () => {
		const body = envelope();
		const { notificationId } = JSON.parse(body) as { notificationId: number };
		const { result, answer } = await deliver({ body });
		expect(answer.statusCode).toBeUndefined();
		// The item's fields are checked in trigger/payload.test.cts.
		// dedupe_key: SHA-256 of the notification's identity as a JSON array (subscription and notification id).
		const dedupe_key = bytesToHex(sha256(JSON.stringify(['notification', 'sub-1', String(notificationId)])));
		expect(result.workflowData).toEqual([[{ json: { ...deliveryItem(envelopeSchema.parse(JSON.parse(body))), dedupe_key } }]]);
		expect(result.workflowData?.[0][0].json).toMatchObject({ eventType: 'workitem.updated', projectId: PROJECT, webUrl: `${ORG}/web/wi.aspx?id=5`, subscriptionId: 'sub-1' });
	});

	it.each([
		['a wrong Basic password', { authorization: basic('n8n-user', `${PASSWORD.slice(0, -1)}r`) }],
		['a wrong user name', { authorization: basic('n8n-usex', PASSWORD) }],
		['no Basic credentials', { authorization: '' }],
		['a wrong secret header', { 'x-n8n-webhook-secret': `${HEADER_SECRET.slice(0, -1)}0` }],
		['no secret header', { 'x-n8n-webhook-secret': '' }],
	])('answers 401 for %s without reading the body or the credential', async (_label, override) => {
		const { result, answer, mock } = await deliver({ body: envelope(), headers: { ...goodHeaders(), ...override } });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(answer).toEqual({ statusCode: 401, body: { message: 'Unauthorized' } });
		expect(mock.getRequestObject().readRawBody).not.toHaveBeenCalled();
		// Under n8n's default engine every credential read costs an expression isolate (docs/n8n.md).
		expect(mock.getCredentials).not.toHaveBeenCalled();
	});

	it('reads no credential for an accepted delivery either: the digests are in static data', async () => {
		const { result, mock } = await deliver({ body: envelope() });
		expect(result.workflowData).toBeDefined();
		expect(mock.getCredentials).not.toHaveBeenCalled();
	});

	it('acknowledges the test notification publishing asked for without an execution, and refuses a forged one', async () => {
		const token = testNotificationToken(PAT, WEBHOOK_URL, Date.now());
		const test = (marker: string, staticData: IDataObject = {}) =>
			webhookContext(
				{ body: envelope(), headers: { 'content-type': 'application/json', 'x-n8n-test-notification': marker } },
				{ parameters, staticData, credentials, webhookUrl: WEBHOOK_URL, nodeId: 'test-node' },
			);
		// Before n8n has saved the new subscription's secrets, the marker alone proves the test.
		const genuine = test(token);
		expect(await trigger.webhook.call(genuine.context)).toEqual({ noWebhookResponse: true });
		expect(genuine.answer).toEqual({ statusCode: 200, body: { message: 'Test notification received; no execution started' } });
		for (const marker of [testNotificationToken('another-pat', WEBHOOK_URL, Date.now()), 'forged', testNotificationToken(PAT, WEBHOOK_URL, Date.now() - 3_600_000)]) {
			const forged = test(marker, stored());
			expect(await trigger.webhook.call(forged.context)).toEqual({ noWebhookResponse: true });
			expect(forged.answer).toEqual({ statusCode: 401, body: { message: 'Unauthorized' } });
		}
		// A marker of the wrong shape is refused before the credential is read.
		const malformed = test('forged');
		await trigger.webhook.call(malformed.context);
		expect(malformed.answer.statusCode).toBe(401);
		expect(malformed.mock.getCredentials).not.toHaveBeenCalled();
	});

	it('accepts the secret header alone for a secret-header-only subscription, and refuses Basic alone', async () => {
		const headerOnly = { subscriptions: { 'workitem.updated': { subscriptionId: 'sub-1', secretHeaderDigest: digestOf(HEADER_SECRET) } } };
		const accepted = await deliver({ body: envelope(), headers: { 'content-type': 'application/json', 'x-n8n-webhook-secret': HEADER_SECRET } }, { staticData: headerOnly, parameters: { deliveryAuthentication: 'headerOnly' } });
		expect(accepted.result.workflowData).toBeDefined();
		const refused = await deliver({ body: envelope(), headers: { 'content-type': 'application/json', authorization: basic('n8n-user', PASSWORD) } }, { staticData: stored(), parameters: { deliveryAuthentication: 'headerOnly' } });
		expect(refused.answer.statusCode).toBe(401);
		const withBasicRequired = await deliver({ body: envelope(), headers: { 'content-type': 'application/json', 'x-n8n-webhook-secret': HEADER_SECRET } }, { staticData: stored() });
		expect(withBasicRequired.answer.statusCode).toBe(401);
	});

	it('accepts nothing while no subscription is registered', async () => {
		const { answer } = await deliver({ body: envelope(), headers: { ...goodHeaders(), authorization: basic('', ''), 'x-n8n-webhook-secret': '' } }, { staticData: {} });
		expect(answer.statusCode).toBe(401);
	});

	it('authenticates against digests only: clear values in static data, or the digests sent back, are refused', async () => {
		const clear = { subscriptions: { 'workitem.updated': { subscriptionId: 'sub-1', basicAuthUsername: 'n8n-user', basicAuthPassword: PASSWORD, secretHeaderValue: HEADER_SECRET } } };
		expect((await deliver({ body: envelope() }, { staticData: clear })).answer.statusCode).toBe(401);
		const digests = { authorization: basic('n8n-user', digestOf(PASSWORD)), 'x-n8n-webhook-secret': digestOf(HEADER_SECRET) };
		expect((await deliver({ body: envelope(), headers: { ...goodHeaders(), ...digests } })).answer.statusCode).toBe(401);
	});

	it.each(['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
		'answers 415 for %s before authenticating or reading the body',
		async (contentType) => {
			const { answer, mock } = await deliver({ body: envelope(), headers: { ...goodHeaders(), 'content-type': contentType } });
			expect(answer).toEqual({ statusCode: 415, body: { message: 'Unsupported content type; send application/json' } });
			expect(mock.getRequestObject().readRawBody).not.toHaveBeenCalled();
		},
	);

	it('takes a JSON body sent without a content type, or with a +json type', async () => {
		const { 'content-type': _omitted, ...withoutType } = goodHeaders();
		const bare = await deliver({ body: envelope(), headers: withoutType });
		expect(bare.result.workflowData).toBeDefined();
		const typed = await deliver({ body: envelope(), headers: { ...goodHeaders(), 'content-type': 'application/vnd.ms-hooks+json' } });
		expect(typed.result.workflowData).toBeDefined();
	});

	it('suppresses a retry of the same notification', async () => {
		const body = envelope();
		const first = await deliver({ body }, { nodeId: 'dedupe-node' });
		const retry = await deliver({ body }, { nodeId: 'dedupe-node' });
		expect(first.result.workflowData).toBeDefined();
		expect(retry.answer).toEqual({ statusCode: 200, body: { message: REPEAT_ANSWER } });
		const next = await deliver({ body: envelope() }, { nodeId: 'dedupe-node' });
		expect(next.result.workflowData).toBeDefined();
	});

	it('recognises a retry without notification or event id by its bytes', async () => {
		const body = JSON.stringify({ eventType: 'workitem.updated', resource: { id: 1 } });
		const first = await deliver({ body }, { nodeId: 'hash-node' });
		const retry = await deliver({ body }, { nodeId: 'hash-node' });
		expect(first.result.workflowData).toBeDefined();
		expect(retry.answer.statusCode).toBe(200);
		expect(retry.result.workflowData).toBeUndefined();
	});

	it('lets every retry through when the window is 0', async () => {
		const body = envelope();
		await deliver({ body }, { nodeId: 'no-window', parameters: { additionalOptions: { repeatWindowSeconds: 0 } } });
		const retry = await deliver({ body }, { nodeId: 'no-window', parameters: { additionalOptions: { repeatWindowSeconds: 0 } } });
		expect(retry.result.workflowData).toBeDefined();
	});

	it('acknowledges another event type without an execution', async () => {
		const { result, answer } = await deliver({ body: envelope({ eventType: 'git.push' }) });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(answer).toEqual({ statusCode: 200, body: { message: 'Accepted; not the event this trigger listens to' } });
	});

	it("starts an execution for each event's subscription, with that subscription's credentials", async () => {
		const [buildPassword, buildSecret] = ['Qm7vX2kP9wR4tY1uZ6aB3cD8eF5gH0jK-Lp_Nq2Rs4T', 'f3b9d5a1e7c3f9b5d1a7e3c9f5b1d7a3e9c5f1b7d3a9e5c1f7b3d9a5e1c7f3b9'];
		const staticData = { subscriptions: { 'workitem.updated': record('sub-1'), 'build.complete': record('sub-2', 'n8n-build', buildPassword, buildSecret) } };
		const buildHeaders = { ...goodHeaders(), authorization: basic('n8n-build', buildPassword), 'x-n8n-webhook-secret': buildSecret };
		const parameters = { events: ['workitem.updated', 'build.complete'] };
		const build = await deliver({ body: envelope({ eventType: 'build.complete', subscriptionId: 'sub-2' }), headers: buildHeaders }, { staticData, parameters });
		expect(build.result.workflowData?.[0][0].json).toMatchObject({ eventType: 'build.complete', subscriptionId: 'sub-2' });
		const workItem = await deliver({ body: envelope() }, { staticData, parameters });
		expect(workItem.result.workflowData?.[0][0].json).toMatchObject({ eventType: 'workitem.updated' });
		// A subscription's credentials are good for its own event only; mixed credentials for none.
		const borrowed = await deliver({ body: envelope({ eventType: 'build.complete' }) }, { staticData, parameters });
		expect(borrowed.answer).toEqual({ statusCode: 200, body: { message: 'Accepted; not the event this trigger listens to' } });
		const mixed = await deliver({ body: envelope(), headers: { ...goodHeaders(), authorization: basic('n8n-build', buildPassword) } }, { staticData, parameters });
		expect(mixed.answer).toEqual({ statusCode: 401, body: { message: 'Unauthorized' } });
	});

	it('answers 400 to malformed JSON and to an envelope without event type', async () => {
		const broken = await deliver({ body: '{"eventType": ' });
		const shapeless = await deliver({ body: JSON.stringify({ notificationId: 1 }) });
		expect(broken.answer.statusCode).toBe(400);
		expect(shapeless.answer).toEqual({ statusCode: 400, body: { message: 'Invalid payload: eventType: Required' } });
	});
});
