// @ts-check
'use strict';
/**
 * The workflows `npm run bench:n8n` builds through n8n's public API, and the deliveries it sends them:
 * n8n's own Webhook node (no auth, Header Auth), a hand-built HMAC check, and each trigger of this package,
 * every one wired to a No Operation node. Deliveries are realistic and unique (a new execution key, event
 * id or notification id each time), so that no trigger takes one for a sender's retry.
 */
const { createHmac, randomBytes, randomUUID } = require('node:crypto');

const { E2E_SECRETS } = require('../../dev/credentials');
const { AZURE_DEVOPS_FAKE } = require('../../dev/fakes/azureDevOps');
const { TAPD_FAKE } = require('../../dev/fakes/tapd');
const { PACKAGE_NAME } = require('../../dev/package');

/**
 * @typedef {{ method: string, path: string, headers: Record<string, string>, body?: string }} Delivery
 * @typedef {'accepted' | 'wrong secret' | 'malformed'} Kind
 * @typedef {object} Scenario
 * @property {string} workflow the workflow's key in {@link WORKFLOWS}
 * @property {Kind} kind
 * @property {string} malformedMeans what the malformed request lacks (shown in the report)
 * @property {(i: number) => Delivery} delivery the i-th request
 * @property {boolean} startsExecution whether n8n runs the workflow for it (the hand-built HMAC check always does)
 * @property {string[]} [twinOf] a reference (n8n's Webhook node, the hand-built check) sent these triggers' own
 *   request: the same body, method and URL shape, so that a ratio compares what the nodes do, not what they were sent
 *
 * @typedef {object} Secrets what the triggers that register themselves generated, read from the fakes
 * @property {string} tapdSecret
 * @property {{ subscriptionId: string, username: string, password: string, headerName: string, headerValue: string }} azureDevOps
 */

/** The Header Auth key (the e2e suite's) and the bench's own values, random for each run. */
const HEADER_AUTH = { name: 'X-Api-Key', value: E2E_SECRETS.azureDevOpsExampleKey };
const HMAC_SECRET = randomBytes(24).toString('hex');
const TAPD_MANUAL_SECRET = randomBytes(24).toString('hex');
/** Credentials the bench adds to the e2e suite's (dev/credentials.js). */
const BENCH_CREDENTIALS = [
	{ name: 'Bench HMAC secret', type: 'crypto', data: { hmacSecret: HMAC_SECRET } },
	{ name: 'Bench TAPD webhook secret', type: 'tapdWebhookApi', data: { secret: TAPD_MANUAL_SECRET } },
];

/** A wrong value of the same length and alphabet as `secret` (differs in its last character). */
const wrong = (/** @type {string} */ secret) => `${secret.slice(0, -1)}${secret.endsWith('0') ? '1' : '0'}`;
const hmacHex = (/** @type {string} */ key, /** @type {string} */ body) => createHmac('sha256', key).update(body).digest('hex');
const json = { 'content-type': 'application/json' };

/** Test Manager's Create Defect request; also the body the n8n Webhook baselines receive. */
const createDefect = (/** @type {number} */ i) =>
	JSON.stringify({
		testExecutionId: '8f1b2c3d-4e5f-4a6b-9c7d-0e1f2a3b4c5d',
		testCaseId: randomUUID(),
		variationId: null,
		linkToTestCaseLog: `https://cloud.uipath.com/acme/DefaultTenant/testmanager_/logs/${i}`,
	});

/** A Testany plan result with three cases and a pipeline execution key of its own. */
const testanyNotification = (/** @type {number} */ i) =>
	JSON.stringify({
		name: 'nightly regression',
		status: 2,
		trigger_key: 'P-BENCH-0001',
		trigger_method: 'plan',
		trigger_owner: ['qa@acme.tld'],
		pipelines: [
			{
				name: 'checkout',
				status: 2,
				key: 'PL-0001',
				owner: [],
				execution_key: `E-${Date.now()}-${i}`,
				cases: [1, 2, 1].map((status, n) => ({ name: `case-${n}`, status, key: `C-${n}`, owner: [], duration: 3 })),
			},
		],
	});

