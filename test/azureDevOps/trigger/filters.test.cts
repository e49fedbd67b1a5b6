import { NodeHelpers, type INodeProperties } from 'n8n-workflow';

import { EVENTS } from '../../../nodes/AzureDevOps/events';
import { ALL_FILTER_NAMES, filtersProperty } from '../../../nodes/AzureDevOps/trigger/filters';

describe('Filters collection', () => {
	it('shows each filter only for the events that accept it', () => {
		const areaPath = filtersProperty.options?.find((option) => option.name === 'areaPath') as INodeProperties | undefined;
		expect(areaPath?.displayOptions?.show?.['/events']).toEqual([
			'workitem.created',
			'workitem.updated',
			'workitem.deleted',
			'workitem.restored',
			'workitem.commented',
		]);
	});

	it('shows a filter in the editor when any selected event accepts it (n8n reads the multi-select as a list)', () => {
		const areaPath = filtersProperty.options?.find((option) => option.name === 'areaPath') as INodeProperties;
		const shown = (events: string[]) => NodeHelpers.displayParameter({ events }, areaPath, null, null);
		expect(shown(['build.complete', 'workitem.updated'])).toBe(true);
		expect(shown(['build.complete', 'git.push'])).toBe(false);
		expect(shown([])).toBe(false);
	});

	it('offers every filter some event accepts, and only those', () => {
		const accepted = new Set(EVENTS.flatMap((event) => event.filters));
		expect(new Set(ALL_FILTER_NAMES)).toEqual(accepted);
		expect(filtersProperty.options?.map((option) => option.name).sort()).toEqual([...ALL_FILTER_NAMES].sort());
	});

	const values = (name: string) =>
		((filtersProperty.options?.find((option) => option.name === name) as INodeProperties).options ?? []).map((option) => (option as { value: string }).value);

	it("offers the result values of Microsoft's events reference, with Rejected and without SucceededWithIssues", () => {
		expect(values('jobResultId')).toEqual(['', 'Succeeded', 'Skipped', 'Rejected', 'Failed', 'Canceled']);
		expect(values('stageResultId')).toEqual(['', 'Canceled', 'Failed', 'Rejected', 'Skipped', 'Succeeded']);
		expect(values('runResultId')).toEqual(['', 'Succeeded', 'Failed', 'Canceled']);
	});
});
