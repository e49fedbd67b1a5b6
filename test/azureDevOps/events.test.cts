import { eventDefinition, eventsAvailableOn, EVENTS } from '../../nodes/AzureDevOps/events';

describe('event catalogue', () => {
	it('pins the publisher and resource version of every event the trigger offers', () => {
		expect(EVENTS).toHaveLength(23);
		for (const event of EVENTS) {
			const expected = { tfs: '1.0', rm: '3.0-preview.1', pipelines: '5.1-preview.1' }[event.publisherId];
			expect(event.resourceVersion).toBe(expected);
		}
		expect(eventDefinition('ms.vss-pipelines.run-state-changed-event')?.publisherId).toBe('pipelines');
		expect(eventDefinition('ms.vss-release.deployment-completed-event')?.publisherId).toBe('rm');
	});

	it('knows which events exist only on Azure DevOps Services or on Server 2020 and later', () => {
		expect(eventsAvailableOn('services')).toEqual(['ms.vss-pipelines.job-state-changed-event']);
		expect(eventsAvailableOn('server2020').sort()).toEqual([
			'ms.vss-pipelinechecks-events.approval-completed',
			'ms.vss-pipelinechecks-events.approval-pending',
			'ms.vss-pipelines.run-state-changed-event',
			'ms.vss-pipelines.stage-state-changed-event',
		]);
		expect(eventDefinition('tfvc.checkin')?.requiredFilters).toEqual(['path']);
	});
});
