/**
 * Optional fields never block publishing: every trigger, in each mode, created through n8n's public API with
 * only its required parameters (and its mode), must be published by n8n 2.40.7 (which refuses a workflow
 * with a missing or invalid parameter, docs/n8n.md "Parameters checked at publish") and must answer at its
 * Production URL: an unauthenticated delivery is refused with 401, not 404.
 */
import { randomBytes, randomUUID } from 'node:crypto';

import { AZURE_DEVOPS_FAKE } from '../dev/fakes/azureDevOps';
import { TAPD_FAKE } from '../dev/fakes/tapd';
import { post } from '../dev/http';
import { tapdBugUpdateForm } from '../dev/samples';
import { e2eContext } from './harness/context';

jest.setTimeout(120_000);

const { n8n, n8nMajor } = e2eContext();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const locator = (mode: string, value: string) => ({ __rl: true, mode, value });
const TAPD_SECRET = randomBytes(24).toString('hex');

interface Case {
	name: string;
	type: string;
	path: string;
	parameters: Record<string, unknown>;
	/** credential type → the name of a credential of that type */
	credentials: Record<string, string>;
	/** A delivery the trigger must accept once published, where the test knows the secret. */
	valid?: { body: string; headers: Record<string, string> };
}

const tapdManual = (parameters: Record<string, unknown>): Omit<Case, 'name'> => ({
	type: 'tapdTrigger',
	path: 'tapd',
	parameters: { registration: 'manual', ...parameters },
	credentials: { tapdWebhookApi: 'Publish test: TAPD webhook secret' },
	valid: { body: tapdBugUpdateForm(TAPD_SECRET, { eventId: String(Date.now()) }), headers: FORM },
});

const CASES: Case[] = [
	{ name: 'Testany Trigger', type: 'testanyTrigger', path: 'testany', parameters: {}, credentials: { testanyWebhookApi: 'Testany webhook token' } },
	{
		name: 'UiPath Test Manager Trigger',
		type: 'testManagerTrigger',
		path: 'testmanager',
		parameters: {},
		credentials: { testManagerWebhookApi: 'Test Manager webhook (HMACSHA256)' },
	},
	{
		name: 'TAPD Trigger, automatic registration',
		type: 'tapdTrigger',
		path: 'tapd',
		parameters: { workspaceId: locator('list', TAPD_FAKE.workspaceId) },
		credentials: { tapdApi: 'TAPD account' },
	},
	{ name: 'TAPD Trigger, manual registration', ...tapdManual({}) },
	{ name: 'TAPD Trigger, manual, Only From Workspace By ID left empty', ...tapdManual({ onlyFromWorkspace: locator('id', '') }) },
	{ name: 'TAPD Trigger, manual, Only From Workspace By URL left empty', ...tapdManual({ onlyFromWorkspace: locator('url', '') }) },
	{
		name: 'Azure DevOps Trigger, Basic credentials and secret header',
		type: 'azureDevOpsTrigger',
		path: 'azure-devops',
		parameters: { project: locator('id', AZURE_DEVOPS_FAKE.project.id) },
		credentials: { azureDevOpsApi: 'Azure DevOps account' },
	},
	{
		name: 'Azure DevOps Trigger, secret header only',
		type: 'azureDevOpsTrigger',
		path: 'azure-devops',
		parameters: { project: locator('id', AZURE_DEVOPS_FAKE.project.id), deliveryAuthentication: 'headerOnly' },
		credentials: { azureDevOpsApi: 'Azure DevOps account' },
	},
];

const credentialIds = new Map<string, string>();
const created: string[] = [];

/** A workflow of the trigger alone, with the parameters given and nothing else. */
async function createWorkflow(one: Case): Promise<{ id: string; url: string }> {
	const webhookId = randomUUID();
	const credentials = Object.fromEntries(
		Object.entries(one.credentials).map(([type, name]) => [type, { id: credentialIds.get(name), name }]),
	);
	const workflow = await n8n.api<{ id: string }>('POST', '/workflows', {
		name: `Publish test: ${one.name}`,
		nodes: [
			{ id: randomUUID(), name: 'Trigger', type: `n8n-nodes-testops.${one.type}`, typeVersion: 1, position: [0, 0], webhookId, parameters: one.parameters, credentials },
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	});
	created.push(workflow.id);
	return { id: workflow.id, url: n8n.webhookUrl(webhookId, one.path) };
}

/** The publication's outcome, once n8n has run the trigger's `create` (publishing returns before, docs/n8n.md). */
async function publication(id: string) {
	for (const deadline = Date.now() + 30_000; ; await new Promise((resolve) => setTimeout(resolve, 200))) {
		const status = await n8n.publicationStatus(id);
		if (status.status !== 'in_progress' || Date.now() > deadline) return status;
	}
}

describe('publishing every trigger with only its required parameters, in a real n8n', () => {
	beforeAll(async () => {
		const secret = await n8n.api<{ id: string }>('POST', '/credentials', {
			name: 'Publish test: TAPD webhook secret',
			type: 'tapdWebhookApi',
			data: { secret: TAPD_SECRET },
		});
		credentialIds.set('Publish test: TAPD webhook secret', secret.id);
		for (const [name, id] of await n8n.credentialIds()) if (!credentialIds.has(name)) credentialIds.set(name, id);
	});

	afterAll(async () => {
		for (const id of created) {
			await n8n.unpublish(id).catch(() => undefined);
			await n8n.api('DELETE', `/workflows/${id}`).catch(() => undefined);
		}
		const id = credentialIds.get('Publish test: TAPD webhook secret');
		if (id) await n8n.api('DELETE', `/credentials/${id}`).catch(() => undefined);
	});

	// One at a time: each is unpublished before the next (its registration in the fakes removed with it).
	it.each(CASES.map((one) => [one.name, one] as const))('%s: publishes, then refuses an unauthenticated delivery with 401', async (_name, one) => {
		const { id, url } = await createWorkflow(one);
		await n8n.publish(id, [url]); // throws when n8n refuses to publish (400, with the parameters it missed)

		// n8n 1.x ran `create` inside the activate call that returned, and keeps no publication status.
		if (n8nMajor === 2) {
			const status = await publication(id);
			expect(status.status).toBe('published');
			expect(status.triggers).toEqual([expect.objectContaining({ status: 'activated', errorMessage: null })]);
		}
		expect((await n8n.api<{ active: boolean }>('GET', `/workflows/${id}`)).active).toBe(true);

		expect((await post(url, { event: 'bug::create' })).status).toBe(401);
		expect(await n8n.executions(id)).toHaveLength(0);
		if (one.valid) {
			expect((await post(url, one.valid.body, one.valid.headers)).status).toBe(200);
			const [execution] = await n8n.waitForExecutionCount(id, 1);
			expect(execution.status).toBe('success');
		}
		await n8n.unpublish(id, [url]);
	});
});
