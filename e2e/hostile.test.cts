/**
 * The hostile battery: every trigger, in a real n8n, against requests an attacker or a broken sender might
 * make (the case table below). Each must get its exact status and start no execution; n8n must keep serving;
 * afterwards no secret may be found in n8n's log, in any execution, or in the database files.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';

import { hmac } from '@noble/hashes/hmac';
import { sha1 } from '@noble/hashes/sha1';
import { sha256 } from '@noble/hashes/sha256';

import { E2E_SECRETS } from '../dev/credentials';
import { groupCpuMs, waitUntilQuiet } from '../scripts/bench-n8n/measure';
import { TAPD_FAKE } from '../dev/fakes/tapd';
import { e2eContext } from './harness/context';

jest.setTimeout(180_000);

// ---- the case table ----------------------------------------------------------------------------------------
// One table of requests an attacker or a broken sender might make, expanded for each trigger, each with the
// exact status n8n must answer. Nothing in it is a valid delivery: none may start an execution.

/** A request as the battery sends it (node:http, so that bodies, lengths and headers are exactly as given). */
interface HostileRequest {
	method?: string;
	/** Appended to the trigger's production URL (a query, a path suffix), unless `url` replaces it. */
	suffix?: string;
	url?: string;
	headers?: Record<string, string | string[]>;
	body?: Buffer;
	/** Sent without a Content-Length, in chunks. */
	chunked?: boolean;
}

interface HostileCase {
	name: string;
	request: HostileRequest;
	status: number;
}

/** What a case needs to know of a trigger. */
interface Target {
	/** testany | tmHmac | tmClientSecret | tapdManual | tapdAutomatic | azureDevOps */
	kind: TargetKind;
	url: string;
	/** A valid delivery's body: a JSON object (TAPD's carries the secret). */
	validBody(): Record<string, unknown>;
	/** Adds what authenticates a body that travels outside it (query, headers); TAPD's travels inside. */
	authenticate(body: Buffer): { suffix?: string; headers: Record<string, string> };
	/** Puts TAPD's secret into an object body; the identity elsewhere. */
	withSecret(fields: Record<string, unknown>): Record<string, unknown>;
	/** Requests that authenticate wrongly (missing, wrong, truncated, over-long, re-encoded, misplaced). */
	forgeries(validBody: Buffer): Array<[string, HostileRequest]>;
	/** Every secret value the trigger relies on: none may be found in logs, executions or the database. */
	secrets: string[];
	/** Cases only this trigger has (Test Manager's Defect KPIs path). */
	extraCases?: HostileCase[];
}

type TargetKind = 'testany' | 'tmHmac' | 'tmClientSecret' | 'tapdManual' | 'tapdAutomatic' | 'azureDevOps';

const isTapd = (target: Target) => target.kind === 'tapdManual' || target.kind === 'tapdAutomatic';

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
const JSON_TYPE = { 'content-type': 'application/json' };
const FORM_TYPE = { 'content-type': 'application/x-www-form-urlencoded' };
const MB = 1024 * 1024;

/** HMAC-SHA256 hex by @noble/hashes (independent of the node:crypto the trigger uses). */
const hmacHex = (key: string, body: Buffer | string) =>
	Buffer.from(hmac(sha256, Buffer.from(key), typeof body === 'string' ? Buffer.from(body) : body)).toString('hex');
const sha256Hex = (value: string) => Buffer.from(sha256(Buffer.from(value))).toString('hex');

/** A string that differs from `value` in its last character only. */
const lastCharChanged = (value: string) => `${value.slice(0, -1)}${value.endsWith('0') ? '1' : '0'}`;

/** An authenticated request with `body` (and `contentType`, or none). */
function signed(target: Target, body: Buffer, contentType: string | undefined, extra: HostileRequest = {}): HostileRequest {
	const auth = target.authenticate(body);
	return {
		suffix: auth.suffix,
		...extra,
		headers: { ...(contentType === undefined ? {} : { 'content-type': contentType }), ...auth.headers, ...extra.headers },
		body,
	};
}

/** A JSON object body, authenticated. */
const signedObject = (target: Target, fields: Record<string, unknown>, extra: HostileRequest = {}) =>
	signed(target, json(target.withSecret(fields)), 'application/json', extra);

/** About `bytes` of arrays nested four deep, as one JSON object: cheap to send, costly to parse whole. */
const nestedArrays = (bytes: number) => Buffer.from(`{"a":[${'[[[[]]]],'.repeat(Math.floor(bytes / 9))}[]]}`);

/** A body nested `depth` levels deep. */
const nested = (depth: number, inner: string) => `${'{"a":'.repeat(depth)}${inner}${'}'.repeat(depth)}`;

/** The body a trigger's schema requires, smuggled in through a prototype key. */
function requiredFields(target: Target): Record<string, unknown> {
	const valid = target.validBody();
	delete valid.secret;
	return valid;
}

/**
 * The battery for one trigger: authentication, content types, JSON and form edge cases, prototype keys at
 * every depth, sizes, encodings, methods, paths and headers.
 */
