// @ts-check
'use strict';
const { createServer } = require('node:http');
const { randomUUID } = require('node:crypto');

const { E2E_SECRETS } = require('../credentials');
const { azureDevOpsPolling } = require('./azureDevOpsPolling');
const { withRedirectMode } = require('./redirects');
const { createScale } = require('./azureDevOpsScale');

/**
 * A fake Azure DevOps organization ("fabrikam") with one project, for the end-to-end suite: service-hook
 * subscriptions (create, list, get, replace, delete, with statuses), test notifications (delivered for real
 * to the consumer URL, then read back per subscription), projects (a page of them, or one by id or name),
 * work items (create, get, update with JSON Patch, batch of at most 200) and WIQL (dev/fakes/wiql.js), in a
 * project or across the organization; at scale, Analytics, WIQL's 20,000 cap, synthetic bugs by the hundred
 * thousand and a rate limit (dev/fakes/azureDevOpsScale.js, its own control endpoints). Like the real service it checks the PAT (Basic, any user
 * name) and answers errors as `{ message, typeKey }`; unlike it, it accepts localhost targets, and it sends
 * Basic credentials over plain HTTP unless `refuseBasicOverHttp` is on (the suite's n8n listens on HTTP).
 *
 * Control endpoints: `GET /__fake/state` (raw subscriptions, secrets included, test notifications, work
 * items, counters), `POST /__fake/subscriptions/{id}/status` `{ status }` (e.g. disabledBySystem),
 * `POST /__fake/mode` `{ failSubscriptionDeletes, refuseBasicOverHttp, outageMs }` (subscription deletes
 * answer 503, as during an outage; Basic credentials to an `http:` URL are refused, as Azure DevOps does;
 * every API call answers 503 for `outageMs`, or until the next mode change when it is -1),
 * `POST /__fake/workItems/reset` (no work items, ids from 1 again: for tests that count from zero),
 * `POST /__fake/redirect` (dev/fakes/redirects.js).
 *
 * The polling trigger's routes (reporting revisions, builds) and their controls under `/__fake/polling/` are in
 * dev/fakes/azureDevOpsPolling.js; every work item created or updated here records a revision there.
 *
 * A subscription replaced (`PUT`) with its confidential inputs as they were read (`********`) keeps the
 * values it held: what Azure DevOps' own edit dialog relies on (UNCONFIRMED, docs/contracts/azure-devops.md).
 */

const ORGANIZATION = 'fabrikam';
const PAT = E2E_SECRETS.azureDevOpsPat;
const PROJECT = { id: 'f1e0c2a4-6b8d-4e3f-9a1b-2c3d4e5f6a7b', name: 'Fabrikam Web', description: 'The web shop', state: 'wellFormed', revision: 1, visibility: 'private' };
/** Other projects of the organization, empty, so that the project list has more than one page of 100. */
const OTHER_PROJECTS = Array.from({ length: 120 }, (_, i) => ({ id: `0b1c2d3e-4f50-4a6b-8c7d-${String(i).padStart(12, '0')}`, name: `Archive ${String(i + 1).padStart(3, '0')}`, state: 'wellFormed', revision: 1, visibility: 'private' }));
const CONFIDENTIAL_INPUTS = ['basicAuthPassword', 'httpHeaders'];
const STATUSES = ['enabled', 'onProbation', 'disabledByUser', 'disabledBySystem', 'disabledByInactiveIdentity'];

/**
 * @typedef {Record<string, any>} Json
 * @typedef {{ id: number, rev: number, fields: Json, relations: Json[] }} WorkItem
 */

