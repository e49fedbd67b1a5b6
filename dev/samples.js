// @ts-check
'use strict';
/**
 * Realistic deliveries of each service, shaped as its contract says (docs/contracts/*.md), and the headers
 * that authenticate them: the e2e suite sends them, and so does `npm run send-sample` in the local demo.
 * Signatures come from `@noble/hashes`, an implementation independent of the code under test.
 */
const { hmac } = require('@noble/hashes/hmac');
const { sha256 } = require('@noble/hashes/sha256');

const { AZURE_DEVOPS_FAKE } = require('./fakes/azureDevOps');
const { TAPD_FAKE } = require('./fakes/tapd');
const { TEST_MANAGER_FAKE } = require('./fakes/testManager');

/**
 * A Testany notification (docs/contracts/testany.md, "Payload") with one failed and one passed case.
 * @param {string} executionKey the pipeline execution's key (what makes a notification unique)
 * @param {'plan' | 'gatekeeper'} [method]
 */
function testanyNotification(executionKey, method = 'plan') {
	return {
		name: '夜间回归 nightly-regression',
		status: 2,
		trigger_key: method === 'plan' ? 'P-ABC-0001' : 'G-ABC-0001',
		trigger_method: method,
		trigger_owner: ['john.doe@acme.tld'],
		pipelines: [
			{
				name: 'checkout-flow',
				status: 2,
				key: 'ABC-0001',
				owner: ['john.doe@acme.tld'],
				duration: 22,
				execution_key: executionKey,
				start_time: '2006-01-02T15:04:05Z',
				finish_time: '2006-01-02T15:04:27Z',
				cases: [
					{ name: 'pay-with-card', status: 2, key: '00000001', runtime_uuid: '00000000-0000-0000-0000-000000000000', runtime_name: 'CloudPrime-Default', owner: [], duration: 6, env: 'DEMO' },
					{ name: 'add-to-cart', status: 1, key: '00000002', owner: [], duration: 3, env: 'DEMO' },
				],
			},
		],
	};
}

/**
 * A TAPD `bug::update` delivery in TAPD's form encoding, with Chinese text and the setting's secret inside
 * the body, as TAPD sends it (docs/contracts/tapd.md, "Webhook deliveries").
 * @param {string} secret the webhook setting's secret (验证密码)
 * @param {{ eventId?: string, workspaceId?: string }} [options]
 * @returns {string} the `application/x-www-form-urlencoded` body
 */
function tapdBugUpdateForm(secret, { eventId = '700002', workspaceId = TAPD_FAKE.workspaceId } = {}) {
	return new URLSearchParams({
		event: 'bug::update',
		event_from: 'web',
		workspace_id: workspaceId,
		current_user: '李四',
		event_id: eventId,
		id: '1110158231500000998',
		old_status: 'new',
		old_current_owner: '张三;',
		old_title: '旧标题：支付失败',
		change_fields: 'status,current_owner',
		secret,
		created: '2026-01-06 09:30:15',
	}).toString();
}

/** Azure DevOps events the samples know, by event type. */
const AZURE_DEVOPS_RESOURCES = {
	/** @param {string} org */
	'workitem.updated': (org) => ({
		id: 3,
		workItemId: 42,
		rev: 3,
		url: `${org}/_apis/wit/workItems/42/updates/3`,
		fields: { 'System.State': { oldValue: 'New', newValue: 'Active' } },
		revision: { id: 42, fields: { 'System.TeamProject': AZURE_DEVOPS_FAKE.project.name, 'System.Title': 'Checkout fails', 'System.WorkItemType': 'Bug', 'System.State': 'Active' } },
		_links: { html: { href: `${org}/web/wi.aspx?id=42` } },
	}),
	/** @param {string} org @param {string} project */
	'git.pullrequest.created': (org, project) => ({
		repository: { id: '3411ebc1-d5aa-464f-9615-0b527bc66719', name: 'web-shop', project: { id: project, name: AZURE_DEVOPS_FAKE.project.name } },
		pullRequestId: 1,
		status: 'active',
		title: 'Fix checkout',
		targetRefName: 'refs/heads/main',
		url: `${org}/${project}/_apis/git/repositories/web-shop/pullRequests/1`,
	}),
	/** @param {string} org @param {string} project */
	'build.complete': (org, project) => ({
		id: 2727068,
		buildNumber: '20261122.1',
		status: 'completed',
		result: 'failed',
		url: `${org}/${project}/_apis/build/Builds/2727068`,
		project: { id: project, name: AZURE_DEVOPS_FAKE.project.name },
		_links: { web: { href: `${org}/${project}/_build/results?buildId=2727068` } },
	}),
	/** @param {string} org @param {string} project */
	'ms.vss-pipelines.run-state-changed-event': (org, project) => ({
		run: { id: 310, name: '20261122.3', state: 'completed', result: 'succeeded', url: `${org}/${project}/_apis/pipelines/7/runs/310`, _links: { web: { href: `${org}/${project}/_build/results?buildId=310` } } },
		pipeline: { id: 7, name: 'web-shop-release' },
		stateData: { state: 'completed' },
	}),
};

