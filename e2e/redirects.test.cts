/**
 * Credentials never follow a redirect to another host (issue 21): each fake service answers 302, then 307, to
 * a second loopback server that records every request it receives; for every node and credential type (Azure
 * DevOps PAT, TAPD Basic, personal token and app, UiPath Test Manager OAuth, the n8n API key of Check Webhooks)
 * and for the credentials' Test buttons, that server must receive nothing, and the node's error must name
 * where the redirect pointed.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

import { E2E_SECRETS } from '../dev/credentials';
import { startRecorder, withRedirectMode } from '../dev/fakes/redirects';
import { TAPD_FAKE } from '../dev/fakes/tapd';
import { TEST_MANAGER_FAKE } from '../dev/fakes/testManager';
import { e2eContext } from './harness/context';

jest.setTimeout(180_000);

const { n8n, fakeUrl } = e2eContext();
const b64 = (value: string) => Buffer.from(value).toString('base64');

type Service = 'azureDevOps' | 'tapd' | 'testManager' | 'n8nApi';
type CredentialRef = { id: string; name: string };

interface Case {
	name: string;
	service: Service;
	/** A path prefix the fake keeps answering (a token endpoint), so that the calls after it are redirected. */
	unless?: string;
	/** The action node under test and its credentials (by type, looked up once created). */
	node: { type: string; parameters: Record<string, unknown>; credentials: string[] };
	/** What must never reach the other host. */
	secrets: string[];
}

const N8N_API_KEY = `n8n_api_${randomBytes(24).toString('hex')}`;
const { ORGANIZATION, TENANT, CLIENT } = TEST_MANAGER_FAKE;
const WORKSPACE = { __rl: true, mode: 'id', value: TAPD_FAKE.workspaceId };
const tapdCount = { workspaceId: WORKSPACE, resource: 'bug', operation: 'count' };
const tapdAppCount = { type: 'tapd', parameters: tapdCount, credentials: ['tapdApi:app'] };
const testManagerProjects = { type: 'testManager', parameters: { resource: 'project', operation: 'getAll', returnAll: false, limit: 1 }, credentials: ['testManagerApi'] };

const CASES: Case[] = [
	{
		name: 'Azure DevOps work item Get (PAT as Basic)',
		service: 'azureDevOps',
		node: { type: 'azureDevOps', parameters: { resource: 'workItem', operation: 'get', workItemId: { __rl: true, mode: 'id', value: '1' } }, credentials: ['azureDevOpsApi'] },
		secrets: [E2E_SECRETS.azureDevOpsPat, b64(`:${E2E_SECRETS.azureDevOpsPat}`)],
	},
	{
		name: 'TAPD bug Count (API account, Basic)',
		service: 'tapd',
		node: { type: 'tapd', parameters: tapdCount, credentials: ['tapdApi:basic'] },
		secrets: [TAPD_FAKE.apiPassword, b64(`${TAPD_FAKE.apiUser}:${TAPD_FAKE.apiPassword}`)],
	},
	{
		name: 'TAPD bug Count (personal access token)',
		service: 'tapd',
		node: { type: 'tapd', parameters: tapdCount, credentials: ['tapdApi:token'] },
		secrets: [TAPD_FAKE.personalToken],
	},
	{
		name: "TAPD bug Count (app): the app token request, whose 307 would post the client secret again",
		service: 'tapd',
		node: tapdAppCount,
		secrets: [TAPD_FAKE.clientSecret, b64(`${TAPD_FAKE.clientId}:${TAPD_FAKE.clientSecret}`)],
	},
	{
		name: 'TAPD bug Count (app): the call with the app token',
		service: 'tapd',
		unless: '/tokens/',
		node: tapdAppCount,
		secrets: [TAPD_FAKE.clientSecret],
	},
	{
		name: "UiPath Test Manager projects (OAuth): the token request, whose 307 would post the client secret again",
		service: 'testManager',
		node: testManagerProjects,
		secrets: [CLIENT.secret],
	},
	{
		name: 'UiPath Test Manager projects (OAuth): the call with the token',
		service: 'testManager',
		unless: `/${ORGANIZATION}/identity_/`,
		node: testManagerProjects,
		secrets: [CLIENT.secret],
	},
	{
		name: "Check Webhooks (Azure DevOps): n8n's API key",
		service: 'n8nApi',
		node: {
			type: 'azureDevOps',
			parameters: { resource: 'serviceHook', operation: 'check', webhookBaseUrl: 'http://127.0.0.1:9/webhook/', matchPublishedWorkflows: true, repair: false },
			credentials: ['azureDevOpsApi', 'testOpsN8nApi'],
		},
		secrets: [N8N_API_KEY],
	},
];