/** A TAPD bug update as TAPD posts it (JSON), with its own event id. */
const tapdUpdate = (/** @type {number} */ i, /** @type {string | undefined} */ secret) =>
	JSON.stringify({
		event: 'bug::update',
		event_from: 'web',
		workspace_id: Number(TAPD_FAKE.workspaceId),
		current_user: 'bench',
		event_id: `${Date.now()}${i}`,
		id: '1010158231500623503',
		...(secret === undefined ? {} : { secret }),
		created: '2026-01-06 09:30:15',
		change_fields: 'status,current_owner',
		old_status: 'new',
		old_current_owner: 'someone;',
	});

/** An Azure DevOps workitem.updated envelope with its own notification id. */
const azureDevOpsEnvelope = (/** @type {number} */ i, /** @type {string} */ subscriptionId) =>
	JSON.stringify({
		subscriptionId,
		notificationId: Date.now() * 1000 + (i % 1000),
		id: randomUUID(),
		eventType: 'workitem.updated',
		publisherId: 'tfs',
		message: { text: 'Bug #5 updated' },
		resource: { id: 5, workItemId: 5, fields: { 'System.State': { oldValue: 'New', newValue: 'Active' } } },
		resourceVersion: '1.0',
		resourceContainers: { project: { id: AZURE_DEVOPS_FAKE.project.id } },
		createdDate: new Date().toISOString(),
	});

/**
 * @typedef {object} WorkflowSpec
 * @property {string} title shown in the report
 * @property {string} path below /webhook/
 * @property {(credentialIds: Map<string, string>) => { name: string, nodes: any[], connections: any }} build
 * @property {boolean} [registersItself] TAPD automatic and Azure DevOps: wait for the fake to hold the registration
 * @property {string[]} [referenceFor] a reference built only to be sent these triggers' requests (benched with them)
 * @property {string} [probePath] where a GET tells that it is published (when a POST to `path` cannot)
 */

const noOp = (/** @type {[number, number]} */ position) => ({ id: randomUUID(), name: 'No Operation', type: 'n8n-nodes-base.noOp', typeVersion: 1, position, parameters: {} });
const ref = (/** @type {Map<string, string>} */ ids, /** @type {string} */ name) => {
	const id = ids.get(name);
	if (!id) throw new Error(`No credential named "${name}"`);
	return { id, name };
};

/**
 * A trigger of this package (or n8n's Webhook node) followed by a No Operation node.
 * @param {string} name @param {string} type @param {number} typeVersion @param {Record<string, unknown>} parameters
 * @param {string} webhookId @param {Record<string, { id: string, name: string }>} [credentials]
 */
function triggerThenNoOp(name, type, typeVersion, parameters, webhookId, credentials) {
	return {
		name,
		nodes: [
			{ id: randomUUID(), name: 'Trigger', type, typeVersion, position: [0, 0], webhookId, parameters, ...(credentials ? { credentials } : {}) },
			noOp([220, 0]),
		],
		connections: { Trigger: { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] } },
	};
}

/**
 * n8n's Webhook node with Header Auth (the e2e suite's key), then a No Operation node.
 * @param {string} name @param {string} webhookId @param {Record<string, unknown>} parameters besides the authentication
 * @param {Map<string, string>} credentialIds
 */
const webhookWithHeaderAuth = (name, webhookId, parameters, credentialIds) =>
	triggerThenNoOp(name, 'n8n-nodes-base.webhook', 2.1, { ...parameters, authentication: 'headerAuth', options: {} }, webhookId, {
		httpHeaderAuth: ref(credentialIds, 'Azure DevOps example caller'),
	});

/** Test Manager's Defect KPIs request path, below the Payload URL. */
const KPI_PATH = (/** @type {string} */ projectId) => `api/kpis/project/${projectId}/defectstatus`;

/** @param {string} id @param {string} path */
const ours = (id, path) => ({ webhookId: id, path: `${id}/${path}` });

