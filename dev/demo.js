// @ts-check
'use strict';
/**
 * The local demo: `npm start` runs the fake services, publishes every example and records where every trigger
 * listens (`publishDemo`); `npm run send-sample -- <sample>` sends a trigger the delivery its service would
 * send, signed as that service signs it, and prints the answer. The deliveries themselves are dev/samples.js,
 * shared with the e2e suite, which runs the demo through these same functions (e2e/demo.test.cts).
 */
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const { demoCredentials } = require('./credentials');
const { request } = require('./http');
const { PACKAGE_NAME } = require('./package');
const { REPO_ROOT } = require('./runtime');
const { exampleNames } = require('./stack');
const {
	azureDevOpsDelivery,
	azureDevOpsHeaders,
	hmacSha256,
	tapdBugUpdateForm,
	testManagerCreateDefect,
	testManagerKpiUrl,
	testanyNotification,
} = require('./samples');

/**
 * @typedef {object} DemoWebhook a trigger's production webhook in the demo's n8n
 * @property {string} workflow the workflow's name
 * @property {string} workflowId
 * @property {string} node the trigger node's name
 * @property {string} type the node type without the package prefix, e.g. `tapdTrigger`
 * @property {string} url
 * @property {string} [credential] the name of the credential the trigger uses
 * @property {string[]} [events] the events the trigger takes, when it has an Events parameter
 * @property {Record<string, unknown>} parameters the trigger node's parameters as saved
 *
 * @typedef {object} DemoPoller a polling trigger in the demo's n8n (it reads the fake service once a minute)
 * @property {string} workflow
 * @property {string} workflowId
 * @property {string} node
 * @property {string} type the node type without the package prefix, e.g. `tapdPollingTrigger`
 *
 * @typedef {{ n8nUrl: string, fakes: Record<string, string>, webhooks: DemoWebhook[], pollers?: DemoPoller[] }} DemoState
 * @typedef {{ method: string, url: string, body?: string, headers: Record<string, string> }} SampleRequest
 * @typedef {{ state: DemoState, secrets: import('./credentials').WebhookSecrets }} SampleContext
 *
 * @typedef {object} Sample
 * @property {string} type the trigger it is for
 * @property {string} workflow the example it goes to unless told otherwise
 * @property {string} description
 * @property {string} [event] the value the trigger's Events parameter must include
 * @property {(webhook: DemoWebhook, context: SampleContext) => Promise<SampleRequest>} build
 * @property {(webhook: DemoWebhook, fakes: Record<string, string>) => Promise<unknown>} [registration]
 *   what the trigger registered at the fake service on publishing (undefined until it has)
 *
 * @typedef {object} PollingSample a change made in a fake service, which a polling example reads at its next poll
 * @property {string} type the polling trigger that reads it
 * @property {string} workflow the example that reads it
 * @property {string} description
 * @property {(fakes: Record<string, string>) => SampleRequest} build the request to the fake's control endpoint
 */

/** Where the demo keeps its n8n, secrets and state (deleted at every `npm start`). */
const DEMO_FOLDER_NAME = '.n8n-demo';
const STATE_FILE = 'demo.json';

/** @param {string} url @returns {Promise<any>} */
async function fakeState(url) {
	return (await request(`${url}/__fake/state`)).body;
}

/**
 * The TAPD webhook setting the trigger created for its URL (its secret is what TAPD puts in each delivery).
 * @param {DemoWebhook} webhook @param {Record<string, string>} fakes
 */
async function tapdSetting(webhook, fakes) {
	const { webhookSettings } = await fakeState(fakes.tapd);
	return webhookSettings.find((/** @type {any} */ setting) => setting.url === webhook.url && setting.status === 'normal');
}

/**
 * The Azure DevOps subscription of the trigger for work item updates (it holds the delivery credentials),
 * once the trigger has one subscription per selected event.
 * @param {DemoWebhook} webhook @param {Record<string, string>} fakes
 */
