import { deliveryItem, envelopeSchema, notificationIdentity, type Envelope } from '../../../nodes/AzureDevOps/trigger/payload';

const ORG = 'https://dev.azure.com/fabrikam';
const PROJECT = '6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c';

const envelope = (overrides: Record<string, unknown> = {}): Envelope =>
	envelopeSchema.parse({
		subscriptionId: 'sub-1',
		notificationId: 7,
		id: 'e0f4c0a2-0000-0000-0000-000000000001',
		eventType: 'workitem.updated',
		publisherId: 'tfs',
		message: { text: 'Bug #5 (Login fails) updated by Jamal' },
		resource: { id: 2, workItemId: 5 },
		resourceContainers: { project: { id: PROJECT } },
		...overrides,
	});

describe('envelopeSchema', () => {
	it('requires an event type and lets everything else pass through', () => {
		expect(envelopeSchema.safeParse({ notificationId: 1 }).success).toBe(false);
		expect(envelopeSchema.parse({ eventType: 'git.push', extra: { kept: true } })).toEqual({ eventType: 'git.push', extra: { kept: true } });
	});
});

describe('notificationIdentity', () => {
	it('identifies a notification by its subscription and notification id, else by its event id', () => {
		expect(notificationIdentity(envelope())).toEqual(['notification', 'sub-1', '7']);
		expect(notificationIdentity(envelope({ notificationId: undefined }))).toEqual(['event', 'e0f4c0a2-0000-0000-0000-000000000001']);
		expect(notificationIdentity(envelope({ notificationId: undefined, id: undefined }))).toBeUndefined();
	});
});

describe('deliveryItem', () => {
	it('puts the convenient fields first, then the whole envelope', () => {
		const item = deliveryItem(
			envelope({
				detailedMessage: { text: 'Bug #5 (Login fails) updated by Jamal\r\n\r\n- State: Active' },
				resource: {
					id: 2,
					workItemId: 5,
					url: `${ORG}/_apis/wit/workItems/5/updates/2`,
					_links: { html: { href: `${ORG}/web/wi.aspx?id=5` } },
					revision: { id: 5, fields: { 'System.TeamProject': 'Fabrikam' } },
				},
			}),
		);
		expect(item).toMatchObject({
			eventType: 'workitem.updated',
			projectId: PROJECT,
			projectName: 'Fabrikam',
			resourceId: '5',
			resourceUrl: `${ORG}/_apis/wit/workItems/5/updates/2`,
			webUrl: `${ORG}/web/wi.aspx?id=5`,
			messageText: 'Bug #5 (Login fails) updated by Jamal',
			detailedMessageText: 'Bug #5 (Login fails) updated by Jamal\r\n\r\n- State: Active',
			subscriptionId: 'sub-1',
			resource: { workItemId: 5 },
		});
		expect(Object.keys(item).slice(0, 2)).toEqual(['eventType', 'projectId']);
	});

	it('leaves out the convenient fields it cannot find', () => {
		const item = deliveryItem(envelopeSchema.parse({ eventType: 'git.push' }));
		expect(item).toEqual({ eventType: 'git.push' });
	});

	it("finds the stage of a stage event, with its run's links", () => {
		const item = deliveryItem(
			envelope({
				eventType: 'ms.vss-pipelines.stage-state-changed-event',
				resource: {
					stage: { id: 'b5c8a1f0', name: 'deploy', state: 'completed', result: 'failed' },
					run: { id: 42, url: `${ORG}/proj/_apis/pipelines/7/runs/42`, _links: { web: { href: `${ORG}/proj/_build/results?buildId=42` } } },
				},
			}),
		);
		expect(item).toMatchObject({ resourceId: 'b5c8a1f0', resourceUrl: `${ORG}/proj/_apis/pipelines/7/runs/42`, webUrl: `${ORG}/proj/_build/results?buildId=42` });
	});

	it('identifies a push by its push id', () => {
		const item = deliveryItem(
			envelope({
				eventType: 'git.push',
				resource: { pushId: 14, url: `${ORG}/_apis/git/repositories/r/pushes/14`, repository: { project: { id: PROJECT, name: 'Fabrikam' } } },
			}),
		);
		expect(item).toMatchObject({ resourceId: '14', projectName: 'Fabrikam' });
	});

	it('finds the subject of pipeline events inside run', () => {
		const item = deliveryItem(
			envelope({
				eventType: 'ms.vss-pipelines.run-state-changed-event',
				publisherId: 'pipelines',
				resource: {
					run: { id: 42, url: `${ORG}/proj/_apis/pipelines/7/runs/42`, state: 'completed', result: 'succeeded', _links: { web: { href: `${ORG}/proj/_build/results?buildId=42` } } },
					pipeline: { id: 7, name: 'ci' },
				},
			}),
		);
		expect(item).toMatchObject({ resourceId: '42', webUrl: `${ORG}/proj/_build/results?buildId=42`, resourceUrl: `${ORG}/proj/_apis/pipelines/7/runs/42` });
	});
});