function hostileCases(target: Target): HostileCase[] {
	const tapd = isTapd(target);
	const valid = json(target.validBody());
	const cases: HostileCase[] = [];
	const add = (name: string, request: HostileRequest, status: number) => cases.push({ name, request, status });

	// Authentication: nothing but the right secret, in the right place, gets in.
	add('no authentication at all', { headers: JSON_TYPE, body: tapd ? json(requiredFields(target)) : valid }, 401);
	for (const [name, request] of target.forgeries(valid)) add(name, request, 401);

	// Content types: JSON (and for TAPD forms) only; checked before anything else.
	const refusedTypes = [
		'text/plain',
		'text/plain; charset=utf-8',
		'application/xml',
		'text/xml',
		'text/html',
		'multipart/form-data; boundary=hostile',
		'image/png',
		'application/octet-stream',
		'application/javascript',
		'application/json-patch',
		'json',
		'application/x-json-stream',
	];
	for (const type of refusedTypes) add(`content type ${type}, authenticated`, signed(target, valid, type), 415);
	add('content type text/plain, unauthenticated', { headers: { 'content-type': 'text/plain' }, body: valid }, 415);
	// A JSON body sent as a form: refused by the JSON triggers; TAPD reads it as a form without a secret.
	add('a JSON body labelled as a form', signed(target, valid, FORM_TYPE['content-type']), tapd ? 401 : 415);

	// Accepted content types with broken bodies: 400, which shows the type was taken.
	add('application/json with a charset and a truncated body', signed(target, Buffer.from('{"a":'), 'application/json; charset=utf-8'), 400);
	add('an upper-case JSON type with a truncated body', signed(target, Buffer.from('{'), 'APPLICATION/JSON'), 400);
	add('a +json type with an array body', signed(target, Buffer.from('[]'), 'application/cloudevents+json'), 400);
	// Without a content type a JSON trigger reads JSON; TAPD reads text that is not JSON as a form (no secret in it).
	add('no content type, a body that is not JSON', signed(target, Buffer.from('not json'), undefined), tapd ? 401 : 400);

	// JSON syntax, all authenticated (TAPD's secret cannot be read from a body that does not parse).
	const malformed: Array<[string, Buffer]> = [
		['an empty body', Buffer.alloc(0)],
		['white space only', Buffer.from(' \r\n\t ')],
		['null', Buffer.from('null')],
		['a top-level array', Buffer.from('[{"a":1}]')],
		['a top-level string', Buffer.from('"text"')],
		['a top-level number', Buffer.from('42')],
		['true', Buffer.from('true')],
		['a truncated object', Buffer.from('{"a":')],
		['data after the object', Buffer.from('{}x')],
		['two objects', Buffer.from('{}{}')],
		['an unterminated string', Buffer.from('{"a":"text}')],
		['a raw control character in a string', Buffer.from('{"a":"\u0001"}')],
		['an invalid escape', Buffer.from('{"a":"\\x41"}')],
		['single quotes', Buffer.from("{'a':1}")],
		['bare keys', Buffer.from('{a:1}')],
		['a trailing comma', Buffer.from('{"a":1,}')],
		['NaN', Buffer.from('{"a":NaN}')],
		['a comment', Buffer.from('/*c*/{}')],
		['60 000 nested arrays', Buffer.from('['.repeat(60_000))],
		['objects nested 70 deep', Buffer.from(nested(70, '1'))],
		['a NUL byte after the object', Buffer.from('{"a":1}\u0000')],
		['invalid UTF-8 (0xFF)', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])],
		['overlong UTF-8 for "/"', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d])],
		['a UTF-8-encoded surrogate', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d])],
		['a truncated UTF-8 sequence', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe4, 0xb8, 0x22, 0x7d])],
		['UTF-16 with a byte-order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a":1}', 'utf16le')])],
	];
	for (const [name, body] of malformed) add(`JSON: ${name}`, signed(target, body, 'application/json'), 400);

	// Valid JSON that is not a delivery, and prototype keys at every depth: the schema still refuses.
	const required = requiredFields(target);
	add('JSON: an empty object', signedObject(target, {}), 400);
	add('__proto__ carrying every required field', signed(target, Buffer.from(`{${tapd ? `"secret":${JSON.stringify(target.withSecret({}).secret)},` : ''}"__proto__":${JSON.stringify(required)}}`), 'application/json'), 400);
	add('constructor.prototype carrying every required field', signedObject(target, { constructor: { prototype: required } }), 400);
	add('prototype carrying every required field', signedObject(target, { prototype: required }), 400);
	for (const depth of [2, 5, 20]) {
		const inner = `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}`;
		const body = tapd
			? `{"secret":${JSON.stringify(target.withSecret({}).secret)},"x":${nested(depth - 1, inner)}}`
			: nested(depth, inner);
		add(`__proto__ and constructor at depth ${depth}, no required field`, signed(target, Buffer.from(body), 'application/json'), 400);
	}
	add('__proto__ twice, then a required field of the wrong type', signed(target, Buffer.from(`{"__proto__":{},"__proto__":[],${JSON.stringify(target.withSecret(required)).slice(1, -1)},"${Object.keys(required)[0]}":{"wrong":"type"}}`), 'application/json'), 400);

	// Forms: TAPD reads them (prototype keys and Object method names stay data); the others refuse them.
	const secret = tapd ? String(target.withSecret({}).secret) : 'unused';
	const forms: Array<[string, string]> = [
		['__proto__[event] in a form', `__proto__%5Bevent%5D=bug%3A%3Acreate&secret=${secret}`],
		['constructor[prototype][event] in a form', `constructor%5Bprototype%5D%5Bevent%5D=bug%3A%3Acreate&secret=${secret}`],
		['a bare __proto__ field in a form', `__proto__=event&secret=${secret}`],
		['Object method names as form fields', `toString=a&valueOf=b&hasOwnProperty=c&secret=${secret}`],
		['a repeated event in a form', `event=bug%3A%3Acreate&event=bug%3A%3Aupdate&secret=${secret}`],
		['broken percent-encoding in a form', `%ZZ=1&event=%E4%B8&secret=${secret}`],
		['3000 form fields (over TAPD\'s 2000)', `${Array.from({ length: 3000 }, (_, i) => `f${i}=${i}`).join('&')}&secret=${secret}`],
	];
	for (const [name, form] of forms) {
		add(name, tapd ? { headers: FORM_TYPE, body: Buffer.from(form) } : signed(target, Buffer.from(form), FORM_TYPE['content-type']), tapd ? 400 : 415);
	}
	if (tapd) add('the secret repeated in a form', { headers: FORM_TYPE, body: Buffer.from(`event=bug%3A%3Acreate&secret=${secret}&secret=${secret}`) }, 401);

	// Sizes. n8n reads at most 16 MB; TAPD and Test Manager refuse more than 64 KB before parsing or hashing; a
	// token or secret header is checked before the body is read, an HMAC needs it (but a missing HMAC header is
	// refused before).
	const big = (size: number) => Buffer.concat([Buffer.from('{"padding":"'), Buffer.alloc(size, 'a'), Buffer.from('"}')]);
	const twentyMb = big(20 * MB);
	add('a 20 MB body, authenticated', signed(target, twentyMb, 'application/json'), 413);
	add('a 20 MB body in chunks, authenticated', signed(target, twentyMb, 'application/json', { chunked: true }), 413);
	const headerChecked = target.kind === 'testany' || target.kind === 'tmHmac' || target.kind === 'tmClientSecret' || target.kind === 'azureDevOps';
	add('a 20 MB body, unauthenticated', { headers: JSON_TYPE, body: twentyMb }, headerChecked ? 401 : 413);
	if (tapd) {
		add('a 100 KB delivery with the secret (over TAPD\'s 64 KB)', signedObject(target, { ...required, padding: 'a'.repeat(100 * 1024) }), 413);
		add('a 100 KB delivery with the secret, in chunks', signedObject(target, { ...required, padding: 'a'.repeat(100 * 1024) }, { chunked: true }), 413);
		add('1 MB of nested arrays, unauthenticated', { headers: JSON_TYPE, body: nestedArrays(MB) }, 413);
		add('1 MB of nested arrays, unauthenticated, in chunks', { headers: JSON_TYPE, body: nestedArrays(MB), chunked: true }, 413);
		add('60 KB of nested arrays with the secret (over 2000 values)', signed(target, Buffer.from(`{"secret":${JSON.stringify(secret)},${nestedArrays(60 * 1024).toString().slice(1)}`), 'application/json'), 400);
		add('a delivery nested 9 levels deep', signed(target, Buffer.from(`{"secret":${JSON.stringify(secret)},"a":${'['.repeat(9)}${']'.repeat(9)}}`), 'application/json'), 400);
	}
	if (target.kind === 'tmHmac' || target.kind === 'tmClientSecret') {
		const padded = json({ ...required, padding: 'a'.repeat(MB) });
		add('a 1 MB body, authenticated (over Test Manager\'s 64 KB)', signed(target, padded, 'application/json'), 413);
		add('a 1 MB body, authenticated, in chunks', signed(target, padded, 'application/json', { chunked: true }), 413);
	}

	// Methods and paths that no trigger registers.
	for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) add(`method ${method}`, { ...signed(target, valid, 'application/json'), method }, 404);
	add('method HEAD', { method: 'HEAD', headers: {} }, 404);
	add('an extra path segment', { ...signed(target, valid, 'application/json'), suffix: `/extra${target.authenticate(valid).suffix ?? ''}` }, 404);
	add('an upper-case path', { ...signed(target, valid, 'application/json'), url: target.url.replace(/\/([a-z-]+)$/, (_, path: string) => `/${path.toUpperCase()}`) }, 404);
	add('the test URL, not listening', { ...signed(target, valid, 'application/json'), url: target.url.replace('/webhook/', '/webhook-test/') }, 404);

	// Headers.
	add('a 20 KB header', { headers: { ...JSON_TYPE, 'x-padding': 'a'.repeat(20_000) }, body: valid }, 431);
	add('300 extra headers, unauthenticated', { headers: { ...JSON_TYPE, ...Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`x-h${i}`, String(i)])) }, body: tapd ? json(required) : valid }, 401);

	return [...cases, ...(target.extraCases ?? [])];
}


