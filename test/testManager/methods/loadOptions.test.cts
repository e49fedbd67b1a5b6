import { getKpiStatuses, getProjects } from '../../../nodes/TestManager/methods/loadOptions';
import { executeContext } from '../../helpers/contexts';
import { testManagerContext } from '../../helpers/testManager';

const asLoadOptions = (context: unknown) => context as never;

describe('getProjects', () => {
	it('offers the projects sorted by name, with their prefix, skipping entries without an ID', async () => {
		const projects = [
			{ id: 'p2', name: 'Mobile App', projectPrefix: 'MOB' },
			{ id: 'p1', name: 'Checkout', projectPrefix: 'CHK', description: 'Web shop' },
			{ name: 'No ID' },
		];
		// This server ignores Top and Skip and announces no total: the repeated page ends the list.
		const { context, http } = testManagerContext({ handler: () => [200, { data: projects }] });
		const options = await getProjects.call(asLoadOptions(context));
		expect(options).toEqual([
			{ name: 'Checkout (CHK)', value: 'p1', description: 'Web shop' },
			{ name: 'Mobile App (MOB)', value: 'p2', description: undefined },
		]);
		expect(http.calls[0].path).toBe('/api/v2/projects');
		expect(http.calls).toHaveLength(2);
	});
});

describe('getKpiStatuses', () => {
	it('lists the configured status values for the Status field, or the defaults', async () => {
		const configured = executeContext({ parameters: { responseOptions: { statusValues: 'A, B, C' } } });
		await expect(getKpiStatuses.call(asLoadOptions(configured.context))).resolves.toEqual([
			{ name: 'A', value: 'A' },
			{ name: 'B', value: 'B' },
			{ name: 'C', value: 'C' },
		]);
		const defaults = executeContext({ parameters: {} });
		expect((await getKpiStatuses.call(asLoadOptions(defaults.context))).map((o) => o.value)).toEqual([
			'Success',
			'Warning',
			'Error',
		]);
	});

	it('offers nothing while the status values are not three different ones', async () => {
		const invalid = executeContext({ parameters: { responseOptions: { statusValues: 'A, A, B' } } });
		await expect(getKpiStatuses.call(asLoadOptions(invalid.context))).resolves.toEqual([]);
	});
});
