import { inspect } from 'node:util';

import { ORG, runNode, type Route } from '../../../helpers/azureDevOps';

const BASE = 'https://n8n.example.com/webhook/';
const API = 'https://n8n.example.com/api/v1';
const credentials = { organizationUrl: ORG, personalAccessToken: 'pat-never-shown', apiUrl: API, apiKey: 'n8n-api-key-never-shown' };
const nodeCredentials = { azureDevOpsApi: { id: 'c-ado', name: 'Azure DevOps account' }, testOpsN8nApi: { id: 'c-n8n', name: 'This n8n' } };
const check = { resource: 'serviceHook', operation: 'check' };

const url = (webhookId: string) => `${BASE}${webhookId}/azure-devops`;
const subscription = (id: string, webhookId: string, status = 'enabled', eventType = 'workitem.updated') => ({
	id,
	status,
	eventType,
	publisherId: 'tfs',
	publisherInputs: { projectId: 'p-1' },
	consumerInputs: { url: url(webhookId), basicAuthUsername: 'n8n-user', basicAuthPassword: '********', httpHeaders: '********' },
});
const triggerNode = (webhookId: string, credentialId = 'c-ado', parameters: Record<string, unknown> = { events: ['workitem.updated'] }) => ({
	name: `Trigger ${webhookId}`,
	type: 'n8n-nodes-testops.azureDevOpsTrigger',
	webhookId,
	parameters,
	credentials: { azureDevOpsApi: { id: credentialId, name: 'x' } },
});

/** n8n answers 401 where a trigger listens (the probe has no credentials) and 404 elsewhere. */
const probes = (listening: string[]) =>
	jest.fn(async (options: { url: string }) => ({ statusCode: listening.includes(options.url) ? 401 : 404 }));

function routes(value: unknown[], workflows: unknown[], extra: Route[] = []): Route[] {
	return [
		{ method: 'GET', path: /^\/_apis\/hooks\/subscriptions$/, reply: { body: { count: value.length, value } } },
		{ method: 'GET', path: /^https:\/\/n8n\.example\.com\/api\/v1\/workflows$/, reply: { body: { data: workflows, nextCursor: null } } },
		...extra,
	];
}

