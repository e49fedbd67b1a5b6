// @ts-check
'use strict';
/**
 * `npm run bench` (after `npm run build`): what one delivery costs inside each trigger, measured on the
 * built code with n8n's request and response replaced by minimal stand-ins. It checks two performance rules
 * of this package: a rejected request costs less than an accepted one, and a body is read in one pass.
 */
const { createHash, createHmac } = require('node:crypto');
const { join } = require('node:path');

const { fixtureSecret } = require('../dev/fixtureSecret');

const dist = join(__dirname, '..', 'dist', 'nodes');
const load = (/** @type {string} */ file) => require(join(dist, file));
const { TestanyTrigger } = load('Testany/TestanyTrigger.node.js');
const { TestManagerTrigger } = load('TestManager/TestManagerTrigger.node.js');
const { TapdTrigger } = load('Tapd/TapdTrigger.node.js');
const { AzureDevOpsTrigger } = load('AzureDevOps/AzureDevOpsTrigger.node.js');
const { parseJson } = load('shared/http/json.js');
const { guessablePattern, weakSecretReason } = load('shared/webhook/secrets.js');

const SECRET = fixtureSecret('benchmark secret');
/** A wrong secret of the same length: refused only by the comparison, not by the cheaper shape checks. */
const WRONG = `${SECRET.slice(0, -1)}x`;
/** What the automatic triggers keep of their generated secrets. */
const DIGEST = createHash('sha256').update(SECRET).digest('hex');
const ID = (/** @type {number} */ i) => String(1010158231000000000n + BigInt(i)); // TAPD-style 19-digit ids

/** A Testany notification with `cases` test cases, Chinese text and 19-digit keys. */
const testanyBody = (/** @type {number} */ cases) =>
	JSON.stringify({
		name: '夜间回归 nightly',
		status: 2,
		trigger_key: 'P-ABC-0001',
		trigger_method: 'plan',
		trigger_owner: ['john.doe@acme.tld'],
		pipelines: [
			{
				name: 'checkout',
				status: 2,
				key: 'ABC-0001',
				owner: [],
				execution_key: 'E-1',
				cases: Array.from({ length: cases }, (_, i) => ({ name: `用例 case-${i}`, status: i % 7 ? 1 : 2, key: ID(i), owner: ['qa@acme.tld'], duration: 3, env: 'DEMO' })),
			},
		],
	});

/** A TAPD task update with `fields` changed fields (old_* values), as TAPD posts it. */
const tapdBody = (/** @type {number} */ fields, /** @type {string} */ secret) => {
	/** @type {Record<string, string>} */
	const body = { event: 'task::update', event_from: 'web', workspace_id: '755', current_user: '张三', event_id: '88', id: ID(1), secret, created: '2017-04-14 16:20:52' };
	for (let i = 0; i < fields; i++) body[`old_field_${i}`] = `旧值 old value ${i}`;
	body.change_fields = Array.from({ length: fields }, (_, i) => `field_${i}`).join(',');
	return JSON.stringify(body);
};

/** An Azure DevOps workitem.updated envelope with a resource of `fields` fields. */
const azureDevOpsBody = (/** @type {number} */ fields) =>
	JSON.stringify({
		subscriptionId: 's-1',
		notificationId: 7,
		id: 'e-1',
		eventType: 'workitem.updated',
		publisherId: 'tfs',
		message: { text: 'Bug #5 updated' },
		resource: { id: 5, fields: Object.fromEntries(Array.from({ length: fields }, (_, i) => [`Custom.Field${i}`, { oldValue: `old ${i}`, newValue: `新 new ${i}` }])) },
		resourceContainers: { project: { id: 'p-1' } },
		createdDate: '2026-11-22T08:00:00Z',
	});

/**
 * The n8n context of one delivery: minimal, so that the trigger's own work is what is measured.
 * @param {{ raw: Buffer, headers?: Record<string, string>, query?: Record<string, unknown>, params: Record<string, unknown>,
 *   credentials?: Record<string, unknown>, staticData?: Record<string, unknown>, paramsData?: Record<string, unknown>,
 *   declared?: number }} d declared: a Content-Length header
 */
function context(d) {
	const request = {
		method: 'POST',
		path: '/webhook/id/path',
		/** @type {Record<string, string>} */
		headers: { 'content-type': 'application/json', ...d.headers, ...(d.declared === undefined ? {} : { 'content-length': String(d.declared) }) },
		query: d.query ?? {},
		rawBody: d.raw,
		readRawBody: async () => {},
	};
	/** @type {{ code: number, status(code: number): any, json(): any }} */
	const response = { code: 0, status: (code) => ((response.code = code), response), json: () => response };
	return {
		getRequestObject: () => request,
		getResponseObject: () => response,
		getNodeParameter: (/** @type {string} */ name, /** @type {unknown} */ fallback) =>
			name.split('.').reduce((/** @type {any} */ value, key) => value?.[key], d.params) ?? fallback,
		getCredentials: async () => d.credentials ?? {},
		getWorkflowStaticData: () => d.staticData ?? {},
		getParamsData: () => d.paramsData ?? {},
		getMode: () => 'webhook', // a production delivery (test ones have their own repeat memory)
		getWorkflow: () => ({ id: 'bench' }),
		getNode: () => ({ id: 'bench', type: 'bench' }),
		logger: { debug() {} },
	};
}

