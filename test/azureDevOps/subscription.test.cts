import { eventDefinition, EVENTS, filterOptions } from '../../nodes/AzureDevOps/events';
import {
	DELIVERY_HEADER_NAME,
	generateSecrets,
	publisherInputs,
	staleSubscriptionReason,
	subscriptionBody,
	type WantedSubscription,
} from '../../nodes/AzureDevOps/subscription';

const PROJECT = '6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c';
const URL = 'https://n8n.example.com/webhook/abc/azure-devops';
const content = { resourceDetailsToSend: 'all', messagesToSend: 'all', detailedMessagesToSend: 'none' } as const;

describe('event catalogue', () => {
	it('pins the publisher and resource version of every event of contracts §4', () => {
		expect(EVENTS).toHaveLength(23);
		for (const event of EVENTS) {
			const expected = { tfs: '1.0', rm: '3.0-preview.1', pipelines: '5.1-preview.1' }[event.publisherId];
			expect(event.resourceVersion).toBe(expected);
		}
		expect(eventDefinition('ms.vss-pipelines.run-state-changed-event')?.publisherId).toBe('pipelines');
		expect(eventDefinition('ms.vss-release.deployment-completed-event')?.publisherId).toBe('rm');
	});

	it('shows each filter only for the events that accept it', () => {
		const areaPath = filterOptions().find((option) => option.name === 'areaPath');
		expect(areaPath?.displayOptions?.show?.['/event']).toEqual([
			'workitem.created',
			'workitem.updated',
			'workitem.deleted',
			'workitem.restored',
			'workitem.commented',
		]);
	});
});

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

describe('subscriptionBody', () => {
	it('asks for a webHooks httpRequest consumer with Basic credentials and the secret header', () => {
		const secrets = generateSecrets();
		const body = subscriptionBody({
			event: eventDefinition('build.complete')!,
			publisherInputs: { projectId: PROJECT, buildStatus: 'Failed' },
			webhookUrl: URL,
			secrets,
			content,
			acceptUntrustedCerts: false,
		});
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

	it('generates different, long secrets every time', () => {
		const a = generateSecrets();
		const b = generateSecrets();
		expect(a.basicAuthPassword).not.toBe(b.basicAuthPassword);
		expect(a.secretHeaderValue).not.toBe(b.secretHeaderValue);
		expect(a.basicAuthUsername).not.toBe(b.basicAuthUsername);
		expect(a.basicAuthPassword.length).toBeGreaterThanOrEqual(43);
		expect(a.secretHeaderValue).toMatch(/^[0-9a-f]{64}$/);
	});
});

describe('staleSubscriptionReason', () => {
	const wanted: WantedSubscription = {
		event: eventDefinition('workitem.updated')!,
		publisherInputs: { projectId: PROJECT, workItemType: 'Bug' },
		webhookUrl: URL,
		basicAuthUsername: 'n8n-user',
		content,
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