/** @typedef {keyof typeof AZURE_DEVOPS_RESOURCES} AzureDevOpsSampleEvent */

/**
 * A service-hook delivery (docs/contracts/azure-devops.md, "Deliveries") of one of the subscription's
 * events, in the fake organization's project.
 * @param {AzureDevOpsSampleEvent} eventType
 * @param {{ organizationUrl: string, subscriptionId: string, notificationId: number, text: string }} options
 */
function azureDevOpsDelivery(eventType, { organizationUrl, subscriptionId, notificationId, text }) {
	const project = AZURE_DEVOPS_FAKE.project.id;
	const pipelines = eventType.startsWith('ms.vss-pipelines');
	const resource = AZURE_DEVOPS_RESOURCES[eventType](organizationUrl, project);
	return {
		subscriptionId,
		notificationId,
		id: `0b7e6b8c-0000-4000-8000-${String(notificationId).padStart(12, '0')}`,
		eventType,
		publisherId: pipelines ? 'pipelines' : 'tfs',
		message: { text, html: text, markdown: text },
		detailedMessage: { text, html: text, markdown: text },
		resource,
		resourceVersion: pipelines ? '5.1-preview.1' : '1.0',
		resourceContainers: { collection: { id: 'c0ffee00-0000-0000-0000-000000000000' }, project: { id: project } },
		createdDate: new Date().toISOString(),
	};
}

/**
 * The headers Azure DevOps sends with every delivery of a subscription: its Basic credentials and its
 * custom header, read from the subscription's consumer inputs (the fake keeps them unmasked).
 * @param {Record<string, string>} consumerInputs
 * @returns {Record<string, string>}
 */
function azureDevOpsHeaders(consumerInputs) {
	const { basicAuthUsername, basicAuthPassword, httpHeaders } = consumerInputs;
	const [headerName, ...value] = httpHeaders.split(':');
	return {
		'content-type': 'application/json; charset=utf-8',
		authorization: `Basic ${Buffer.from(`${basicAuthUsername}:${basicAuthPassword}`).toString('base64')}`,
		[headerName]: value.join(':'),
	};
}

/**
 * A Create Defect request (`CreateDefectFromTestCaseLogRequest`, docs/contracts/test-manager.md) for the
 * failed test case of the fake Test Manager's execution.
 * @param {Record<string, unknown>} [overrides]
 * @returns {string} the JSON body, as signed
 */
function testManagerCreateDefect(overrides = {}) {
	return JSON.stringify({
		testExecutionId: TEST_MANAGER_FAKE.EXECUTION_ID,
		testCaseId: TEST_MANAGER_FAKE.FAILED_TEST_CASE_ID,
		variationId: null,
		linkToTestCaseLog: 'https://cloud.uipath.com/acme/DefaultTenant/testmanager_/CHK/testcaselogs/x',
		...overrides,
	});
}

/** The Defect KPIs request's URL below a Test Manager trigger's Payload URL. @param {string} payloadUrl @param {string} [projectId] */
function testManagerKpiUrl(payloadUrl, projectId = TEST_MANAGER_FAKE.PROJECT_ID) {
	return `${payloadUrl}/api/kpis/project/${projectId}/defectstatus`;
}

/**
 * HMAC-SHA256 of the raw body keyed with the connection's secret, as Test Manager's HMACSHA256 connections sign.
 * @param {string} body
 * @param {string} secret
 * @param {'hex' | 'base64'} [encoding]
 */
function hmacSha256(body, secret, encoding = 'hex') {
	return Buffer.from(hmac(sha256, secret, body)).toString(encoding);
}

module.exports = {
	AZURE_DEVOPS_RESOURCES,
	azureDevOpsDelivery,
	azureDevOpsHeaders,
	hmacSha256,
	tapdBugUpdateForm,
	testManagerCreateDefect,
	testManagerKpiUrl,
	testanyNotification,
};
