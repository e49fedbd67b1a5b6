import { sha256 } from '@noble/hashes/sha256';

import { eventDefinition } from '../../../nodes/AzureDevOps/events';
import { replacementReason, staleSubscriptionReason } from '../../../nodes/AzureDevOps/trigger/replacement';
import {
	DELIVERY_HEADER_NAME,
	generateSecrets,
	publisherInputs,
	stateOf,
	subscriptionBody,
	wantedSubscription,
	wantedSubscriptions,
	type WantedSubscription,
} from '../../../nodes/AzureDevOps/trigger/subscription';

const PROJECT = '6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c';
const URL = 'https://n8n.example.com/webhook/abc/azure-devops';
const content = { resourceDetailsToSend: 'all', messagesToSend: 'all', detailedMessagesToSend: 'none' } as const;

describe('publisherInputs', () => {
	it("keeps the project and only the event's own, non-empty filters", () => {
		const event = eventDefinition('git.pullrequest.created')!;
		const inputs = publisherInputs(event, PROJECT, {
			repository: 'repo-1',
			branch: 'refs/heads/main',
			pullrequestCreatedBy: '',
			areaPath: 'not for pull requests',
		});
		expect(inputs).toEqual({ projectId: PROJECT, repository: 'repo-1', branch: 'main' });
	});
});

describe('wantedSubscription', () => {
	const settings = {
		event: 'workitem.updated',
		project: ` ${PROJECT} `,
		filters: { workItemType: 'Bug', buildStatus: 'Failed' },
		additionalOptions: { detailedMessagesToSend: 'none', acceptUntrustedCerts: true },
		webhookUrl: URL,
		basicAuthUsername: 'n8n-user',
	};

	it("builds the subscription from the trigger's settings, each delivery detail defaulting to all", () => {
		expect(wantedSubscription(settings)).toEqual({
			event: eventDefinition('workitem.updated'),
			publisherInputs: { projectId: PROJECT, workItemType: 'Bug' },
			webhookUrl: URL,
			authentication: 'basicAndHeader',
			basicAuthUsername: 'n8n-user',
			content,
			acceptUntrustedCerts: true,
		});
		expect(wantedSubscription({ ...settings, additionalOptions: {}, basicAuthUsername: undefined })).toMatchObject({
			basicAuthUsername: '',
			content: { resourceDetailsToSend: 'all', messagesToSend: 'all', detailedMessagesToSend: 'all' },
			acceptUntrustedCerts: false,
		});
	});

	it('names the problem when no subscription can be made', () => {
		expect(wantedSubscription({ ...settings, project: ' ' })).toEqual({ problem: 'No project is selected', description: expect.stringMatching(/Choose the project/) });
		expect(wantedSubscription({ ...settings, event: 'nope' })).toEqual({ problem: 'Unknown event "nope"', description: 'Choose an event from the list.' });
	});

	it('refuses a TFVC check-in subscription without the path Azure DevOps requires', () => {
		const tfvc = { ...settings, event: 'tfvc.checkin', filters: { path: '  ' } };
		expect(wantedSubscription(tfvc)).toEqual({
			problem: 'Azure DevOps requires Filters > TFVC Path for the event "Code Checked In (TFVC)"',
			description: expect.stringMatching(/Add Filters > TFVC Path/),
		});
		expect(wantedSubscription({ ...tfvc, filters: { path: '$/Fabrikam/Main' } })).toMatchObject({ publisherInputs: { projectId: PROJECT, path: '$/Fabrikam/Main' } });
	});

	it('drops the Basic user name when deliveries carry the secret header only', () => {
		expect(wantedSubscription({ ...settings, deliveryAuthentication: 'headerOnly' })).toMatchObject({ authentication: 'headerOnly', basicAuthUsername: '' });
		expect(wantedSubscription({ ...settings, deliveryAuthentication: 'anything else' })).toMatchObject({ authentication: 'basicAndHeader', basicAuthUsername: 'n8n-user' });
	});
});

describe('wantedSubscriptions', () => {
	const settings = {
		events: ['workitem.updated', 'build.complete', 'workitem.updated'],
		project: PROJECT,
		filters: { workItemType: 'Bug', buildStatus: 'Failed' },
		additionalOptions: {},
		webhookUrl: URL,
		subscriptions: { 'build.complete': { subscriptionId: 'sub-2', basicAuthUsername: 'n8n-build' } },
	};

	it('wants one subscription per distinct event, each with its filters and the user name held for it', () => {
		const wanted = wantedSubscriptions(settings) as WantedSubscription[];
		expect(wanted.map((one) => [one.event.value, one.publisherInputs, one.basicAuthUsername, one.webhookUrl])).toEqual([
			['workitem.updated', { projectId: PROJECT, workItemType: 'Bug' }, '', URL],
			['build.complete', { projectId: PROJECT, buildStatus: 'Failed' }, 'n8n-build', URL],
		]);
	});

	it('names the problem when there is no event, or an unknown one', () => {
		expect(wantedSubscriptions({ ...settings, events: [] })).toEqual({ problem: 'No event is selected', description: expect.stringMatching(/at least one event/) });
		expect(wantedSubscriptions({ ...settings, events: ['build.complete', '__proto__'] })).toMatchObject({ problem: 'Unknown event "__proto__"' });
	});
});