/** @param {string} label @param {number} iterations @param {(i: number) => unknown} run @param {number} [warmUp] */
async function measure(label, iterations, run, warmUp = 300) {
	for (let i = 0; i < warmUp; i++) await run(i);
	const start = process.hrtime.bigint();
	for (let i = 0; i < iterations; i++) await run(i);
	const micros = Number(process.hrtime.bigint() - start) / 1000 / iterations;
	process.stdout.write(`  ${label.padEnd(52)} ${micros.toFixed(1).padStart(8)} µs\n`);
	return micros;
}

/**
 * @param {string} title
 * @param {any} trigger
 * @param {ReturnType<typeof context>} accepted
 * @param {ReturnType<typeof context>} rejected
 */
async function compare(title, trigger, accepted, rejected) {
	process.stdout.write(`${title} (${accepted.getRequestObject().rawBody.length} bytes)\n`);
	const ok = await measure('accepted: checked, parsed, validated, output', 2000, async () => {
		const result = await trigger.webhook.call(accepted);
		if (!result.workflowData) throw new Error(`${title}: expected an execution`);
	});
	const refused = await measure('rejected: wrong secret', 2000, async () => {
		const result = await trigger.webhook.call(rejected);
		if (result.workflowData) throw new Error(`${title}: expected a rejection`);
	});
	process.stdout.write(`  a rejection costs ${((refused / ok) * 100).toFixed(0)}% of an acceptance\n\n`);
}