const ids = {
	webhook: randomUUID(),
	headerAuth: randomUUID(),
	headerAuthLastNode: randomUUID(),
	headerAuthKpi: randomUUID(),
	handBuilt: randomUUID(),
	testany: randomUUID(),
	testManager: randomUUID(),
	testManagerKpi: randomUUID(),
	tapdManual: randomUUID(),
	tapdAutomatic: randomUUID(),
	azureDevOps: randomUUID(),
};

/** @type {Record<string, WorkflowSpec>} */
const WORKFLOWS = {
	webhook: {
		title: 'n8n Webhook node, no auth',
		path: ids.webhook,
		build: () =>
			triggerThenNoOp('Bench: Webhook, no auth', 'n8n-nodes-base.webhook', 2.1, { httpMethod: 'POST', path: ids.webhook, options: {} }, ids.webhook),
	},
	headerAuth: {
		title: 'n8n Webhook node, Header Auth',
		path: ids.headerAuth,
		build: (credentialIds) => webhookWithHeaderAuth('Bench: Webhook, Header Auth', ids.headerAuth, { httpMethod: 'POST', path: ids.headerAuth }, credentialIds),
	},
	// The Webhook node with Header Auth as Test Manager's two requests need it: answering with the workflow's
	// output, and (Defect KPIs) a GET to a path with a parameter, which n8n looks up in the database twice.
	headerAuthLastNode: {
		title: 'n8n Webhook node, Header Auth, Respond: When Last Node Finishes',
		path: ids.headerAuthLastNode,
		referenceFor: ['testManager'],
		build: (credentialIds) =>
			webhookWithHeaderAuth('Bench: Webhook, Header Auth, last node', ids.headerAuthLastNode, { httpMethod: 'POST', path: ids.headerAuthLastNode, responseMode: 'lastNode' }, credentialIds),
	},
	headerAuthKpi: {
		title: 'n8n Webhook node, Header Auth, GET …/api/kpis/project/:projectId/defectstatus, last node',
		path: ids.headerAuthKpi,
		probePath: `${ids.headerAuthKpi}/${KPI_PATH('probe')}`,
		referenceFor: ['testManagerKpi'],
		build: (credentialIds) =>
			webhookWithHeaderAuth('Bench: Webhook, Header Auth, KPI path', ids.headerAuthKpi, { httpMethod: 'GET', path: KPI_PATH(':projectId'), responseMode: 'lastNode' }, credentialIds),
	},
	handBuilt: {
		title: 'Webhook (raw body) → Crypto HMAC → IF → Respond, by hand',
		path: ids.handBuilt,
		build: (credentialIds) => ({
			name: 'Bench: hand-built HMAC check',
			nodes: [
				{
					id: randomUUID(), name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, position: [0, 0], webhookId: ids.handBuilt,
					parameters: { httpMethod: 'POST', path: ids.handBuilt, responseMode: 'responseNode', options: { rawBody: true } },
				},
				{
					id: randomUUID(), name: 'HMAC', type: 'n8n-nodes-base.crypto', typeVersion: 2, position: [220, 0],
					parameters: { action: 'hmac', binaryData: true, binaryPropertyName: 'data', type: 'SHA256', encoding: 'hex', dataPropertyName: 'hmac' },
					credentials: { crypto: ref(credentialIds, 'Bench HMAC secret') },
				},
				{
					id: randomUUID(), name: 'Signature matches', type: 'n8n-nodes-base.if', typeVersion: 2.3, position: [440, 0],
					parameters: {
						conditions: {
							options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 3 },
							conditions: [{ id: randomUUID(), leftValue: '={{ $json.hmac }}', rightValue: '={{ $json.headers["x-signature"] }}', operator: { type: 'string', operation: 'equals' } }],
							combinator: 'and',
						},
						options: {},
					},
				},
				{
					id: randomUUID(), name: 'Accept', type: 'n8n-nodes-base.respondToWebhook', typeVersion: 1.5, position: [660, -100],
					parameters: { respondWith: 'json', responseBody: '{"message":"Workflow was started"}', options: {} },
				},
				{
					id: randomUUID(), name: 'Refuse', type: 'n8n-nodes-base.respondToWebhook', typeVersion: 1.5, position: [660, 100],
					parameters: { respondWith: 'json', responseBody: '{"message":"Unauthorized"}', options: { responseCode: 401 } },
				},
				noOp([880, -100]),
			],
			connections: {
				Webhook: { main: [[{ node: 'HMAC', type: 'main', index: 0 }]] },
				HMAC: { main: [[{ node: 'Signature matches', type: 'main', index: 0 }]] },
				'Signature matches': { main: [[{ node: 'Accept', type: 'main', index: 0 }], [{ node: 'Refuse', type: 'main', index: 0 }]] },
				Accept: { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] },
			},
		}),
	},
	testany: {
		title: 'Testany Trigger (credential)',
		...ours(ids.testany, 'testany'),
		build: (credentialIds) =>
			triggerThenNoOp('Bench: Testany', `${PACKAGE_NAME}.testanyTrigger`, 1, {}, ids.testany, {
				testanyWebhookApi: ref(credentialIds, 'Testany webhook token'),
			}),
	},
	testManager: {
		title: 'Test Manager Trigger, HMAC (credential)',
		...ours(ids.testManager, 'testmanager'),
		build: (credentialIds) =>
			triggerThenNoOp('Bench: Test Manager', `${PACKAGE_NAME}.testManagerTrigger`, 1, { events: ['createDefect', 'defectKpi'], responseMode: 'lastNode' }, ids.testManager, {
				testManagerWebhookApi: ref(credentialIds, 'Test Manager webhook (HMACSHA256)'),
			}),
	},
	testManagerKpi: {
		// A second Test Manager trigger, published beside the first: each has its own Defect KPIs path.
		title: 'Test Manager Trigger, Defect KPIs GET, HMAC (credential)',
		...ours(ids.testManagerKpi, 'testmanager'),
		build: (credentialIds) =>
			triggerThenNoOp('Bench: Test Manager KPIs', `${PACKAGE_NAME}.testManagerTrigger`, 1, { events: ['defectKpi'], responseMode: 'lastNode' }, ids.testManagerKpi, {
				testManagerWebhookApi: ref(credentialIds, 'Test Manager webhook (HMACSHA256)'),
			}),
	},
	tapdManual: {
		title: 'TAPD Trigger, manual (credential)',
		...ours(ids.tapdManual, 'tapd'),
		build: (credentialIds) =>
			triggerThenNoOp('Bench: TAPD manual', `${PACKAGE_NAME}.tapdTrigger`, 1, { registration: 'manual', events: ['bug::update'] }, ids.tapdManual, {
				tapdWebhookApi: ref(credentialIds, 'Bench TAPD webhook secret'),
			}),
	},
	tapdAutomatic: {
		title: 'TAPD Trigger, automatic (digest in static data)',
		...ours(ids.tapdAutomatic, 'tapd'),
		registersItself: true,
		build: (credentialIds) =>
			triggerThenNoOp(
				'Bench: TAPD automatic',
				`${PACKAGE_NAME}.tapdTrigger`,
				1,
				{ registration: 'automatic', workspaceId: { __rl: true, mode: 'id', value: TAPD_FAKE.workspaceId }, events: ['bug::update'], contentType: 'json' },
				ids.tapdAutomatic,
				{ tapdApi: ref(credentialIds, 'TAPD account') },
			),
	},
	azureDevOps: {
		title: 'Azure DevOps Trigger (digests in static data)',
		...ours(ids.azureDevOps, 'azure-devops'),
		registersItself: true,
		build: (credentialIds) =>
			triggerThenNoOp(
				'Bench: Azure DevOps',
				`${PACKAGE_NAME}.azureDevOpsTrigger`,
				1,
				{ events: ['workitem.updated'], project: { __rl: true, mode: 'id', value: AZURE_DEVOPS_FAKE.project.id }, filters: {}, additionalOptions: {} },
				ids.azureDevOps,
				{ azureDevOpsApi: ref(credentialIds, 'Azure DevOps account') },
			),
	},
};