async function workItemSubscription(webhook, fakes) {
	const { subscriptions } = await fakeState(fakes.azureDevOps);
	const ours = subscriptions.filter((/** @type {any} */ s) => s.consumerInputs.url === webhook.url);
	if (ours.length < (webhook.events?.length ?? 1)) return undefined;
	return ours.find((/** @type {any} */ s) => s.eventType === 'workitem.updated');
}

/**
 * The header a Test Manager WebHook connection sends, as the trigger's Authentication Header Type and
 * Header Name say (HMACSHA256 in X-UiPath-Signature by default): the HMAC of the body, keyed with the
 * credential's secret, or the secret itself (Client Secret).
 * @param {DemoWebhook} webhook @param {SampleContext} context @param {string} body
 * @returns {Record<string, string>}
 */
function testManagerAuthentication(webhook, context, body) {
	const seed = demoCredentials(context.secrets, context.state.fakes, { apiUrl: `${context.state.n8nUrl}/api/v1`, apiKey: '' }).find((candidate) => candidate.name === webhook.credential);
	if (!seed) throw new Error(`The trigger "${webhook.node}" uses no Test Manager webhook credential of the demo`);
	const { secret } = /** @type {Record<string, string>} */ (seed.data);
	const { authenticationHeaderType = 'hmacSha256', headerName = 'X-UiPath-Signature' } = /** @type {Record<string, string>} */ (webhook.parameters);
	return { [headerName]: authenticationHeaderType === 'hmacSha256' ? hmacSha256(body, secret) : secret };
}

/** @param {number} ms */
const sleep = async (ms) => await new Promise((r) => setTimeout(r, ms));

/** A fresh id per send, so that the triggers' repeat suppression lets every try through. */
const unique = () => Date.now() % 1_000_000_000;

/** @param {'plan' | 'gatekeeper'} method @returns {Sample} */
const testany = (method) => ({
	type: 'testanyTrigger',
	workflow: 'Testany: report failed test cases',
	description: `a Testany ${method} notification with a failed case (token in the URL, as Testany sends it)`,
	async build(webhook, { secrets }) {
		const body = JSON.stringify(testanyNotification(`DEMO-${unique()}`, method));
		return { method: 'POST', url: `${webhook.url}?token=${secrets.testanyToken}`, body, headers: { 'content-type': 'application/json' } };
	},
});