const { n8n, fakeUrl, state, n8nMajor } = e2eContext();
const PROJECT = 'f1e0c2a4-6b8d-4e3f-9a1b-2c3d4e5f6a7b'; // the fake Azure DevOps project
const ALLOWED_PROJECT = 'e2e-allowed-project';

// Fresh secrets for this run only, so that finding one anywhere can only mean this battery leaked it.
const fresh = () => randomBytes(24).toString('hex');
const SECRETS = { testany: fresh(), tmHmac: fresh(), tmClientSecret: fresh(), tapdManual: fresh() };

const b64 = (value: string) => Buffer.from(value).toString('base64');
const basic = (user: string, password: string) => `Basic ${b64(`${user}:${password}`)}`;
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
	status: number;
	text: string;
}

/** Sends exactly what the case says (node:http: own lengths, chunking, repeated headers). */
async function send(base: string, request: HostileRequest): Promise<Answer> {
	const url = new URL(request.url ?? `${base}${request.suffix ?? ''}`);
	const headers: Record<string, string | string[]> = { ...request.headers };
	if (request.body && !request.chunked) headers['content-length'] = String(request.body.length);
	return await new Promise<Answer>((resolve, reject) => {
		const outgoing = httpRequest(
			{ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: request.method ?? 'POST', headers, agent: false },
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
				response.on('error', reject);
			},
		);
		// A server may answer (413, 401) and close before a large body is written: the answer is what counts.
		outgoing.on('error', reject);
		if (request.body) {
			for (let at = 0; at < request.body.length; at += 1024 * 1024) {
				outgoing.write(request.body.subarray(at, at + 1024 * 1024));
			}
		}
		outgoing.end();
	});
}

/** Runs cases a few at a time; returns the ones whose answer differs from the expected status. */
async function runCases(base: string, cases: HostileCase[]): Promise<string[]> {
	const mismatches: string[] = [];
	let next = 0;
	const worker = async () => {
		while (next < cases.length) {
			const current = cases[next++];
			const answer = await send(base, current.request).catch((error: Error) => ({ status: -1, text: error.message }));
			if (answer.status !== current.status) {
				mismatches.push(`${current.name}: expected ${current.status}, got ${answer.status} ${answer.text.slice(0, 160)}`);
			}
		}
	};
	await Promise.all([worker(), worker(), worker()]);
	return mismatches;
}

interface Workflow {
	workflowId: string;
	url: string;
}

/** Publishes a trigger's workflow and returns what its cases need (automatic triggers: once registered). */
type Setup = (workflow: Workflow) => Promise<Target>;

const workflows = new Map<TargetKind, [Workflow, Setup]>();
const usedSecrets: string[] = [];
const caseCounts: string[] = [];

async function createCredential(name: string, type: string, data: Record<string, unknown>): Promise<{ id: string; name: string }> {
	const created = await n8n.api<{ id: string }>('POST', '/credentials', { name, type, data });
	return { id: created.id, name };
}

async function credentialByName(name: string): Promise<{ id: string; name: string }> {
	return { id: await n8n.credentialId(name), name };
}