/** @param {import('node:http').ServerResponse} res @param {number} status @param {unknown} [body] */
function send(res, status, body) {
	if (body === undefined) {
		res.writeHead(status).end();
		return;
	}
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

/** Azure DevOps error bodies carry `message` and `typeKey`. @param {string} message @param {string} typeKey */
const error = (message, typeKey) => ({ $id: '1', innerException: null, message, typeName: `Microsoft.VisualStudio.Services.${typeKey}`, typeKey, errorCode: 0, eventId: 3000 });

/** @param {import('node:http').IncomingMessage} req @returns {Promise<string>} */
async function readBody(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	return Buffer.concat(chunks).toString('utf8');
}

/** @param {string} authorization */
function patOf(authorization) {
	const match = /^Basic\s+(.+)$/i.exec(authorization ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	return decoded.slice(decoded.indexOf(':') + 1);
}

async function startAzureDevOps() {
	/** @type {Map<string, Json>} */
	const subscriptions = new Map();
	/** @type {Map<number, WorkItem>} */
	const workItems = new Map();
	let nextWorkItemId = 1;
	const counters = { unauthorized: 0, requests: 0 };
	/** Failure modes a test can switch on, e.g. an outage while n8n deletes its subscriptions. */
	const mode = { failSubscriptionDeletes: false, refuseBasicOverHttp: false, outageUntil: 0 };
	/** Test notifications by id, as `Notification` objects. @type {Map<number, Json>} */
	const notifications = new Map();
	let nextNotificationId = 1;
	/** @type {string[]} */
	const patchContentTypes = [];
	/** Every API call as `METHOD path → status`, for tests that check what a node asked for. @type {string[]} */
	const requestLog = [];

	/** @type {string} */
	let base = '';
	/** Revisions, builds and controls of the polling trigger (dev/fakes/azureDevOpsPolling.js). */
	const polling = azureDevOpsPolling({ workItems, project: PROJECT, newWorkItemId: () => nextWorkItemId++, base: () => base });
	const scale = createScale({ projects: () => [PROJECT, ...OTHER_PROJECTS], base: () => base });

	/** @param {string} value project id or name */
	const findProject = (value) =>
		[PROJECT, ...OTHER_PROJECTS].find((p) => p.id.toLowerCase() === value.toLowerCase() || p.name.toLowerCase() === value.toLowerCase());

	/** The subscription as the API shows it: confidential inputs masked. @param {Json} subscription */
	function shown(subscription) {
		const consumerInputs = { ...subscription.consumerInputs };
		for (const key of CONFIDENTIAL_INPUTS) if (consumerInputs[key] !== undefined) consumerInputs[key] = '********';
		return { ...subscription, consumerInputs, url: `${base}/_apis/hooks/subscriptions/${subscription.id}` };
	}

	/** A notification as the API shows it: confidential consumer inputs masked. @param {Json} notification */
	function shownNotification(notification) {
		const consumerInputs = { ...notification.details.consumerInputs };
		for (const key of CONFIDENTIAL_INPUTS) if (consumerInputs[key] !== undefined) consumerInputs[key] = '********';
		return { ...notification, details: { ...notification.details, consumerInputs } };
	}

	/** @param {WorkItem} item @param {string[]} [fields] */
	function shownWorkItem(item, fields) {
		const project = item.fields['System.TeamProject'];
		const selected = fields?.length ? Object.fromEntries(Object.entries(item.fields).filter(([key]) => fields.includes(key))) : item.fields;
		return {
			id: item.id,
			rev: item.rev,
			fields: selected,
			...(fields?.length ? {} : { relations: item.relations }),
			_links: { html: { href: `${base}/${encodeURIComponent(project)}/_workitems/edit/${item.id}` } },
			url: `${base}/_apis/wit/workItems/${item.id}`,
		};
	}

	/**
	 * Applies JSON Patch operations; returns an error answer or undefined.
	 * @param {WorkItem} item @param {unknown} operations
	 * @returns {[number, Json] | undefined}
	 */
	function applyPatch(item, operations) {
		if (!Array.isArray(operations)) return [400, error('The request body must be a JSON Patch document (an array).', 'InvalidArgumentValueException')];
		for (const operation of operations) {
			const { op, path, value } = operation ?? {};
			if (op === 'test' && path === '/rev') {
				if (value !== item.rev) return [412, error(`TF26071: This work item has been changed by someone else since you opened it. Revision ${item.rev}.`, 'WorkItemRevisionMismatchException')];
				continue;
			}
			if ((op === 'add' || op === 'replace') && typeof path === 'string' && path.startsWith('/fields/')) {
				item.fields[path.slice('/fields/'.length)] = value;
				continue;
			}
			if (op === 'add' && path === '/relations/-' && value && typeof value.url === 'string') {
				item.relations.push({ rel: value.rel, url: value.url, attributes: value.attributes ?? {} });
				continue;
			}
			return [400, error(`Unsupported JSON Patch operation ${op} ${path}`, 'InvalidArgumentValueException')];
		}
		if (!item.fields['System.Title']) {
			return [400, error('TF401320: Rule Error for field Title. Error code: Required, HasValues, LimitedToValues, AllowsOldValue, InvalidEmpty.', 'RuleValidationException')];
		}
		return undefined;
	}

	/**
	 * Why Azure DevOps refuses these consumer inputs, or undefined.
	 * @param {Json | undefined} inputs
	 */
	function refusedConsumer(inputs) {
		if (typeof inputs?.url !== 'string' || !/^https?:\/\//.test(inputs.url)) return 'The URL is not valid.';
		if (mode.refuseBasicOverHttp && inputs.url.startsWith('http:') && (inputs.basicAuthUsername || inputs.basicAuthPassword)) {
			return 'Basic authentication requires a secure connection: use an HTTPS URL.';
		}
		return undefined;
	}

	/**
	 * Delivers a test notification to the consumer as Azure DevOps would deliver an event: a JSON POST with the
	 * Basic credentials and every `Key:value` line of `httpHeaders`; records the answer on the notification.
	 * @param {Json} notification
	 */
	async function deliverTest(notification) {
		const { details } = notification;
		const inputs = details.consumerInputs ?? {};
		/** @type {Record<string, string>} */
		const headers = { 'content-type': 'application/json; charset=utf-8' };
		if (inputs.basicAuthUsername || inputs.basicAuthPassword) {
			headers.authorization = `Basic ${Buffer.from(`${inputs.basicAuthUsername ?? ''}:${inputs.basicAuthPassword ?? ''}`).toString('base64')}`;
		}
		for (const line of String(inputs.httpHeaders ?? '').split(/\r?\n/)) {
			const colon = line.indexOf(':');
			if (colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
		}
		const event = {
			subscriptionId: notification.subscriptionId,
			notificationId: notification.id,
			id: notification.eventId,
			eventType: details.eventType,
			publisherId: details.publisherId,
			message: { text: 'Test notification', html: 'Test notification', markdown: 'Test notification' },
			detailedMessage: { text: 'Test notification', html: 'Test notification', markdown: 'Test notification' },
			resource: {},
			resourceVersion: details.resourceVersion,
			resourceContainers: { project: { id: PROJECT.id } },
			createdDate: new Date().toISOString(),
		};
		notification.status = 'requestInProgress';
		details.request = JSON.stringify({ headers: Object.keys(headers), body: event });
		try {
			const answer = await fetch(inputs.url, { method: 'POST', headers, body: JSON.stringify(event) });
			const text = await answer.text();
			details.response = `HTTP ${answer.status}: ${text}`;
			notification.result = answer.ok ? 'succeeded' : 'failed';
			if (!answer.ok) details.errorMessage = `The remote server returned an error: (${answer.status}) ${answer.statusText}.`;
		} catch (e) {
			notification.result = 'failed';
			details.errorMessage = `Unable to connect to the remote server: ${String(e)}`;
		}
		notification.status = 'completed';
		details.completedDate = new Date().toISOString();
	}

	/**
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 * @returns {Promise<void>}
	 */
	async function handle(req, res) {
		const url = new URL(req.url ?? '/', 'http://fake');
		const method = req.method ?? 'GET';
		const text = await readBody(req);
		/** @type {any} */
		let body;
		try {
			body = text ? JSON.parse(text) : undefined;
		} catch {
			return send(res, 400, error('The request body is not valid JSON.', 'InvalidArgumentValueException'));
		}

		// Control endpoints for the tests.
		const scaleControl = scale.control(url.pathname, method, body);
		if (scaleControl) return send(res, scaleControl[0], scaleControl[1]);
		if (url.pathname === '/__fake/state' && method === 'GET') {
			return send(res, 200, { organizationUrl: base, project: PROJECT, subscriptions: [...subscriptions.values()], testNotifications: [...notifications.values()], workItems: [...workItems.values()], counters, patchContentTypes, requestLog });
		}
		if (url.pathname === '/__fake/mode' && method === 'POST') {
			mode.failSubscriptionDeletes = body?.failSubscriptionDeletes === true;
			mode.refuseBasicOverHttp = body?.refuseBasicOverHttp === true;
			const outageMs = Number(body?.outageMs ?? 0);
			mode.outageUntil = outageMs < 0 ? Infinity : outageMs > 0 ? Date.now() + outageMs : 0;
			return send(res, 200, { ...mode, outageUntil: Number.isFinite(mode.outageUntil) ? mode.outageUntil : 'never' });
		}
		if (url.pathname === '/__fake/workItems/reset' && method === 'POST') {
			workItems.clear();
			nextWorkItemId = 1;
			return send(res, 200, { workItems: 0 });
		}
		if (url.pathname.startsWith('/__fake/polling/')) return send(res, ...polling.control(method, url.pathname, body));
		const control = /^\/__fake\/subscriptions\/([^/]+)\/status$/.exec(url.pathname);
		if (control && method === 'POST') {
			const subscription = subscriptions.get(control[1]);
			if (!subscription) return send(res, 404, { message: 'no such subscription' });
			if (!STATUSES.includes(body?.status)) return send(res, 400, { message: `status must be one of ${STATUSES.join(', ')}` });
			subscription.status = body.status;
			return send(res, 200, subscription);
		}

		const prefix = `/${ORGANIZATION}`;
		if (!url.pathname.startsWith(`${prefix}/`)) return send(res, 404, error('Organization not found.', 'OrganizationNotFoundException'));
		counters.requests++;
		res.on('finish', () => requestLog.push(`${method} ${url.pathname} -> ${res.statusCode}`));
		if (Date.now() < mode.outageUntil) return send(res, 503, error('The service is temporarily unavailable.', 'ServiceUnavailableException'));
		if (patOf(req.headers.authorization ?? '') !== PAT) {
			counters.unauthorized++;
			res.writeHead(401, { 'www-authenticate': 'Basic realm="https://dev.azure.com/"' }).end();
			return;
		}
		// At scale (dev/fakes/azureDevOpsScale.js): a rate limit, and Analytics, which takes no api-version.
		const refused = scale.limited();
		if (refused) {
			res.writeHead(refused[0], { ...refused[1], 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(error(refused[2], 'RequestBlockedException')));
			return;
		}
		const odata = /^\/([^/]+)\/_odata\/[^/]+\/WorkItems$/.exec(url.pathname.slice(prefix.length));
		if (odata && method === 'GET') {
			const project = findProject(decodeURIComponent(odata[1]));
			if (!project) return send(res, 404, { error: { code: '0', message: `VS403496: The project ${decodeURIComponent(odata[1])} does not exist.` } });
			const [status, answer] = scale.analytics(workItems, project, url);
			if (typeof answer === 'string') return void res.writeHead(status, { 'content-type': 'text/html' }).end(answer);
			return send(res, status, answer);
		}
		if (!url.searchParams.get('api-version')) {
			return send(res, 400, error('No api-version was supplied for the "GET" request. The version must be supplied either as part of the Accept header or as a query parameter.', 'VssVersionNotSpecifiedException'));
		}
		const path = url.pathname.slice(prefix.length);
		const top = url.searchParams.get('$top') === null ? undefined : Number(url.searchParams.get('$top'));

		// Projects and the lists the nodes load options from.
		if (path === '/_apis/projects' && method === 'GET') {
			const skip = Number(url.searchParams.get('$skip') ?? 0);
			const value = [PROJECT, ...OTHER_PROJECTS].slice(skip, top === undefined ? undefined : skip + top);
			return send(res, 200, { count: value.length, value });
		}
		const oneProject = /^\/_apis\/projects\/([^/]+)$/.exec(path);
		if (oneProject && method === 'GET') {
			const found = findProject(decodeURIComponent(oneProject[1]));
			if (!found) return send(res, 404, error(`TF200016: The following project does not exist: ${decodeURIComponent(oneProject[1])}.`, 'ProjectDoesNotExistWithNameException'));
			return send(res, 200, found);
		}
		const projectScoped = /^\/([^/]+)\/(_apis\/.*)$/.exec(path);
		const scopedProject = projectScoped && !projectScoped[1].startsWith('_') ? findProject(decodeURIComponent(projectScoped[1])) : undefined;
		if (projectScoped && !projectScoped[1].startsWith('_') && !scopedProject) {
			return send(res, 404, error(`TF200016: The following project does not exist: ${decodeURIComponent(projectScoped[1])}.`, 'ProjectDoesNotExistWithNameException'));
		}
		const api = scopedProject && projectScoped ? `/${projectScoped[2]}` : path;
		if (scopedProject && method === 'GET') {
			const lists = /** @type {Record<string, Json[]>} */ ({
				'/_apis/wit/workitemtypes': [{ name: 'Bug' }, { name: 'Task' }, { name: 'User Story' }],
				'/_apis/git/repositories': [{ id: '3411ebc1-d5aa-464f-9615-0b527bc66719', name: 'web-shop' }],
				'/_apis/build/definitions': [{ id: 12, name: 'web-shop-ci' }],
				'/_apis/pipelines': [{ id: 7, name: 'web-shop-release', folder: '\\' }],
			});
			if (lists[api]) return send(res, 200, { count: lists[api].length, value: lists[api] });
		}

		// Service hooks (organization level).
		if (path === '/_apis/hooks/subscriptions') {
			if (method === 'GET') {
				const filters = ['publisherId', 'eventType', 'consumerId', 'consumerActionId'];
				const value = [...subscriptions.values()].filter((s) => filters.every((f) => !url.searchParams.get(f) || s[f] === url.searchParams.get(f))).map(shown);
				return send(res, 200, { count: value.length, value });
			}
			if (method === 'POST') {
				const missing = ['publisherId', 'eventType', 'resourceVersion', 'consumerId', 'consumerActionId'].filter((key) => typeof body?.[key] !== 'string' || !body[key]);
				if (missing.length) return send(res, 400, error(`The subscription is missing ${missing.join(', ')}.`, 'InvalidArgumentValueException'));
				if (body.consumerId !== 'webHooks' || body.consumerActionId !== 'httpRequest') return send(res, 400, error('Unknown consumer or action.', 'ConsumerActionNotFoundException'));
				const projectId = body.publisherInputs?.projectId;
				if (projectId && !findProject(projectId)) return send(res, 400, error(`TF200016: The following project does not exist: ${projectId}.`, 'ProjectDoesNotExistException'));
				const refused = refusedConsumer(body.consumerInputs);
				if (refused) return send(res, 400, error(refused, 'InputValidationException'));
				const subscription = {
					id: randomUUID(),
					status: 'enabled',
					publisherId: body.publisherId,
					eventType: body.eventType,
					resourceVersion: body.resourceVersion,
					consumerId: body.consumerId,
					consumerActionId: body.consumerActionId,
					publisherInputs: { ...body.publisherInputs, tfsSubscriptionId: randomUUID() },
					consumerInputs: { ...body.consumerInputs },
					createdDate: new Date().toISOString(),
					modifiedDate: new Date().toISOString(),
				};
				subscriptions.set(subscription.id, subscription);
				return send(res, 200, shown(subscription));
			}
		}
		// Test notifications: queued at once, delivered to the consumer right after the answer.
		if (path === '/_apis/hooks/testnotifications' && method === 'POST') {
			const details = body?.details;
			const missing = ['publisherId', 'eventType', 'consumerId', 'consumerActionId'].filter((key) => typeof details?.[key] !== 'string' || !details[key]);
			if (missing.length) return send(res, 400, error(`The test notification is missing ${missing.join(', ')}.`, 'InvalidArgumentValueException'));
			if (body.subscriptionId && !subscriptions.has(body.subscriptionId)) return send(res, 404, error(`Subscription ${body.subscriptionId} was not found.`, 'SubscriptionNotFoundException'));
			const refused = refusedConsumer(details.consumerInputs);
			if (refused) return send(res, 400, error(refused, 'InputValidationException'));
			const notification = {
				id: nextNotificationId++,
				subscriptionId: body.subscriptionId ?? '00000000-0000-0000-0000-000000000000',
				eventId: randomUUID(),
				status: 'queued',
				result: 'pending',
				createdDate: new Date().toISOString(),
				details: { ...details, consumerInputs: { ...details.consumerInputs }, queuedDate: new Date().toISOString() },
			};
			notifications.set(notification.id, notification);
			res.on('finish', () => void deliverTest(notification));
			return send(res, 200, shownNotification(notification));
		}
		const notificationRoute = /^\/_apis\/hooks\/subscriptions\/([^/]+)\/notifications\/(\d+)$/.exec(path);
		if (notificationRoute && method === 'GET') {
			const notification = notifications.get(Number(notificationRoute[2]));
			if (!notification || notification.subscriptionId !== notificationRoute[1]) return send(res, 404, error(`Notification ${notificationRoute[2]} was not found.`, 'NotificationNotFoundException'));
			return send(res, 200, shownNotification(notification));
		}

		const one = /^\/_apis\/hooks\/subscriptions\/([^/]+)$/.exec(path);
		if (one) {
			const subscription = subscriptions.get(one[1]);
			if (!subscription) return send(res, 404, error(`Subscription ${one[1]} was not found.`, 'SubscriptionNotFoundException'));
			if (method === 'GET') return send(res, 200, shown(subscription));
			if (method === 'DELETE') {
				if (mode.failSubscriptionDeletes) return send(res, 503, error('The service is temporarily unavailable.', 'ServiceUnavailableException'));
				subscriptions.delete(one[1]);
				return send(res, 204);
			}
			if (method === 'PUT') {
				if (body?.status !== undefined && !STATUSES.includes(body.status)) return send(res, 400, error(`Unknown subscription status ${body.status}.`, 'InvalidArgumentValueException'));
				const consumerInputs = { ...subscription.consumerInputs, ...body?.consumerInputs };
				for (const key of CONFIDENTIAL_INPUTS) {
					if (consumerInputs[key] === '********') consumerInputs[key] = subscription.consumerInputs[key];
				}
				const { url: _url, _links, ...replacement } = body ?? {}; // read-only fields of the answer
				Object.assign(subscription, { ...replacement, consumerInputs, id: subscription.id, modifiedDate: new Date().toISOString() });
				return send(res, 200, shown(subscription));
			}
		}

		const polled = await polling.api(method, api, url.searchParams, scopedProject);
		if (polled) return send(res, ...polled);

		// Work items.
		const create = /^\/_apis\/wit\/workitems\/\$([^/]+)$/.exec(api);
		if (create && scopedProject && method === 'POST') {
			patchContentTypes.push(String(req.headers['content-type']));
			if (!String(req.headers['content-type']).startsWith('application/json-patch+json')) {
				return send(res, 415, error('The content type must be application/json-patch+json.', 'VssRequestContentTypeNotSupportedException'));
			}
			const type = decodeURIComponent(create[1]);
			if (!['Bug', 'Task', 'User Story'].includes(type)) return send(res, 404, error(`TF201036: You cannot find the work item type ${type}.`, 'WorkItemTypeNotFoundException'));
			/** @type {WorkItem} */
			const item = {
				id: nextWorkItemId,
				rev: 1,
				relations: [],
				fields: { 'System.TeamProject': scopedProject.name, 'System.WorkItemType': type, 'System.State': 'New', 'System.AreaPath': scopedProject.name, 'System.IterationPath': scopedProject.name, 'System.CreatedDate': new Date().toISOString() },
			};
			const failure = applyPatch(item, body);
			if (failure) return send(res, ...failure);
			if (url.searchParams.get('validateOnly') !== 'true') {
				nextWorkItemId++;
				workItems.set(item.id, item);
				polling.recordRevision(item);
			}
			return send(res, 200, shownWorkItem(item));
		}
		const single = /^\/_apis\/wit\/workitems\/(\d+)$/i.exec(api);
		if (single) {
			const item = workItems.get(Number(single[1]));
			if (!item) return send(res, 404, error(`TF401232: Work item ${single[1]} does not exist, or you do not have permissions to read it.`, 'WorkItemUnauthorizedAccessException'));
			if (method === 'GET') {
				const fields = url.searchParams.get('fields');
				if (fields && url.searchParams.get('$expand')) return send(res, 400, error('The expand parameter can not be used with the fields parameter.', 'ConflictingParametersException'));
				return send(res, 200, shownWorkItem(item, fields ? fields.split(',') : undefined));
			}
			if (method === 'PATCH') {
				patchContentTypes.push(String(req.headers['content-type']));
				if (!String(req.headers['content-type']).startsWith('application/json-patch+json')) {
					return send(res, 415, error('The content type must be application/json-patch+json.', 'VssRequestContentTypeNotSupportedException'));
				}
				const draft = structuredClone(item);
				const failure = applyPatch(draft, body);
				if (failure) return send(res, ...failure);
				draft.rev++;
				workItems.set(draft.id, draft);
				polling.recordRevision(draft);
				return send(res, 200, shownWorkItem(draft));
			}
		}
		if (api === '/_apis/wit/workitemsbatch' && method === 'POST') {
			const ids = body?.ids;
			if (!Array.isArray(ids) || ids.length === 0) return send(res, 400, error('ids is required.', 'ArgumentNullException'));
			if (ids.length > 200) return send(res, 400, error('VS403474: The number of work items requested exceeds the limit of 200.', 'WorkItemBatchLimitExceededException'));
			const found = ids.map((id) => workItems.get(id) ?? scale.item(id));
			if (body.errorPolicy !== 'omit' && found.some((item) => !item)) return send(res, 404, error('TF401232: A work item does not exist.', 'WorkItemUnauthorizedAccessException'));
			const value = found.filter((item) => item !== undefined).map((item) => shownWorkItem(/** @type {WorkItem} */ (item), body.fields));
			return send(res, 200, { count: value.length, value });
		}
		if (api === '/_apis/wit/wiql' && method === 'POST') {
			const result = scale.wiql(workItems, scopedProject, String(body?.query ?? ''), top);
			if (Array.isArray(result)) return send(res, result[0], error(result[1], result[2]));
			return send(res, 200, result);
		}
		return send(res, 404, error(`The resource ${method} ${path} does not exist in this fake.`, 'NotFoundException'));
	}

	// Redirect mode (dev/fakes/redirects.js): every call can be answered with a redirect to another host.
	const server = createServer(
		withRedirectMode((req, res) => {
			handle(req, res).catch((/** @type {unknown} */ e) => send(res, 500, error(String(e), 'InternalServerError')));
		}),
	);
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	const root = `http://127.0.0.1:${address.port}`;
	base = `${root}/${ORGANIZATION}`;
	return {
		url: root,
		close: () => /** @type {Promise<void>} */ (new Promise((resolve) => server.close(() => resolve()))),
	};
}

module.exports = { startAzureDevOps, AZURE_DEVOPS_FAKE: { organization: ORGANIZATION, pat: PAT, project: PROJECT } };