async function main() {
	process.stdout.write(`${process.version}, ${require('node:os').cpus()[0].model}\n\n`);
	const testany = { triggerMethods: ['plan', 'gatekeeper'], output: 'case', result: 'failure', additionalOptions: { repeatWindowSeconds: 0 } };
	for (const cases of [10, 200]) {
		const raw = Buffer.from(testanyBody(cases));
		const at = (/** @type {string} */ token) => context({ raw, query: { token }, params: testany, credentials: { secret: SECRET } });
		await compare(`Testany, ${cases} cases, token in the query`, new TestanyTrigger(), at(SECRET), at(WRONG));
	}

	const createDefect = Buffer.from(JSON.stringify({ testExecutionId: '8f1b2c3d-4e5f-4a6b-9c7d-0e1f2a3b4c5d', testCaseId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', variationId: null, linkToTestCaseLog: 'https://cloud.uipath.com/x' }));
	const signed = (/** @type {string} */ key) => context({
		raw: createDefect,
		headers: { 'x-uipath-signature': createHmac('sha256', key).update(createDefect).digest('hex') },
		params: { events: ['createDefect', 'defectKpi'], responseMode: 'responseNode', authenticationHeaderType: 'hmacSha256', headerName: 'X-UiPath-Signature' },
		credentials: { secret: SECRET },
	});
	await compare('UiPath Test Manager, Create Defect, HMACSHA256', new TestManagerTrigger(), signed(SECRET), signed(WRONG));

	const tapdParams = { registration: 'automatic', events: ['task::update'], workspaceId: '755', additionalOptions: { repeatWindowSeconds: 0 } };
	const tapd = (/** @type {string} */ secret) => context({ raw: Buffer.from(tapdBody(30, secret)), params: tapdParams, staticData: { secretDigest: DIGEST } });
	await compare('TAPD, task::update with 30 old_* fields, secret in the body', new TapdTrigger(), tapd(SECRET), tapd(WRONG));

	const adoState = { subscriptions: { 'workitem.updated': { subscriptionId: 's-1', basicAuthUsername: 'n8n', basicAuthPasswordDigest: DIGEST, secretHeaderDigest: DIGEST } } };
	const ado = (/** @type {string} */ password) => context({
		raw: Buffer.from(azureDevOpsBody(40)),
		headers: { authorization: `Basic ${Buffer.from(`n8n:${password}`).toString('base64')}`, 'x-n8n-webhook-secret': SECRET },
		params: { events: ['workitem.updated'], additionalOptions: { repeatWindowSeconds: 0 } },
		staticData: adoState,
	});
	await compare('Azure DevOps, workitem.updated, Basic + secret header', new AzureDevOpsTrigger(), ado(SECRET), ado(WRONG));

	await refusalsAtCaps(tapdParams);

	process.stdout.write('JSON reader on the 200-case Testany body\n');
	const large = testanyBody(200);
	await measure('package reader (exact 19-digit ids, no __proto__)', 2000, () => parseJson(large));
	await measure('JSON.parse, for reference', 2000, () => JSON.parse(large));
}

/**
 * What a refused request costs at each cap of issue 21, in this process (through n8n: e2e/hostile.test.cts),
 * next to what the same request cost before the cap.
 * @param {Record<string, unknown>} tapdParams
 */
async function refusalsAtCaps(tapdParams) {
	process.stdout.write('Refusals at each cap (issue 21)\n');
	const MB = 1024 * 1024;
	const nestedArrays = (/** @type {number} */ bytes) => `{"a":[${'[[[[]]]],'.repeat(Math.floor(bytes / 9))}[]]}`;
	const refuse = async (/** @type {string} */ label, /** @type {any} */ trigger, /** @type {ReturnType<typeof context>} */ request, /** @type {number} */ status) =>
		await measure(label, 200, async () => {
			const result = await trigger.webhook.call(request);
			const { code } = request.getResponseObject();
			if (result.workflowData || code !== status) throw new Error(`${label}: expected ${status}, got ${code}`);
		}, 20);
	const tapd = new TapdTrigger();
	const tapdRequest = (/** @type {string} */ body, /** @type {Record<string, any>} */ extra = {}) =>
		context({ raw: Buffer.from(body), params: tapdParams, staticData: { secretDigest: DIGEST }, ...extra });
	const megabyte = nestedArrays(MB);
	await refuse('TAPD, 1 MB of nested arrays, declared length (413)', tapd, tapdRequest(megabyte, { declared: megabyte.length }), 413);
	await refuse('TAPD, 1 MB of nested arrays, chunked (413)', tapd, tapdRequest(megabyte), 413);
	const within = nestedArrays(60 * 1024).replace('{', `{"secret":"${SECRET}",`);
	await refuse('TAPD, 60 KB of nested arrays (400, 2000 values)', tapd, tapdRequest(within), 400);
	const form = `secret=${SECRET}&${Array.from({ length: 6000 }, (_, i) => `f${i}=1`).join('&')}`.slice(0, 60 * 1024);
	await refuse('TAPD, a 60 KB form of 6000 fields (400)', tapd, tapdRequest(form, { headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 400);
	await refuse('TAPD, nested 9 levels (400)', tapd, tapdRequest(`{"secret":"${SECRET}","a":${'['.repeat(9)}${']'.repeat(9)}}`), 400);
	await refuse('TAPD, a small body with a wrong secret (401), for reference', tapd, tapdRequest(tapdBody(30, WRONG)), 401);

	const testManager = new TestManagerTrigger();
	const big = Buffer.concat([Buffer.from('{"padding":"'), Buffer.alloc(MB, 'a'), Buffer.from('"}')]);
	const signedBig = (/** @type {number | undefined} */ declared) => context({
		raw: big,
		declared,
		headers: { 'x-uipath-signature': createHmac('sha256', WRONG).update(big).digest('hex') },
		params: { events: ['createDefect'], responseMode: 'responseNode', authenticationHeaderType: 'hmacSha256', headerName: 'X-UiPath-Signature' },
		credentials: { secret: SECRET },
	});
	await refuse('Test Manager, 1 MB signed body, declared length (413)', testManager, signedBig(big.length), 413);
	await refuse('Test Manager, 1 MB signed body, chunked (413)', testManager, signedBig(undefined), 413);
	// What the same requests cost before the caps, measured last: their garbage would slow what follows.
	await measure('before the caps: reading 1 MB of nested arrays', 10, () => parseJson(megabyte), 2);
	const sixteen = Buffer.alloc(16 * MB, 'a');
	await measure('before the cap: an HMAC of 16 MB (n8n\'s limit)', 10, () => createHmac('sha256', SECRET).update(sixteen).digest(), 2);

	const nearPeriodic = `${'aZ1q9!'.repeat(20_000).slice(0, -1)}X`;
	await measure('secret strength of 120,000 near-periodic characters', 20, () => weakSecretReason(nearPeriodic), 2);
	await measure('its pattern check alone (linear)', 20, () => guessablePattern(nearPeriodic), 2);
	await measure('before: the quadratic repeated-unit search on it', 1, () => quadraticRepeatedUnit(nearPeriodic), 0);
	process.stdout.write('\n');
}

/** The strength rule's former repeated-unit search, kept here to show what it cost. @param {string} text */
function quadraticRepeatedUnit(text) {
	for (let unit = 1; unit <= text.length / 2; unit++) {
		let repeats = true;
		for (let i = unit; i < text.length && repeats; i++) repeats = text[i] === text[i - unit];
		if (repeats) return unit;
	}
	return text.length;
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