/** A workflow, not yet published: the trigger, then a No Operation node. */
async function createWorkflow(name: string, type: string, path: string, parameters: Record<string, unknown>, credentials: Record<string, { id: string; name: string }>) {
	const webhookId = randomUUID();
	const workflow = await n8n.api<{ id: string }>('POST', '/workflows', {
		name: `Hostile battery: ${name}`,
		nodes: [
			{ id: randomUUID(), name: 'Trigger', type: `n8n-nodes-testops.${type}`, typeVersion: 1, position: [0, 0], webhookId, parameters, credentials },
			{ id: randomUUID(), name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
		],
		connections: { Trigger: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	});
	return { workflowId: workflow.id, url: n8n.webhookUrl(webhookId, path) };
}

/** Waits until publishing has stored the registration's id in static data (n8n saves it after `create`). */
async function waitForStaticData(workflowId: string, key: string): Promise<void> {
	for (const deadline = Date.now() + 30_000; ; await sleep(200)) {
		const workflow = await n8n.api<{ staticData?: Record<string, Record<string, unknown>> }>('GET', `/workflows/${workflowId}`);
		if (Object.values(workflow.staticData ?? {}).some((node) => node && node[key])) return;
		if (Date.now() > deadline) throw new Error(`No ${key} in the static data of ${workflowId}`);
	}
}

async function fakeState<T>(name: string): Promise<T> {
	return (await (await fetch(`${fakeUrl(name)}/__fake/state`)).json()) as T;
}

// ---- the six triggers ---------------------------------------------------------------------------------------

const notification = () => ({
	name: 'hostile-plan',
	status: 2,
	trigger_key: 'P-HOSTILE-1',
	trigger_method: 'plan',
	trigger_owner: [],
	pipelines: [{ name: 'p', status: 2, key: 'K', owner: [], execution_key: `E-${randomUUID()}`, cases: [{ name: 'c', status: 2, owner: [] }] }],
});

function testanyTarget(url: string): Target {
	const token = SECRETS.testany;
	const q = (value: string) => `?token=${encodeURIComponent(value)}`;
	return {
		kind: 'testany',
		url,
		validBody: notification,
		authenticate: () => ({ suffix: q(token), headers: {} }),
		withSecret: (fields) => fields,
		secrets: [token],
		forgeries: (body) => [
			['an empty token', { suffix: '?token=', headers: JSON_TYPE, body }],
			['a token that differs in its last character', { suffix: q(lastCharChanged(token)), headers: JSON_TYPE, body }],
			['the token one character short', { suffix: q(token.slice(0, -1)), headers: JSON_TYPE, body }],
			['the token one character long', { suffix: q(`${token}0`), headers: JSON_TYPE, body }],
			['the token in upper case', { suffix: q(token.toUpperCase()), headers: JSON_TYPE, body }],
			['the token base64-encoded', { suffix: q(b64(token)), headers: JSON_TYPE, body }],
			['the SHA-256 of the token', { suffix: q(sha256Hex(token)), headers: JSON_TYPE, body }],
			['the token between spaces', { suffix: q(` ${token} `), headers: JSON_TYPE, body }],
			['the token followed by a NUL', { suffix: `${q(token)}%00`, headers: JSON_TYPE, body }],
			['a wrong token before the right one', { suffix: `${q(lastCharChanged(token))}&token=${token}`, headers: JSON_TYPE, body }],
			['the token under another parameter name', { suffix: `?Token=${token}&access_token=${token}`, headers: JSON_TYPE, body }],
			['the token in the body', { headers: JSON_TYPE, body: Buffer.from(JSON.stringify({ ...notification(), token })) }],
			['the token as a Bearer token', { headers: { ...JSON_TYPE, authorization: `Bearer ${token}` }, body }],
			['the token in a cookie', { headers: { ...JSON_TYPE, cookie: `token=${token}` }, body }],
			['the token in another header', { headers: { ...JSON_TYPE, 'x-token': token }, body }],
			['a wrong X-Testany-Token header beside the right query token', { suffix: q(token), headers: { ...JSON_TYPE, 'x-testany-token': lastCharChanged(token) }, body }],
			['an empty X-Testany-Token header', { headers: { ...JSON_TYPE, 'x-testany-token': '' }, body }],
		],
	};
}

const defectRequest = () => ({ testExecutionId: randomUUID(), testCaseId: randomUUID(), variationId: null, linkToTestCaseLog: null });

/** Test Manager's Defect KPIs path under the trigger's Payload URL. */
const kpiUrl = (base: string, projectId: string) => `${base}/api/kpis/project/${projectId}/defectstatus`;

function kpiCases(base: string, authenticate: (body: Buffer) => Record<string, string>): HostileCase[] {
	const empty = Buffer.alloc(0);
	return [
		{ name: 'KPIs: no authentication', request: { method: 'GET', url: kpiUrl(base, ALLOWED_PROJECT), headers: {} }, status: 401 },
		{ name: 'KPIs: authenticated, a project that is not allowed', request: { method: 'GET', url: kpiUrl(base, 'another-project'), headers: authenticate(empty) }, status: 404 },
		{ name: 'KPIs: authenticated, project __proto__', request: { method: 'GET', url: kpiUrl(base, '__proto__'), headers: authenticate(empty) }, status: 404 },
		{ name: 'KPIs: authenticated, project constructor', request: { method: 'GET', url: kpiUrl(base, 'constructor'), headers: authenticate(empty) }, status: 404 },
		{ name: 'KPIs: a text/plain body', request: { url: kpiUrl(base, ALLOWED_PROJECT), headers: { 'content-type': 'text/plain', ...authenticate(Buffer.from('x')) }, body: Buffer.from('x') }, status: 415 },
		{ name: 'KPIs: authenticated, a JSON array body', request: { url: kpiUrl(base, ALLOWED_PROJECT), headers: { ...JSON_TYPE, ...authenticate(Buffer.from('[]')) }, body: Buffer.from('[]') }, status: 400 },
		{ name: 'KPIs: method DELETE', request: { method: 'DELETE', url: kpiUrl(base, ALLOWED_PROJECT), headers: authenticate(empty) }, status: 404 },
	];
}

function testManagerHmacTarget(url: string): Target {
	const secret = SECRETS.tmHmac;
	const header = 'x-uipath-signature';
	const signature = (body: Buffer) => ({ [header]: hmacHex(secret, body) });
	return {
		kind: 'tmHmac',
		url,
		validBody: defectRequest,
		authenticate: (body) => ({ headers: signature(body) }),
		withSecret: (fields) => fields,
		secrets: [secret],
		extraCases: kpiCases(url, signature),
		forgeries: (body) => {
			const right = hmacHex(secret, body);
			const h = (value: string | string[]) => ({ ...JSON_TYPE, [header]: value });
			return [
				['an empty signature', { headers: h(''), body }],
				['the signature of another body', { headers: h(hmacHex(secret, Buffer.concat([body, Buffer.from(' ')]))), body }],
				['the signature of the body re-serialised', { headers: h(hmacHex(secret, JSON.stringify(JSON.parse(body.toString()), null, 2))), body }],
				['a signature keyed with a near-miss secret', { headers: h(hmacHex(lastCharChanged(secret), body)), body }],
				['the signature one hex digit short', { headers: h(right.slice(0, -1)), body }],
				['the signature one hex digit long', { headers: h(`${right}0`), body }],
				['the signature with its last digit changed', { headers: h(lastCharChanged(right)), body }],
				['sha256= and nothing', { headers: h('sha256='), body }],
				['an HMAC-SHA1 of the body', { headers: h(Buffer.from(sha1(Buffer.concat([Buffer.from(secret), body]))).toString('hex')), body }],
				['an unkeyed SHA-256 of the body', { headers: h(sha256Hex(body.toString())), body }],
				['the secret itself as the signature', { headers: h(secret), body }],
				['the signature twice in the header', { headers: h([right, right]), body }],
				['the signature in Authorization', { headers: { ...JSON_TYPE, authorization: `Bearer ${right}` }, body }],
				['the signature in the query', { suffix: `?signature=${right}`, headers: JSON_TYPE, body }],
				['the secret in the query', { suffix: `?secret=${secret}`, headers: JSON_TYPE, body }],
				['the secret in the body', { headers: JSON_TYPE, body: Buffer.from(JSON.stringify({ ...defectRequest(), secret })) }],
			];
		},
	};
}

function testManagerClientSecretTarget(url: string): Target {
	const secret = SECRETS.tmClientSecret;
	const header = 'x-tm-secret';
	return {
		kind: 'tmClientSecret',
		url,
		validBody: defectRequest,
		authenticate: () => ({ headers: { [header]: secret } }),
		withSecret: (fields) => fields,
		secrets: [secret],
		extraCases: kpiCases(url, () => ({ [header]: secret })),
		forgeries: (body) => {
			const h = (value: string | string[]) => ({ ...JSON_TYPE, [header]: value });
			return [
				['an empty secret header', { headers: h(''), body }],
				['a secret that differs in its last character', { headers: h(lastCharChanged(secret)), body }],
				['the secret one character short', { headers: h(secret.slice(0, -1)), body }],
				['the secret one character long', { headers: h(`${secret}0`), body }],
				['the secret in upper case', { headers: h(secret.toUpperCase()), body }],
				['the secret base64-encoded', { headers: h(b64(secret)), body }],
				['the SHA-256 of the secret', { headers: h(sha256Hex(secret)), body }],
				['an HMAC of the body instead of the secret', { headers: h(hmacHex(secret, body)), body }],
				['the secret twice in the header', { headers: h([secret, secret]), body }],
				['the secret in the default header instead', { headers: { ...JSON_TYPE, 'x-uipath-signature': secret }, body }],
				['the secret in Authorization', { headers: { ...JSON_TYPE, authorization: `Bearer ${secret}` }, body }],
				['the secret in a cookie', { headers: { ...JSON_TYPE, cookie: `x-tm-secret=${secret}` }, body }],
				['the secret in the query', { suffix: `?secret=${secret}&x-tm-secret=${secret}`, headers: JSON_TYPE, body }],
				['the secret in the body', { headers: JSON_TYPE, body: Buffer.from(JSON.stringify({ ...defectRequest(), secret })) }],
			];
		},
	};
}

const tapdDelivery = () => ({ event: 'bug::create', workspace_id: TAPD_FAKE.workspaceId, id: '1110158231500000001', event_id: randomUUID() });

function tapdTarget(kind: 'tapdManual' | 'tapdAutomatic', url: string, secret: string, extraSecrets: string[]): Target {
	const withSecret = (fields: Record<string, unknown>) => ({ ...fields, secret });
	const bodyWith = (fields: Record<string, unknown>) => Buffer.from(JSON.stringify({ ...tapdDelivery(), ...fields }));
	return {
		kind,
		url,
		validBody: () => withSecret(tapdDelivery()),
		authenticate: () => ({ headers: {} }),
		withSecret,
		secrets: [secret, ...extraSecrets],
		forgeries: () => [
			['an empty secret', { headers: JSON_TYPE, body: bodyWith({ secret: '' }) }],
			['a secret that differs in its last character', { headers: JSON_TYPE, body: bodyWith({ secret: lastCharChanged(secret) }) }],
			['the secret one character short', { headers: JSON_TYPE, body: bodyWith({ secret: secret.slice(0, -1) }) }],
			['the secret one character long', { headers: JSON_TYPE, body: bodyWith({ secret: `${secret}0` }) }],
			['the secret in upper case', { headers: JSON_TYPE, body: bodyWith({ secret: secret.toUpperCase() }) }],
			['the secret base64-encoded', { headers: JSON_TYPE, body: bodyWith({ secret: b64(secret) }) }],
			['the SHA-256 of the secret (what static data keeps)', { headers: JSON_TYPE, body: bodyWith({ secret: sha256Hex(secret) }) }],
			['the secret as a number', { headers: JSON_TYPE, body: bodyWith({ secret: 123456789012345678901234567890 }) }],
			['the secret in an array', { headers: JSON_TYPE, body: bodyWith({ secret: [secret] }) }],
			['the secret in an object', { headers: JSON_TYPE, body: bodyWith({ secret: { value: secret } }) }],
			['a null secret', { headers: JSON_TYPE, body: bodyWith({ secret: null }) }],
			['the secret nested one level down', { headers: JSON_TYPE, body: bodyWith({ data: { secret } }) }],
			['the secret under a capitalised key', { headers: JSON_TYPE, body: bodyWith({ Secret: secret }) }],
			['the secret in the query', { suffix: `?secret=${secret}`, headers: JSON_TYPE, body: bodyWith({}) }],
			['the secret in a header', { headers: { ...JSON_TYPE, 'x-tapd-secret': secret, authorization: `Bearer ${secret}` }, body: bodyWith({}) }],
			['a wrong secret in a form', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from(`event=bug%3A%3Acreate&secret=${lastCharChanged(secret)}`) }],
		],
	};
}

function azureDevOpsTarget(url: string, user: string, password: string, headerSecret: string): Target {
	const auth = { authorization: basic(user, password), 'x-n8n-webhook-secret': headerSecret };
	const h = (headers: Record<string, string>) => ({ 'content-type': 'application/json; charset=utf-8', ...headers });
	return {
		kind: 'azureDevOps',
		url,
		validBody: () => ({
			eventType: 'workitem.updated',
			subscriptionId: randomUUID(),
			notificationId: Math.floor(Math.random() * 1e9),
			id: randomUUID(),
			publisherId: 'tfs',
			resource: { id: 1, workItemId: 42 },
			resourceContainers: { project: { id: PROJECT } },
		}),
		authenticate: () => ({ headers: auth }),
		withSecret: (fields) => fields,
		secrets: [password, headerSecret, b64(`${user}:${password}`), E2E_SECRETS.azureDevOpsPat, b64(`:${E2E_SECRETS.azureDevOpsPat}`)],
		forgeries: (body) => [
			['Basic credentials without the secret header', { headers: h({ authorization: auth.authorization }), body }],
			['the secret header without Basic credentials', { headers: h({ 'x-n8n-webhook-secret': headerSecret }), body }],
			['a password that differs in its last character', { headers: h({ ...auth, authorization: basic(user, lastCharChanged(password)) }), body }],
			['another user name', { headers: h({ ...auth, authorization: basic(lastCharChanged(user), password) }), body }],
			['the password one character short', { headers: h({ ...auth, authorization: basic(user, password.slice(0, -1)) }), body }],
			['the password one character long', { headers: h({ ...auth, authorization: basic(user, `${password}0`) }), body }],
			['an empty password', { headers: h({ ...auth, authorization: basic(user, '') }), body }],
			['a secret header that differs in its last character', { headers: h({ ...auth, 'x-n8n-webhook-secret': lastCharChanged(headerSecret) }), body }],
			['the secret header one character short', { headers: h({ ...auth, 'x-n8n-webhook-secret': headerSecret.slice(0, -1) }), body }],
			['the secret header in upper case', { headers: h({ ...auth, 'x-n8n-webhook-secret': headerSecret.toUpperCase() }), body }],
			['the digests static data keeps, sent as the secrets', { headers: h({ authorization: basic(user, sha256Hex(password)), 'x-n8n-webhook-secret': sha256Hex(headerSecret) }), body }],
			['password and header secret swapped', { headers: h({ authorization: basic(user, headerSecret), 'x-n8n-webhook-secret': password }), body }],
			['the header secret as a Bearer token', { headers: h({ authorization: `Bearer ${headerSecret}`, 'x-n8n-webhook-secret': headerSecret }), body }],
			['Basic with base64 that is not user:password', { headers: h({ ...auth, authorization: 'Basic !!!notbase64' }), body }],
			['the secret header under another name', { headers: h({ authorization: auth.authorization, 'x-n8n-secret': headerSecret }), body }],
			['the Basic credentials in Proxy-Authorization', { headers: h({ 'proxy-authorization': auth.authorization, 'x-n8n-webhook-secret': headerSecret }), body }],
			['the credentials in the query', { suffix: `?password=${password}&x-n8n-webhook-secret=${headerSecret}`, headers: h({}), body }],
			['a test-notification marker of the right shape, forged', { headers: h({ 'x-n8n-test-notification': `${Date.now()}.${sha256Hex(headerSecret)}` }), body }],
			['a malformed test-notification marker', { headers: h({ 'x-n8n-test-notification': 'test' }), body }],
		],
	};
}

// ---- the battery ------------------------------------------------------------------------------------------

const KINDS: TargetKind[] = ['testany', 'tmHmac', 'tmClientSecret', 'tapdManual', 'tapdAutomatic', 'azureDevOps'];
const started = Date.now();

describe('hostile battery against every trigger in a real n8n', () => {
	beforeAll(async () => {
		const testany = await createCredential('Hostile battery: Testany token', 'testanyWebhookApi', { secret: SECRETS.testany });
		const tmHmac = await createCredential('Hostile battery: Test Manager HMAC', 'testManagerWebhookApi', { secret: SECRETS.tmHmac });
		const tmSecret = await createCredential('Hostile battery: Test Manager Client Secret', 'testManagerWebhookApi', { secret: SECRETS.tmClientSecret });
		const tapdSecret = await createCredential('Hostile battery: TAPD webhook secret', 'tapdWebhookApi', { secret: SECRETS.tapdManual });
		const tapdAccount = await credentialByName('TAPD account');
		const azureDevOps = await credentialByName('Azure DevOps account');
		const tmParameters = { events: ['createDefect', 'defectKpi'], responseMode: 'lastNode', additionalOptions: { allowedProjectIds: ALLOWED_PROJECT } };
		const tapdApiSecrets = [TAPD_FAKE.apiPassword, b64(`${TAPD_FAKE.apiUser}:${TAPD_FAKE.apiPassword}`)];

		const pasted = (make: (url: string) => Target): Setup => async ({ url }) => make(url);
		workflows.set('testany', [await createWorkflow('Testany', 'testanyTrigger', 'testany', {}, { testanyWebhookApi: testany }), pasted(testanyTarget)]);
		workflows.set('tmHmac', [await createWorkflow('Test Manager HMAC', 'testManagerTrigger', 'testmanager', tmParameters, { testManagerWebhookApi: tmHmac }), pasted(testManagerHmacTarget)]);
		const tmClientSecretParameters = { ...tmParameters, authenticationHeaderType: 'clientSecret', headerName: 'X-TM-Secret' };
		workflows.set('tmClientSecret', [await createWorkflow('Test Manager Client Secret', 'testManagerTrigger', 'testmanager', tmClientSecretParameters, { testManagerWebhookApi: tmSecret }), pasted(testManagerClientSecretTarget)]);
		workflows.set('tapdManual', [
			await createWorkflow('TAPD manual', 'tapdTrigger', 'tapd', { registration: 'manual', events: ['bug::create'] }, { tapdWebhookApi: tapdSecret }),
			pasted((url) => tapdTarget('tapdManual', url, SECRETS.tapdManual, [])),
		]);
		// The automatic triggers generate their secrets when published; the fakes receive them.
		workflows.set('tapdAutomatic', [
			await createWorkflow('TAPD automatic', 'tapdTrigger', 'tapd', { registration: 'automatic', workspaceId: TAPD_FAKE.workspaceId, events: ['bug::create'], contentType: 'json' }, { tapdApi: tapdAccount }),
			async ({ workflowId, url }) => {
				await waitForStaticData(workflowId, 'settingId');
				const { webhookSettings } = await fakeState<{ webhookSettings: Array<Record<string, string>> }>('tapd');
				const setting = webhookSettings.find((candidate) => candidate.url === url);
				if (!setting) throw new Error('The TAPD trigger registered no webhook setting');
				return tapdTarget('tapdAutomatic', url, setting.secret, tapdApiSecrets);
			},
		]);
		workflows.set('azureDevOps', [
			await createWorkflow('Azure DevOps', 'azureDevOpsTrigger', 'azure-devops', { events: ['workitem.updated'], project: PROJECT, filters: {}, additionalOptions: {} }, { azureDevOpsApi: azureDevOps }),
			async ({ workflowId, url }) => {
				// One record per event, under `subscriptions` (saved with the record once create() returns).
				await waitForStaticData(workflowId, 'subscriptions');
				const { subscriptions } = await fakeState<{ subscriptions: Array<{ consumerInputs: Record<string, string> }> }>('azureDevOps');
				const subscription = subscriptions.find((candidate) => candidate.consumerInputs.url === url);
				if (!subscription) throw new Error('The Azure DevOps trigger registered no subscription');
				const { basicAuthUsername, basicAuthPassword, httpHeaders } = subscription.consumerInputs;
				return azureDevOpsTarget(url, basicAuthUsername, basicAuthPassword, httpHeaders.split(':').slice(1).join(':'));
			},
		]);
	});

	afterAll(async () => {
		for (const [{ workflowId }] of workflows.values()) await n8n.unpublish(workflowId).catch(() => undefined);
	});

	// One trigger at a time: n8n 2.40 keeps one row per dynamic path template, so two published Test Manager
	// triggers cannot both serve the Defect KPIs path (see docs/n8n.md, "A webhook request").
	it.each(KINDS)('%s: answers at least 60 hostile requests with their exact status, starts nothing, then accepts a valid delivery', async (kind) => {
		const [workflow, setup] = workflows.get(kind) as [Workflow, Setup];
		await n8n.publish(workflow.workflowId, [workflow.url]);
		const target = await setup(workflow);
		usedSecrets.push(...target.secrets);
		const cases = hostileCases(target);
		expect(cases.length).toBeGreaterThanOrEqual(60);
		caseCounts.push(`${kind} ${cases.length}`);

		expect(await runCases(workflow.url, cases)).toEqual([]);
		expect(await n8n.executions(workflow.workflowId)).toHaveLength(0);
		expect((await fetch(`${n8n.url}/healthz`)).status).toBe(200);

		// Still serving: exactly one execution for one valid delivery.
		const body = Buffer.from(JSON.stringify(target.validBody()));
		const auth = target.authenticate(body);
		const answer = await send(workflow.url, { suffix: auth.suffix, headers: { ...JSON_TYPE, ...auth.headers }, body });
		expect(answer.status).toBe(200);
		const [execution] = await n8n.waitForExecutionCount(workflow.workflowId, 1);
		expect(execution.status).toBe('success');
		if (kind === 'tmHmac') await n8n.unpublish(workflow.workflowId, [workflow.url]); // frees the KPI path
	});

	// Issue 21, points 2, 3 and 5: what a refused request costs n8n at each cap, against a small refused request.
	it('refuses at each cap after bounded work, starting nothing; prints what each refusal costs n8n', async () => {
		const [tapd] = workflows.get('tapdManual') as [Workflow, Setup];
		const [tm] = workflows.get('tmHmac') as [Workflow, Setup];
		await n8n.publish(tapd.workflowId, [tapd.url]);
		await n8n.publish(tm.workflowId, [tm.url]);
		// A Testany trigger whose token was changed, after publishing, to 120,000 near-periodic characters: the
		// strength check that ran per delivery cost seconds for each plausible token.
		const token = fresh();
		const testanyCredential = await createCredential('Hostile battery: Testany token, changed later', 'testanyWebhookApi', { secret: token });
		const testany = await createWorkflow('Testany, token changed after publishing', 'testanyTrigger', 'testany', {}, { testanyWebhookApi: testanyCredential });
		await n8n.publish(testany.workflowId, [testany.url]);
		const nearPeriodic = `${'aZ1q9!'.repeat(20_000).slice(0, -1)}X`;
		await n8n.rest('PATCH', `/credentials/${testanyCredential.id}`, { name: testanyCredential.name, type: 'testanyWebhookApi', data: { secret: nearPeriodic } });
		usedSecrets.push(token);

		const tapdBody = (fields: Record<string, unknown>) => json({ ...tapdDelivery(), ...fields });
		const hmacHeader = (body: Buffer) => ({ 'x-uipath-signature': hmacHex(lastCharChanged(SECRETS.tmHmac), body) });
		const megabyteArrays = nestedArrays(MB);
		const signedMegabyte = json({ ...defectRequest(), padding: 'a'.repeat(MB) });
		const rows: Array<[string, string, HostileRequest, number]> = [
			['TAPD', 'a wrong secret, 150 bytes (for comparison)', { headers: JSON_TYPE, body: tapdBody({ secret: lastCharChanged(SECRETS.tapdManual) }) }, 401],
			['TAPD', '1 MB of nested arrays, declared length', { headers: JSON_TYPE, body: megabyteArrays }, 413],
			['TAPD', '1 MB of nested arrays, in chunks', { headers: JSON_TYPE, body: megabyteArrays, chunked: true }, 413],
			['TAPD', '60 KB of nested arrays (2000 values)', { headers: JSON_TYPE, body: nestedArrays(60 * 1024) }, 400],
			['TAPD', 'a form of 3000 fields', { headers: FORM_TYPE, body: Buffer.from(Array.from({ length: 3000 }, (_, i) => `f${i}=${i}`).join('&')) }, 400],
			['TAPD', 'nested 9 levels', { headers: JSON_TYPE, body: Buffer.from(`{"a":${'['.repeat(9)}${']'.repeat(9)}}`) }, 400],
			['Test Manager (HMACSHA256)', 'a wrong signature, 150 bytes (for comparison)', { headers: { ...JSON_TYPE, ...hmacHeader(json(defectRequest())) }, body: json(defectRequest()) }, 401],
			['Test Manager (HMACSHA256)', 'a 1 MB signed body, declared length', { headers: { ...JSON_TYPE, ...hmacHeader(signedMegabyte) }, body: signedMegabyte }, 413],
			['Test Manager (HMACSHA256)', 'a 1 MB signed body, in chunks', { headers: { ...JSON_TYPE, ...hmacHeader(signedMegabyte) }, body: signedMegabyte, chunked: true }, 413],
			['Testany', 'a plausible token, credential of 120,000 near-periodic characters', { suffix: `?token=${fresh()}${fresh()}`, headers: JSON_TYPE, body: json(notification()) }, 401],
		];
		const urls: Record<string, string> = { TAPD: tapd.url, 'Test Manager (HMACSHA256)': tm.url, Testany: testany.url };
		const executionsBefore = await Promise.all([tapd, tm, testany].map(async ({ workflowId }) => (await n8n.executions(workflowId)).length));
		const REPEATS = 20;
		const report: string[] = [];
		for (const [trigger, name, request, status] of rows) {
			expect(`${trigger}, ${name}: ${(await send(urls[trigger], request)).status}`).toBe(`${trigger}, ${name}: ${status}`);
			await waitUntilQuiet(state.pid as number, 20);
			const cpuBefore = groupCpuMs(state.pid as number);
			const started = process.hrtime.bigint();
			for (let i = 0; i < REPEATS; i++) await send(urls[trigger], request);
			const wallMs = Number(process.hrtime.bigint() - started) / 1e6 / REPEATS;
			const cpuMs = (groupCpuMs(state.pid as number) - cpuBefore) / REPEATS;
			report.push(`  ${`${trigger}, ${name} (${status})`.padEnd(100)} ${cpuMs.toFixed(0).padStart(5)} ms CPU ${wallMs.toFixed(0).padStart(5)} ms answer`);
		}
		const executionsAfter = await Promise.all([tapd, tm, testany].map(async ({ workflowId }) => (await n8n.executions(workflowId)).length));
		expect(executionsAfter).toEqual(executionsBefore);
		await n8n.unpublish(tm.workflowId, [tm.url]); // frees the KPI path
		await n8n.unpublish(testany.workflowId, [testany.url]);
		process.stdout.write(`\nWhat a refused request costs n8n (its process group's CPU, and the time to the answer), ${REPEATS} each, one at a time:\n${report.join('\n')}\n`);
	});

	it('refuses to publish a trigger whose secret is longer than 256 characters, saying so', async () => {
		const credential = await createCredential('Hostile battery: Testany token too long', 'testanyWebhookApi', { secret: `${'aZ1q9!'.repeat(20_000).slice(0, -1)}X` });
		const workflow = await createWorkflow('Testany, token too long', 'testanyTrigger', 'testany', {}, { testanyWebhookApi: credential });
		// n8n 1.x runs the trigger's check inside the publish call and refuses it with the message (docs/n8n-versions.md).
		if (n8nMajor === 1) {
			await expect(n8n.publish(workflow.workflowId)).rejects.toThrow(/answered 400: .*The secret has 120000 characters, more than 256/);
			return;
		}
		await n8n.publish(workflow.workflowId);
		let message = '';
		for (const deadline = Date.now() + 60_000; Date.now() < deadline && !message; await sleep(500)) {
			const { triggers } = await n8n.publicationStatus(workflow.workflowId);
			message = triggers.map((trigger) => trigger.errorMessage ?? '').join(' ');
		}
		expect(message).toMatch(/The secret has 120000 characters, more than 256/);
		await n8n.unpublish(workflow.workflowId).catch(() => undefined);
	});

	it("leaves no secret in n8n's log, in any execution, or in the database files", async () => {
		expect(usedSecrets.length).toBeGreaterThanOrEqual(12);
		const places: Array<[string, string]> = [["n8n's log", readFileSync(state.logFile, 'latin1')]];
		const { data: executions } = await n8n.api<{ data: unknown[] }>('GET', '/executions?includeData=true&limit=250');
		places.push(['the executions', JSON.stringify(executions)]);
		const walk = (dir: string): string[] =>
			readdirSync(dir).flatMap((name) => {
				const path = join(dir, name);
				if (name === 'nodes' || name === 'node_modules') return []; // the installed package, not data
				return statSync(path).isDirectory() ? walk(path) : [path];
			});
		for (const file of walk(join(state.userFolder, '.n8n'))) places.push([file, readFileSync(file, 'latin1')]);
		expect(places.some(([file]) => file.endsWith('database.sqlite'))).toBe(true);
		const found = places.flatMap(([place, text]) => usedSecrets.filter((secret) => text.includes(secret)).map((secret) => `${place}: ${secret.slice(0, 6)}…`));
		expect(found).toEqual([]);
		process.stdout.write(`\nhostile battery: cases ${caseCounts.join(', ')}; ${usedSecrets.length} secrets scanned in ${places.length} places; ${Math.round((Date.now() - started) / 1000)} s\n`);
	});
});