describe('subscriptionBody', () => {
	it('asks for a webHooks httpRequest consumer with Basic credentials and the secret header', () => {
		const secrets = generateSecrets();
		const body = subscriptionBody(
			{
				event: eventDefinition('build.complete')!,
				publisherInputs: { projectId: PROJECT, buildStatus: 'Failed' },
				webhookUrl: URL,
				authentication: 'basicAndHeader',
				basicAuthUsername: '',
				content,
				acceptUntrustedCerts: false,
			},
			secrets,
		);
		expect(body).toEqual({
			publisherId: 'tfs',
			eventType: 'build.complete',
			resourceVersion: '1.0',
			consumerId: 'webHooks',
			consumerActionId: 'httpRequest',
			publisherInputs: { projectId: PROJECT, buildStatus: 'Failed' },
			consumerInputs: {
				url: URL,
				basicAuthUsername: secrets.basicAuthUsername,
				basicAuthPassword: secrets.basicAuthPassword,
				httpHeaders: `${DELIVERY_HEADER_NAME}:${secrets.secretHeaderValue}`,
				resourceDetailsToSend: 'all',
				messagesToSend: 'all',
				detailedMessagesToSend: 'none',
				acceptUntrustedCerts: 'false',
			},
		});
	});

	it('sends no Basic credentials for a secret-header-only subscription', () => {
		const secrets = generateSecrets('headerOnly');
		expect(secrets).toEqual({ secretHeaderValue: expect.stringMatching(/^[0-9a-f]{64}$/) });
		const body = subscriptionBody(
			{ event: eventDefinition('build.complete')!, publisherInputs: { projectId: PROJECT }, webhookUrl: 'http://tfs.corp.example:5678/webhook/abc/azure-devops', authentication: 'headerOnly', basicAuthUsername: '', content, acceptUntrustedCerts: false },
			secrets,
		);
		expect(body.consumerInputs).toEqual({
			url: 'http://tfs.corp.example:5678/webhook/abc/azure-devops',
			httpHeaders: `${DELIVERY_HEADER_NAME}:${secrets.secretHeaderValue}`,
			resourceDetailsToSend: 'all',
			messagesToSend: 'all',
			detailedMessagesToSend: 'none',
			acceptUntrustedCerts: 'false',
		});
	});

	it('generates different, long secrets every time', () => {
		const a = generateSecrets();
		const b = generateSecrets();
		expect(a.basicAuthPassword).not.toBe(b.basicAuthPassword);
		expect(a.secretHeaderValue).not.toBe(b.secretHeaderValue);
		expect(a.basicAuthUsername).not.toBe(b.basicAuthUsername);
		expect(a.basicAuthPassword!.length).toBeGreaterThanOrEqual(43);
		expect(a.secretHeaderValue).toMatch(/^[0-9a-f]{64}$/);
	});

	it('keeps the user name and SHA-256 digests of the two secrets, never the secrets', () => {
		const secrets = generateSecrets();
		const state = stateOf('sub-9', secrets);
		const digestOf = (value: string) => Buffer.from(sha256(Buffer.from(value))).toString('hex');
		const password = secrets.basicAuthPassword as string;
		expect(state).toEqual({
			subscriptionId: 'sub-9',
			basicAuthUsername: secrets.basicAuthUsername,
			basicAuthPasswordDigest: digestOf(password),
			secretHeaderDigest: digestOf(secrets.secretHeaderValue),
		});
		expect(JSON.stringify(state)).not.toContain(password);
		expect(JSON.stringify(state)).not.toContain(secrets.secretHeaderValue);
		// Secret header only: no Basic credentials to keep.
		const headerOnly = generateSecrets('headerOnly');
		expect(stateOf('sub-10', headerOnly)).toEqual({ subscriptionId: 'sub-10', secretHeaderDigest: digestOf(headerOnly.secretHeaderValue) });
	});
});