const STATUSES = [302, 307] as const;

let recorder: Awaited<ReturnType<typeof startRecorder>>;
/** A stand-in for this n8n's public API that answers everything with the redirect mode's redirect. */
let n8nApi: { url: string; close(): Promise<void> };
const credentials = new Map<string, CredentialRef>();
const workflows = new Map<string, { id: string; url: string }>();

const baseOf = (service: Service) => (service === 'n8nApi' ? n8nApi.url : fakeUrl(service));

async function redirect(service: Service, mode: { status: number; to?: string; unless?: string }): Promise<void> {
	const response = await fetch(`${baseOf(service)}/__fake/redirect`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(mode) });
	expect(response.status).toBe(200);
}

async function createCredential(key: string, type: string, data: Record<string, unknown>): Promise<void> {
	const name = `Redirects: ${key} ${randomUUID().slice(0, 8)}`;
	const created = await n8n.api<{ id: string }>('POST', '/credentials', { name, type, data });
	credentials.set(key, { id: created.id, name });
}

/** Fresh credentials, so that no token cached by another test file is used instead of being requested. */
async function createCredentials(): Promise<void> {
	const tapd = { baseUrl: fakeUrl('tapd'), webUrl: 'https://www.tapd.cn' };
	await createCredential('azureDevOpsApi', 'azureDevOpsApi', { organizationUrl: `${fakeUrl('azureDevOps')}/fabrikam`, personalAccessToken: E2E_SECRETS.azureDevOpsPat });
	await createCredential('tapdApi:basic', 'tapdApi', { ...tapd, authType: 'apiAccount', apiUser: TAPD_FAKE.apiUser, apiPassword: TAPD_FAKE.apiPassword });
	await createCredential('tapdApi:token', 'tapdApi', { ...tapd, authType: 'personalAccessToken', personalAccessToken: TAPD_FAKE.personalToken });
	await createCredential('tapdApi:app', 'tapdApi', { ...tapd, authType: 'appClientCredentials', clientId: TAPD_FAKE.clientId, clientSecret: TAPD_FAKE.clientSecret });
	await createCredential('testManagerApi', 'testManagerApi', { baseUrl: fakeUrl('testManager'), organization: ORGANIZATION, tenant: TENANT, clientId: CLIENT.id, clientSecret: CLIENT.secret, scopes: CLIENT.scopes.join(' ') });
	await createCredential('testOpsN8nApi', 'testOpsN8nApi', { apiUrl: `${n8nApi.url}/api/v1`, apiKey: N8N_API_KEY });
}

