import { eventDefinition, EVENTS } from '../../../nodes/AzureDevOps/trigger/events';

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
});
