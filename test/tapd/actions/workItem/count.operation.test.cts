import { ok, runTapd } from '../../../helpers/tapd';

describe('count bugs, stories or tasks', () => {
	it('counts with the same filters as get many', async () => {
		const parameters = { resource: 'bug', filters: { status: ['new', 'reopened'], severity: ['fatal'] }, otherFilters: { field: [{ name: 'module', value: '支付' }] } };
		const count = await runTapd({ ...parameters, operation: 'count' }, () => ok({ count: 12 }));
		expect(count.output[0].json).toEqual({ count: 12 });
		expect(count.http.calls[0]).toMatchObject({ url: '/bugs/count', qs: { status: 'new|reopened', severity: 'fatal', module: '支付' } });
	});
});
