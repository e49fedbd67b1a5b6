import { getKpiStatuses } from '../../../nodes/TestManager/methods/loadOptions';
import { executeContext } from '../../helpers/contexts';

const asLoadOptions = (context: unknown) => context as never;

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