/** n8n's Webhook node, then the node under test: calling the webhook runs the node once. */
async function createWorkflow(index: number, testCase: Case): Promise<{ id: string; url: string }> {
	const path = `redirects-${index}-${randomUUID().slice(0, 8)}`;
	const nodeCredentials = Object.fromEntries(testCase.node.credentials.map((key) => [key.split(':')[0], credentials.get(key)]));
	const workflow = await n8n.api<{ id: string }>('POST', '/workflows', {
		name: `Redirects: ${testCase.name}`,
		nodes: [
			{ id: randomUUID(), name: 'Call', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: randomUUID(), parameters: { httpMethod: 'POST', path, responseMode: 'onReceived' } },
			{ id: randomUUID(), name: 'Node under test', type: `n8n-nodes-testops.${testCase.node.type}`, typeVersion: 1, position: [240, 0], parameters: testCase.node.parameters, credentials: nodeCredentials },
		],
		connections: { Call: { main: [[{ node: 'Node under test', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	});
	const url = `${n8n.url}/webhook/${path}`;
	await n8n.publish(workflow.id, [url]);
	return { id: workflow.id, url };
}

/** Every recorded request that carries one of `secrets` anywhere (headers, URL or body). */
function leaks(secrets: string[]): string[] {
	return recorder.requests().flatMap((request) => {
		const seen = JSON.stringify(request);
		return secrets.filter((secret) => seen.includes(secret)).map((secret) => `${request.method} ${request.url}: ${secret.slice(0, 6)}…`);
	});
}

beforeAll(async () => {
	recorder = await startRecorder();
	const server = createServer(withRedirectMode((_req, res) => void res.writeHead(404).end()));
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const { port } = server.address() as { port: number };
	n8nApi = { url: `http://127.0.0.1:${port}`, close: async () => await new Promise((resolve) => server.close(() => resolve(undefined))) };
	await createCredentials();
	for (const [index, testCase] of CASES.entries()) workflows.set(testCase.name, await createWorkflow(index, testCase));
});

afterEach(async () => {
	for (const service of ['azureDevOps', 'tapd', 'testManager', 'n8nApi'] as const) await redirect(service, { status: 0 });
});

afterAll(async () => {
	for (const { id } of workflows.values()) await n8n.unpublish(id).catch(() => undefined);
	await recorder?.close();
	await n8nApi?.close();
});

describe('credentials never follow a redirect to another host, in a real n8n', () => {
	describe.each(STATUSES)('HTTP %i', (status) => {
		it.each(CASES.map((testCase) => [testCase.name, testCase] as const))('%s: the other host receives nothing, the error names it', async (_name, testCase) => {
			recorder.reset();
			const workflow = workflows.get(testCase.name)!;
			const before = (await n8n.executions(workflow.id)).length;
			await redirect(testCase.service, { status, to: recorder.url, unless: testCase.unless });

			const called = await fetch(workflow.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
			expect(called.status).toBe(200);
			const [execution] = await n8n.waitForExecutionCount(workflow.id, before + 1);

			expect(recorder.requests()).toEqual([]);
			expect(leaks(testCase.secrets)).toEqual([]);
			expect(execution.status).toBe('error');
			const message = String(execution.data?.resultData.error?.message ?? '');
			expect(message).toContain(`redirected the request to ${recorder.url} (HTTP ${status})`);
			expect(JSON.stringify(execution.data)).not.toContain(testCase.secrets[0]);
		});
	});
});

describe("the credentials' Test buttons never follow a redirect to another host", () => {
	const TESTED: Array<[string, string, Service, Record<string, unknown>]> = [
		['azureDevOpsApi', 'azureDevOpsApi', 'azureDevOps', { organizationUrl: `${fakeUrl('azureDevOps')}/fabrikam`, personalAccessToken: E2E_SECRETS.azureDevOpsPat }],
		['tapdApi:basic', 'tapdApi', 'tapd', { baseUrl: fakeUrl('tapd'), authType: 'apiAccount', apiUser: TAPD_FAKE.apiUser, apiPassword: TAPD_FAKE.apiPassword }],
		['tapdApi:token', 'tapdApi', 'tapd', { baseUrl: fakeUrl('tapd'), authType: 'personalAccessToken', personalAccessToken: TAPD_FAKE.personalToken }],
		['tapdApi:app', 'tapdApi', 'tapd', { baseUrl: fakeUrl('tapd'), authType: 'appClientCredentials', clientId: TAPD_FAKE.clientId, clientSecret: TAPD_FAKE.clientSecret, accessToken: '' }],
		['testManagerApi', 'testManagerApi', 'testManager', { baseUrl: fakeUrl('testManager'), organization: ORGANIZATION, tenant: TENANT, clientId: CLIENT.id, clientSecret: CLIENT.secret, scopes: CLIENT.scopes.join(' '), accessToken: '' }],
		['testOpsN8nApi', 'testOpsN8nApi', 'n8nApi', { apiUrl: `${n8nApi?.url ?? ''}/api/v1`, apiKey: N8N_API_KEY }],
	];

	it.each(STATUSES)('HTTP %i: every credential type fails its test, and the other host receives nothing', async (status) => {
		const results: string[] = [];
		for (const [key, type, service, data] of TESTED) {
			recorder.reset();
			await redirect(service, { status, to: recorder.url });
			const form = service === 'n8nApi' ? { ...data, apiUrl: `${n8nApi.url}/api/v1` } : data;
			const tested = await n8n.testCredential(credentials.get(key)!.name, type, form);
			expect(recorder.requests()).toEqual([]);
			expect(tested.status).toBe('Error');
			results.push(`${key}: ${tested.message}`);
			await redirect(service, { status: 0 });
		}
		process.stdout.write(`\nCredential tests answered with HTTP ${status}:\n${results.join('\n')}\n`);
	});
});
