import { WS, ok, runTapd } from '../../../helpers/tapd';

describe('get a bug, story or task', () => {
	it('gets one record, and says so when TAPD has none', async () => {
		const found = await runTapd({ resource: 'story', operation: 'get', id: '3' }, ({ qs }) => ok([{ Story: { id: qs.id } }]));
		expect(found.output[0].json).toEqual({ id: '3' });
		expect(found.http.calls[0].qs).toMatchObject({ workspace_id: WS, id: '3', limit: '1', page: '1' });
		await expect(runTapd({ resource: 'story', operation: 'get', id: '4' }, () => ok([]))).rejects.toThrow(`No story with ID 4 in workspace ${WS}`);
	});
});
