import { WS, ok, runTapd } from '../../../helpers/tapd';

describe('get many bugs, stories or tasks', () => {
	const filtered = { resource: 'bug', returnAll: true, filters: { status: ['new', 'reopened'], severity: ['fatal'] }, otherFilters: { field: [{ name: 'module', value: '支付' }] } };

	it('lists with | enum filters, other filters and options', async () => {
		const list = await runTapd({ ...filtered, operation: 'getAll', queryOptions: { order: 'created desc' } }, () => ok([{ Bug: { id: '1' } }, { Bug: { id: '2' } }]));
		expect(list.output.map((item) => item.json.id)).toEqual(['1', '2']);
		expect(list.http.calls[0].qs).toEqual({ workspace_id: WS, status: 'new|reopened', severity: 'fatal', module: '支付', order: 'created desc', limit: '200', page: '1' });
	});

	it('asks for no more than the limit', async () => {
		const list = await runTapd({ resource: 'task', operation: 'getAll', returnAll: false, limit: 2 }, () => ok([{ Task: { id: '1' } }, { Task: { id: '2' } }]));
		expect(list.output).toHaveLength(2);
		expect(list.http.calls[0]).toMatchObject({ url: '/tasks', qs: { limit: '2', page: '1' } });
	});
});