describe('staleSubscriptionReason', () => {
	const wanted: WantedSubscription = {
		event: eventDefinition('workitem.updated')!,
		publisherInputs: { projectId: PROJECT, workItemType: 'Bug' },
		webhookUrl: URL,
		authentication: 'basicAndHeader',
		basicAuthUsername: 'n8n-user',
		content,
		acceptUntrustedCerts: false,
	};
	const remote = (overrides: Record<string, unknown> = {}) => ({
		id: 'sub-1',
		status: 'enabled',
		publisherId: 'tfs',
		eventType: 'workitem.updated',
		publisherInputs: { projectId: PROJECT.toUpperCase(), workItemType: 'Bug', tfsSubscriptionId: 'x' },
		consumerInputs: { url: URL, basicAuthUsername: 'n8n-user', basicAuthPassword: '********', ...content },
		...overrides,
	});

	it('keeps an enabled subscription that matches (confidential inputs come back masked)', () => {
		expect(staleSubscriptionReason(remote(), wanted)).toBeUndefined();
	});

	it('accepts filters that Azure DevOps spelled differently', () => {
		const repository = '3411EBC1-D5AA-464F-9615-0B527BC66719';
		const pullRequests: WantedSubscription = {
			...wanted,
			event: eventDefinition('git.pullrequest.created')!,
			publisherInputs: { projectId: PROJECT, repository: repository.toLowerCase(), branch: 'main' },
		};
		const spelled = remote({ eventType: 'git.pullrequest.created', publisherInputs: { projectId: PROJECT, repository, branch: 'refs/heads/main' } });
		expect(staleSubscriptionReason(spelled, pullRequests)).toBeUndefined();
		const otherBranch = remote({ eventType: 'git.pullrequest.created', publisherInputs: { projectId: PROJECT, repository, branch: 'refs/heads/release' } });
		expect(staleSubscriptionReason(otherBranch, pullRequests)).toMatch(/branch filter/);
	});

	it('keeps a subscription on probation: Azure DevOps still retries and re-enables it', () => {
		expect(staleSubscriptionReason(remote({ status: 'onProbation' }), wanted)).toBeUndefined();
	});

	it.each(['disabledBySystem', 'disabledByUser', 'disabledByInactiveIdentity'])('recreates one that is %s', (status) => {
		expect(staleSubscriptionReason(remote({ status }), wanted)).toBe(`it is ${status}`);
	});

	it.each([
		['another URL', { consumerInputs: { ...remote().consumerInputs, url: 'https://old.example.com/webhook/abc/azure-devops' } }, /another URL/],
		['another event', { eventType: 'workitem.created' }, /another event/],
		['another project', { publisherInputs: { projectId: 'other' } }, /another project/],
		['a removed filter', { publisherInputs: { projectId: PROJECT } }, /workItemType filter/],
		['an extra filter', { publisherInputs: { projectId: PROJECT, workItemType: 'Bug', areaPath: 'X' } }, /areaPath filter/],
		['other credentials', { consumerInputs: { ...remote().consumerInputs, basicAuthUsername: 'someone' } }, /credentials/],
		['other content', { consumerInputs: { ...remote().consumerInputs, detailedMessagesToSend: 'all' } }, /detailedMessagesToSend/],
	])('recreates one with %s', (_label, overrides, reason) => {
		expect(staleSubscriptionReason(remote(overrides), wanted)).toMatch(reason);
	});
});

describe('replacementReason', () => {
	const wanted: WantedSubscription = {
		event: eventDefinition('workitem.updated')!,
		publisherInputs: { projectId: PROJECT },
		webhookUrl: URL,
		authentication: 'basicAndHeader',
		basicAuthUsername: 'n8n-user',
		content,
		acceptUntrustedCerts: false,
	};
	const remote = {
		status: 'enabled',
		eventType: 'workitem.updated',
		publisherInputs: { projectId: PROJECT },
		consumerInputs: { url: URL, basicAuthUsername: 'n8n-user', ...content },
	};
	const state = { subscriptionId: 'sub-1', basicAuthUsername: 'n8n-user', basicAuthPasswordDigest: 'a'.repeat(64), secretHeaderDigest: 'b'.repeat(64) };

	it('keeps a subscription that exists, whose secrets the trigger holds and that still serves it', () => {
		expect(replacementReason(remote, state, wanted)).toBeUndefined();
	});

	it('replaces one that is gone, whose secrets are lost, or that is stale', () => {
		expect(replacementReason(undefined, state, wanted)).toBe('it no longer exists');
		expect(replacementReason(remote, { ...state, secretHeaderDigest: undefined }, wanted)).toBe('its secrets are lost');
		expect(replacementReason(remote, { ...state, basicAuthPasswordDigest: undefined }, wanted)).toBe('its secrets are lost');
		expect(replacementReason({ ...remote, status: 'disabledByUser' }, state, wanted)).toBe('it is disabledByUser');
	});

	it('switches between Basic and secret-header-only subscriptions by recreating them', () => {
		const headerOnly: WantedSubscription = { ...wanted, authentication: 'headerOnly', basicAuthUsername: '' };
		const headerOnlyState = { subscriptionId: 'sub-1', secretHeaderDigest: 'b'.repeat(64) };
		const headerOnlyRemote = { ...remote, consumerInputs: { url: URL, ...content } };
		expect(replacementReason(headerOnlyRemote, headerOnlyState, headerOnly)).toBeUndefined();
		// From Basic to header only: the remote one still carries the Basic user name.
		expect(replacementReason(remote, state, headerOnly)).toBe('its credentials are not the ones this trigger holds');
		// From header only to Basic: the trigger holds no Basic password yet.
		expect(replacementReason(headerOnlyRemote, headerOnlyState, wanted)).toBe('its secrets are lost');
	});
});