/**
 * Every scenario: each workflow accepted, and every workflow that checks something refused with a wrong
 * secret and with a malformed or missing signature/token.
 * @param {Secrets} secrets
 * @returns {Scenario[]}
 */
function scenarios(secrets) {
	const post = (/** @type {string} */ workflow, /** @type {Record<string, string>} */ headers, /** @type {string} */ body) => ({
		method: 'POST',
		path: `/webhook/${WORKFLOWS[workflow].path}`,
		headers: { ...json, ...headers },
		body,
	});
	const token = E2E_SECRETS.testanyToken;
	const tmSecret = E2E_SECRETS.testManagerHmacSecret;
	const ado = secrets.azureDevOps;
	const kpi = (/** @type {string} */ workflow, /** @type {Record<string, string>} */ headers) => ({
		method: 'GET',
		path: `/webhook/${WORKFLOWS[workflow].path}/${KPI_PATH(randomUUID())}`,
		headers,
	});
	const headerKey = { [HEADER_AUTH.name]: HEADER_AUTH.value };
	const wrongHeaderKey = { [HEADER_AUTH.name]: wrong(HEADER_AUTH.value) };
	const signed = (/** @type {string} */ secret, /** @type {string} */ body) => post('handBuilt', { 'x-signature': hmacHex(secret, body) }, body);
	const tapdBody = (/** @type {number} */ i) => tapdUpdate(i, TAPD_MANUAL_SECRET);
	/** The POST bodies of the triggers that the references are sent besides Create Defect, and whose they are. */
	/** @type {Array<[(i: number) => string, string[]]>} */
	const triggerBodies = [
		[testanyNotification, ['testany']],
		[tapdBody, ['tapdManual', 'tapdAutomatic']],
		[(i) => azureDevOpsEnvelope(i, ado.subscriptionId), ['azureDevOps']],
	];
	const basic = (/** @type {string} */ password) => `Basic ${Buffer.from(`${ado.username}:${password}`).toString('base64')}`;
	/** @typedef {[string, Kind, string, (i: number) => Delivery, string[]?]} Row workflow, kind, what malformed means, the i-th request, the triggers it is a twin of */
	/** @type {Row[]} */
	const table = [
		['webhook', 'accepted', '', (i) => post('webhook', {}, createDefect(i))],

		['headerAuth', 'accepted', '', (i) => post('headerAuth', headerKey, createDefect(i))],
		['headerAuth', 'wrong secret', '', (i) => post('headerAuth', wrongHeaderKey, createDefect(i))],
		['headerAuth', 'malformed', 'no key header', (i) => post('headerAuth', {}, createDefect(i))],

		['handBuilt', 'accepted', '', (i) => signed(HMAC_SECRET, createDefect(i))],
		['handBuilt', 'wrong secret', '', (i) => signed(wrong(HMAC_SECRET), createDefect(i))],
		['handBuilt', 'malformed', 'a signature that is not hex', (i) => post('handBuilt', { 'x-signature': 'not-a-signature' }, createDefect(i))],

		['testany', 'accepted', '', (i) => post('testany', { 'x-testany-token': token }, testanyNotification(i))],
		['testany', 'wrong secret', '', (i) => post('testany', { 'x-testany-token': wrong(token) }, testanyNotification(i))],
		['testany', 'malformed', 'no token', (i) => post('testany', {}, testanyNotification(i))],

		['testManager', 'accepted', '', (i) => { const body = createDefect(i); return post('testManager', { 'x-uipath-signature': hmacHex(tmSecret, body) }, body); }],
		['testManager', 'wrong secret', '', (i) => { const body = createDefect(i); return post('testManager', { 'x-uipath-signature': hmacHex(wrong(tmSecret), body) }, body); }],
		['testManager', 'malformed', 'a signature that is not hex or base64', (i) => post('testManager', { 'x-uipath-signature': 'not-a-signature' }, createDefect(i))],

		// Test Manager asks for Defect KPIs with a GET to <Payload URL>/api/kpis/project/<id>/defectstatus; the HMAC is of the empty body.
		['testManagerKpi', 'accepted', '', () => kpi('testManagerKpi', { 'x-uipath-signature': hmacHex(tmSecret, '') })],
		['testManagerKpi', 'wrong secret', '', () => kpi('testManagerKpi', { 'x-uipath-signature': hmacHex(wrong(tmSecret), '') })],

		['tapdManual', 'accepted', '', (i) => post('tapdManual', {}, tapdUpdate(i, TAPD_MANUAL_SECRET))],
		['tapdManual', 'wrong secret', '', (i) => post('tapdManual', {}, tapdUpdate(i, wrong(TAPD_MANUAL_SECRET)))],
		['tapdManual', 'malformed', 'no secret field', (i) => post('tapdManual', {}, tapdUpdate(i, undefined))],

		['tapdAutomatic', 'accepted', '', (i) => post('tapdAutomatic', {}, tapdUpdate(i, secrets.tapdSecret))],
		['tapdAutomatic', 'wrong secret', '', (i) => post('tapdAutomatic', {}, tapdUpdate(i, wrong(secrets.tapdSecret)))],
		['tapdAutomatic', 'malformed', 'no secret field', (i) => post('tapdAutomatic', {}, tapdUpdate(i, undefined))],

		['azureDevOps', 'accepted', '', (i) => post('azureDevOps', { authorization: basic(ado.password), [ado.headerName]: ado.headerValue }, azureDevOpsEnvelope(i, ado.subscriptionId))],
		['azureDevOps', 'wrong secret', '', (i) => post('azureDevOps', { authorization: basic(wrong(ado.password)), [ado.headerName]: ado.headerValue }, azureDevOpsEnvelope(i, ado.subscriptionId))],
		['azureDevOps', 'malformed', 'no Authorization header', (i) => post('azureDevOps', { [ado.headerName]: ado.headerValue }, azureDevOpsEnvelope(i, ado.subscriptionId))],

		// Twins: the references sent each trigger's own request (Test Manager's Create Defect body is the default one).
		...triggerBodies.flatMap(([body, of]) => /** @type {Row[]} */ ([
			['headerAuth', 'accepted', '', (i) => post('headerAuth', headerKey, body(i)), of],
			['headerAuth', 'wrong secret', '', (i) => post('headerAuth', wrongHeaderKey, body(i)), of],
		])),
		['headerAuthLastNode', 'accepted', '', (i) => post('headerAuthLastNode', headerKey, createDefect(i)), ['testManager']],
		['headerAuthLastNode', 'wrong secret', '', (i) => post('headerAuthLastNode', wrongHeaderKey, createDefect(i)), ['testManager']],
		['headerAuthKpi', 'accepted', '', () => kpi('headerAuthKpi', headerKey), ['testManagerKpi']],
		['headerAuthKpi', 'wrong secret', '', () => kpi('headerAuthKpi', wrongHeaderKey), ['testManagerKpi']],
		['webhook', 'accepted', '', (i) => post('webhook', {}, tapdBody(i)), ['tapdManual', 'tapdAutomatic']],
		...triggerBodies.flatMap(([body, of]) => /** @type {Row[]} */ ([
			['handBuilt', 'accepted', '', (i) => signed(HMAC_SECRET, body(i)), of],
			['handBuilt', 'wrong secret', '', (i) => signed(wrong(HMAC_SECRET), body(i)), of],
		])),
	];
	return table.map(([workflow, kind, malformedMeans, delivery, twinOf]) => ({
		workflow,
		kind,
		malformedMeans,
		delivery,
		startsExecution: kind === 'accepted' || workflow === 'handBuilt',
		...(twinOf ? { twinOf } : {}),
	}));
}

module.exports = { BENCH_CREDENTIALS, WORKFLOWS, scenarios };