describe('Azure DevOps → Service Hook → Check', () => {
	it('reports each subscription pointing at this n8n with its workflow, and leaves the rest of the organization alone', async () => {
		const other = { ...subscription('s-other', 'x'), consumerInputs: { url: 'https://elsewhere.example.com/hook' } };
		const { items, calls } = await runNode({
			parameters: check,
			credentials,
			nodeCredentials,
			httpRequest: probes([url('a')]),
			routes: routes([subscription('s-a', 'a'), other], [{ id: 'w1', name: 'Bugs', activeVersion: { nodes: [triggerNode('a')] } }]),
		});
		expect(items).toEqual([
			{
				json: {
					service: 'Azure DevOps',
					url: url('a'),
					registrationId: 's-a',
					status: 'enabled',
					workflowId: 'w1',
					workflowName: 'Bugs',
					triggerNode: 'Trigger a',
					listening: true,
					action: 'none',
					needsAttention: false,
					message: 'Delivering.',
					eventType: 'workitem.updated',
					projectId: 'p-1',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(calls[0].qs).toMatchObject({ consumerId: 'webHooks', consumerActionId: 'httpRequest', 'api-version': '7.1' });
		expect(calls[1].qs).toMatchObject({ active: true });
		expect(inspect(items, { depth: 10 })).not.toMatch(/pat-never-shown|n8n-api-key-never-shown/);
	});

	it('re-enables a subscription Azure DevOps disabled, sending it back as read with its confidential inputs masked', async () => {
		const disabled = subscription('s-a', 'a', 'disabledBySystem');
		const { items, calls } = await runNode({
			parameters: check,
			credentials,
			nodeCredentials,
			httpRequest: probes([url('a')]),
			routes: routes([disabled], [{ id: 'w1', name: 'Bugs', nodes: [triggerNode('a')] }], [
				{ method: 'PUT', path: /^\/_apis\/hooks\/subscriptions\/s-a$/, reply: (call) => ({ body: call.body as object }) },
			]),
		});
		expect(items[0].json).toMatchObject({ status: 'disabledBySystem', action: 'reEnabled', needsAttention: false, message: 'Was disabledBySystem in Azure DevOps; enabled again.' });
		const put = calls.find((call) => call.method === 'PUT');
		expect(put?.body).toEqual({ ...disabled, status: 'enabled' });
	});

	it('publishes again, once per workflow, the workflows whose subscription is missing; ignores triggers on another credential', async () => {
		const { items, calls } = await runNode({
			parameters: check,
			credentials,
			nodeCredentials,
			httpRequest: probes([]),
			routes: routes([], [{ id: 'w1', name: 'Bugs', activeVersion: { nodes: [triggerNode('a'), triggerNode('b'), triggerNode('c', 'c-other-org')] } }], [
				{ method: 'GET', path: /api\/v1\/workflows\/w1$/, reply: { body: { id: 'w1', activeVersionId: 'v7', versionId: 'v8' } } },
				{ method: 'POST', path: /api\/v1\/workflows\/w1\/deactivate$/, reply: { body: {} } },
				{ method: 'POST', path: /api\/v1\/workflows\/w1\/activate$/, reply: { body: {} } },
			]),
		});
		expect(items.map((item) => [item.json.url, item.json.status, item.json.action])).toEqual([
			[url('a'), 'missing', 'publishedAgain'],
			[url('b'), 'missing', 'publishedAgain'],
		]);
		const n8nCalls = calls.filter((call) => call.url.startsWith(API)).map((call) => `${call.method} ${call.url.slice(API.length)}`);
		expect(n8nCalls).toEqual(['GET /workflows', 'GET /workflows/w1', 'POST /workflows/w1/deactivate', 'POST /workflows/w1/activate']);
		expect(calls.find((call) => call.url.endsWith('/activate'))?.body).toEqual({ versionId: 'v7' });
	});

	it("reports each selected event whose subscription is missing and publishes the trigger's workflow again, once", async () => {
		const events = ['build.complete', 'git.push', 'workitem.updated'];
		const { items, calls } = await runNode({
			parameters: check,
			credentials,
			nodeCredentials,
			httpRequest: probes([url('a')]),
			routes: routes([subscription('s-build', 'a', 'enabled', 'build.complete')], [{ id: 'w1', name: 'Events', activeVersion: { nodes: [triggerNode('a', 'c-ado', { events })] } }], [
				{ method: 'GET', path: /api\/v1\/workflows\/w1$/, reply: { body: { id: 'w1', activeVersionId: 'v7' } } },
				{ method: 'POST', path: /api\/v1\/workflows\/w1\/(de)?activate$/, reply: { body: {} } },
			]),
		});
		expect(items.map((item) => [item.json.registrationId, item.json.eventType, item.json.status, item.json.action, item.json.needsAttention])).toEqual([
			['s-build', 'build.complete', 'enabled', 'none', false],
			[null, 'git.push', 'missing', 'publishedAgain', false],
			[null, 'workitem.updated', 'missing', 'publishedAgain', false],
		]);
		expect(items[1].json).toMatchObject({
			url: url('a'),
			workflowName: 'Events',
			triggerNode: 'Trigger a',
			message: 'The published trigger has no registration in Azure DevOps for git.push; publishing the workflow again to register it anew.',
		});
		expect(calls.filter((call) => call.url.endsWith('/activate'))).toHaveLength(1);
	});

	it('counts a disabled subscription as present (it is turned on again), and compares by event only where the events are known', async () => {
		const { items } = await runNode({
			parameters: { ...check, repair: false },
			credentials,
			nodeCredentials,
			httpRequest: probes([url('a'), url('b'), url('c')]),
			routes: routes(
				[subscription('s-a', 'a', 'disabledBySystem', 'git.push'), subscription('s-b', 'b', 'enabled', 'git.push'), subscription('s-c', 'c', 'enabled', 'git.push')],
				[
					{
						id: 'w1',
						name: 'Events',
						activeVersion: {
							nodes: [
								triggerNode('a', 'c-ado', { events: ['git.push'] }),
								// Saved workflows leave a parameter at its default out: the default event is expected.
								triggerNode('b', 'c-ado', {}),
								// An expression chooses the events: any subscription at the URL will do.
								triggerNode('c', 'c-ado', { events: '={{ ["git.push", "build.complete"] }}' }),
							],
						},
					},
				],
			),
		});
		expect(items.map((item) => [item.json.url, item.json.eventType, item.json.status, item.json.needsAttention])).toEqual([
			[url('a'), 'git.push', 'disabledBySystem', true],
			[url('b'), 'git.push', 'enabled', false],
			[url('c'), 'git.push', 'enabled', false],
			[url('b'), 'workitem.updated', 'missing', true],
		]);
		expect(items[3].json.message).toBe('The published trigger has no registration in Azure DevOps for workitem.updated. Publish the workflow again to register it.');
	});

	it('says what to do when publishing again is refused, and still reports the rest', async () => {
		const { items } = await runNode({
			parameters: check,
			credentials,
			nodeCredentials,
			httpRequest: probes([]),
			routes: routes([], [{ id: 'w1', name: 'Bugs', nodes: [triggerNode('a')] }], [
				{ method: 'GET', path: /api\/v1\/workflows\/w1$/, reply: { statusCode: 403, body: { message: 'Forbidden' } } },
			]),
		});
		expect(items[0].json).toMatchObject({ action: 'none', needsAttention: true });
		expect(items[0].json.message).toBe(
			"The published trigger has no registration in Azure DevOps for workitem.updated; publishing the workflow again to register it anew. That failed: n8n's API denied access (HTTP 403) during GET /workflows/w1: Forbidden",
		);
	});

	it('without n8n API, repairs only where n8n still receives, judged by probing the URL', async () => {
		const httpRequest = probes([url('a')]);
		const { items, calls } = await runNode({
			parameters: { ...check, matchPublishedWorkflows: false, webhookBaseUrl: 'https://n8n.example.com/webhook' },
			credentials,
			nodeCredentials,
			httpRequest,
			routes: routes([subscription('s-a', 'a', 'disabledBySystem'), subscription('s-b', 'b', 'disabledBySystem')], [], [
				{ method: 'PUT', path: /s-a$/, reply: { body: {} } },
			]),
		});
		expect(items.map((item) => [item.json.registrationId, item.json.listening, item.json.action, item.json.needsAttention])).toEqual([
			['s-a', true, 'reEnabled', false],
			['s-b', false, 'none', true],
		]);
		expect(calls.some((call) => call.url.startsWith(API))).toBe(false);
		expect(httpRequest).toHaveBeenCalledWith(expect.objectContaining({ method: 'POST', url: url('a'), body: {}, ignoreHttpStatusErrors: true }));
	});

	it('reports without changing anything when Repair is off', async () => {
		const { items, calls } = await runNode({
			parameters: { ...check, repair: false },
			credentials,
			nodeCredentials,
			httpRequest: probes([url('a')]),
			routes: routes([subscription('s-a', 'a', 'disabledBySystem')], [{ id: 'w1', name: 'Bugs', nodes: [triggerNode('a'), triggerNode('b')] }]),
		});
		expect(items.map((item) => [item.json.status, item.json.action, item.json.needsAttention])).toEqual([
			['disabledBySystem', 'none', true],
			['missing', 'none', true],
		]);
		expect(calls.filter((call) => call.method !== 'GET')).toHaveLength(0);
	});

	it("asks for the base URL when n8n's own cannot be worked out", async () => {
		const { AzureDevOps } = require('../../../../nodes/AzureDevOps/AzureDevOps.node');
		const { executeContext } = require('../../../helpers/azureDevOps');
		const { context, mock } = executeContext({ parameters: check, credentials, nodeCredentials, routes: routes([], []) });
		mock.evaluateExpression.mockReturnValue('https://n8n.example.com/custom-wait/1');
		await expect(new AzureDevOps().execute.call(context)).rejects.toThrow("Could not work out this n8n's webhook URL");
	});
});