/** @type {Record<string, Sample>} */
const SAMPLES = {
	'testany-plan': testany('plan'),
	'testany-gatekeeper': testany('gatekeeper'),
	tapd: {
		type: 'tapdTrigger',
		workflow: 'TAPD: route bug and story events',
		description: 'a TAPD bug::update in form encoding, with Chinese text and the setting\'s secret in the body',
		registration: tapdSetting,
		async build(webhook, { state }) {
			const setting = await tapdSetting(webhook, state.fakes);
			if (!setting) throw new Error('The TAPD Trigger has not created its webhook setting yet: publish the workflow, then try again');
			const body = tapdBugUpdateForm(setting.secret, { eventId: String(unique()) });
			return { method: 'POST', url: webhook.url, body, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
		},
	},
	'azure-devops': {
		type: 'azureDevOpsTrigger',
		event: 'workitem.updated',
		workflow: 'Azure DevOps: summarize work item, code and pipeline events',
		description: 'an Azure DevOps workitem.updated delivery with the subscription\'s Basic credentials and secret header',
		registration: workItemSubscription,
		async build(webhook, { state }) {
			const subscription = await workItemSubscription(webhook, state.fakes);
			if (!subscription) throw new Error('The Azure DevOps Trigger has no work item subscription yet: publish the workflow (with Work Item Updated among its events), then try again');
			const body = azureDevOpsDelivery('workitem.updated', {
				organizationUrl: `${state.fakes.azureDevOps}/fabrikam`,
				subscriptionId: subscription.id,
				notificationId: unique(),
				text: 'Bug #42 (Checkout fails) updated by Jamal Hartnett',
			});
			return { method: 'POST', url: webhook.url, body: JSON.stringify(body), headers: azureDevOpsHeaders(subscription.consumerInputs) };
		},
	},
	'test-manager-create-defect': {
		type: 'testManagerTrigger',
		event: 'createDefect',
		workflow: 'UiPath Test Manager: create a defect for a failed test',
		description: 'a UiPath Test Manager Create Defect request for a failed test case, signed as the credential says',
		async build(webhook, context) {
			const body = testManagerCreateDefect();
			return { method: 'POST', url: webhook.url, body, headers: { 'content-type': 'application/json', ...testManagerAuthentication(webhook, context, body) } };
		},
	},
	'test-manager-kpis': {
		type: 'testManagerTrigger',
		event: 'defectKpi',
		workflow: "UiPath Test Manager: answer the dashboard's defect KPIs",
		description: "a UiPath Test Manager Defect KPIs request (the dashboard's GET), authenticated as the credential says",
		async build(webhook, context) {
			return { method: 'GET', url: testManagerKpiUrl(webhook.url), headers: testManagerAuthentication(webhook, context, '') };
		},
	},
};

/**
 * Changes for the polling examples: n8n polls once a minute, so the execution follows within a minute.
 * @type {Record<string, PollingSample>}
 */
const POLLING_SAMPLES = {
	'tapd-polled-bug': {
		type: 'tapdPollingTrigger',
		workflow: 'TAPD: poll bug changes, no public URL needed',
		description: 'a bug created in the fake TAPD, read by the TAPD Polling Trigger at its next poll (within a minute)',
		build: (fakes) => ({ method: 'POST', url: `${fakes.tapd}/__fake/polling/changes`, body: JSON.stringify({ object: 'bug', create: 1 }), headers: { 'content-type': 'application/json' } }),
	},
	'azure-devops-polled-bug': {
		type: 'azureDevOpsPollingTrigger',
		workflow: 'Azure DevOps: poll work item changes and failed builds, no public URL needed',
		description: 'a bug created in the fake Azure DevOps, read by the Azure DevOps Polling Trigger at its next poll (within a minute)',
		build: (fakes) => ({ method: 'POST', url: `${fakes.azureDevOps}/__fake/polling/workItems`, body: JSON.stringify({ create: 1, type: 'Bug' }), headers: { 'content-type': 'application/json' } }),
	},
};

/** @param {string} folder @param {DemoState} state */
function writeDemoState(folder, state) {
	writeFileSync(join(folder, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

/** @param {string} folder @returns {DemoState} */
function readDemoState(folder) {
	try {
		return JSON.parse(readFileSync(join(folder, STATE_FILE), 'utf8'));
	} catch {
		throw new Error('No demo is running here: start one with `npm start` (in another terminal), wait until it lists the example workflows, then try again');
	}
}

/**
 * The samples a webhook takes, and whether it is where each goes by default.
 * @param {DemoWebhook} webhook
 * @returns {Array<{ name: string, isDefault: boolean }>}
 */
function samplesFor(webhook) {
	return Object.entries(SAMPLES)
		.filter(([, sample]) => sample.type === webhook.type && (!sample.event || !webhook.events || webhook.events.includes(sample.event)))
		.map(([name, sample]) => ({ name, isDefault: sample.workflow === webhook.workflow }));
}

/**
 * Webhook paths by node type name, read from the built node descriptions (dist/).
 * @returns {Map<string, string[]>}
 */
function webhookPathsByType() {
	const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
	const paths = new Map();
	for (const file of manifest.n8n.nodes) {
		const exported = require(join(REPO_ROOT, file));
		for (const NodeClass of Object.values(exported)) {
			const { description } = new /** @type {any} */ (NodeClass)();
			paths.set(description.name, (description.webhooks ?? []).map((/** @type {any} */ w) => w.path));
		}
	}
	return paths;
}

/**
 * The production webhooks of this package's triggers in the given workflows. Paths with parameters (Test
 * Manager's KPI path) are left out: the sender derives them from the base URL.
 * @param {import('./n8nClient').N8nClient} n8n
 * @param {Array<{ id: string, name: string, nodes: any[] }>} workflows
 * @returns {DemoWebhook[]}
 */
function triggerWebhooks(n8n, workflows) {
	const paths = webhookPathsByType();
	return workflows.flatMap((workflow) =>
		workflow.nodes
			.filter((node) => node.webhookId && String(node.type).startsWith(`${PACKAGE_NAME}.`))
			.flatMap((node) => {
				const type = String(node.type).slice(PACKAGE_NAME.length + 1);
				const declared = new Set((paths.get(type) ?? []).filter((path) => !path.includes(':')));
				return [...declared].map((path) => ({
					workflow: workflow.name,
					workflowId: workflow.id,
					node: node.name,
					type,
					url: n8n.webhookUrl(node.webhookId, path),
					credential: /** @type {{ name?: string } | undefined} */ (Object.values(node.credentials ?? {})[0])?.name,
					events: Array.isArray(node.parameters?.events) ? node.parameters.events : undefined,
					parameters: node.parameters ?? {},
				}));
			}),
	);
}

/**
 * The polling triggers of this package in the given workflows.
 * @param {Array<{ id: string, name: string, nodes: any[] }>} workflows
 * @returns {DemoPoller[]}
 */
function pollingTriggers(workflows) {
	const pollers = new Set(Object.values(POLLING_SAMPLES).map((sample) => `${PACKAGE_NAME}.${sample.type}`));
	return workflows.flatMap((workflow) =>
		workflow.nodes
			.filter((node) => pollers.has(String(node.type)))
			.map((node) => ({ workflow: workflow.name, workflowId: workflow.id, node: node.name, type: String(node.type).slice(PACKAGE_NAME.length + 1) })),
	);
}

/**
 * Makes a polling sample's change in its fake service, for the polling trigger of its example.
 * @param {DemoState} state @param {string} name
 * @returns {Promise<{ sent: SampleRequest, poller: DemoPoller, answer: import('./http').Answer }>}
 */
async function makePollingChange(state, name) {
	const sample = POLLING_SAMPLES[name];
	const poller = (state.pollers ?? []).find((candidate) => candidate.workflow === sample.workflow);
	if (!poller) throw new Error(`The demo has no "${sample.workflow}": restart it with \`npm start\``);
	const sent = sample.build(state.fakes);
	const answer = await request(sent.url, sent);
	return { sent, poller, answer };
}

/**
 * Sends a sample to the webhook `target` names (its URL, or part of its workflow's name), by default to the
 * sample's own example.
 * @param {SampleContext} context the demo's state and webhook secrets
 * @param {string} name
 * @param {string} [target]
 * @returns {Promise<{ sent: SampleRequest, webhook: DemoWebhook, answer: import('./http').Answer }>}
 */
async function sendSample(context, name, target) {
	const sample = Object.hasOwn(SAMPLES, name) ? SAMPLES[name] : undefined;
	if (!sample) throw new Error(`Unknown sample "${name}". Samples: ${Object.keys(SAMPLES).join(', ')}`);
	const candidates = context.state.webhooks.filter((webhook) => webhook.type === sample.type);
	const webhook = target
		? candidates.find((candidate) => candidate.url === target || candidate.workflow.toLowerCase().includes(target.toLowerCase()))
		: candidates.find((candidate) => candidate.workflow === sample.workflow);
	if (!webhook) throw new Error(`No ${sample.type} in the demo matches "${target ?? sample.workflow}"`);
	const sent = await sample.build(webhook, context);
	const answer = await request(sent.url, sent);
	return { sent, webhook, answer };
}

/**
 * Waits (up to 30 s) until every trigger among `webhooks` that registers itself at its service (TAPD, Azure
 * DevOps) has done so, and n8n has saved what it recorded (its static data): n8n publishes before the
 * triggers' create() has finished.
 * @param {DemoWebhook[]} webhooks
 * @param {Record<string, string>} fakes
 * @param {import('./n8nClient').N8nClient} n8n
 * @returns {Promise<boolean>} whether all did
 */
async function waitForRegistrations(webhooks, fakes, n8n) {
	/** @param {DemoWebhook} webhook */
	const saved = async (webhook) => {
		const { staticData } = await n8n.api('GET', `/workflows/${webhook.workflowId}`);
		return Object.keys(staticData?.[`node:${webhook.node}`] ?? {}).length > 0;
	};
	const pending = webhooks.flatMap((webhook) =>
		samplesFor(webhook).flatMap(({ name }) => {
			const { registration } = SAMPLES[name];
			return registration ? [async () => (await registration(webhook, fakes)) !== undefined && (await saved(webhook))] : [];
		}),
	);
	for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(250)) {
		if ((await Promise.all(pending.map(async (done) => await done()))).every(Boolean)) return true;
	}
	return false;
}

/**
 * The URLs that answer once n8n serves a trigger's webhook (an unauthenticated POST there is refused and starts
 * nothing): its URL and, for Test Manager, its Defect KPIs path, which n8n stores a moment later.
 * @param {DemoWebhook} webhook
 * @returns {string[]}
 */
function listeningProbes(webhook) {
	return webhook.type === 'testManagerTrigger' ? [webhook.url, testManagerKpiUrl(webhook.url)] : [webhook.url];
}

/**
 * What `npm start` does once n8n runs: publishes every example workflow (n8n answers only once each trigger's
 * webhook is served), records where each trigger listens in `folder` (read by `npm run send-sample`) and waits
 * until the triggers that register themselves at their service have done so.
 * @param {import('./n8nClient').N8nClient} n8n
 * @param {{ folder: string, n8nUrl: string, fakes: Record<string, string> }} demo
 * @returns {Promise<{ workflows: Array<{ id: string, name: string, nodes: any[] }>, webhooks: DemoWebhook[], pollers: DemoPoller[], registered: boolean }>}
 *   the examples (all published), their triggers' webhooks, their polling triggers, and whether every
 *   registration was seen in time
 */
async function publishDemo(n8n, { folder, n8nUrl, fakes }) {
	const names = new Set(exampleNames());
	/** @type {{ data: Array<{ id: string, name: string, active: boolean, nodes: any[] }> }} */
	const { data } = await n8n.api('GET', '/workflows?limit=250');
	const workflows = data.filter((workflow) => names.has(workflow.name)).sort((a, b) => a.name.localeCompare(b.name));
	const webhooks = triggerWebhooks(n8n, workflows);
	await Promise.all(
		workflows
			.filter((workflow) => !workflow.active)
			.map(async (workflow) => {
				const probes = webhooks.filter((webhook) => webhook.workflowId === workflow.id).flatMap(listeningProbes);
				await n8n.publish(workflow.id, probes);
			}),
	);
	const pollers = pollingTriggers(workflows);
	writeDemoState(folder, { n8nUrl, fakes, webhooks, pollers });
	const registered = await waitForRegistrations(webhooks, fakes, n8n);
	return { workflows, webhooks, pollers, registered };
}

module.exports = {
	DEMO_FOLDER_NAME,
	POLLING_SAMPLES,
	SAMPLES,
	listeningProbes,
	makePollingChange,
	publishDemo,
	readDemoState,
	samplesFor,
	sendSample,
	triggerWebhooks,
	waitForRegistrations,
	writeDemoState,
};
