import { getIterations, getStatuses } from '../../../nodes/Tapd/methods/loadOptions';
import { WS, ok, tapdExecuteContext } from '../../helpers/tapd';

describe('load options', () => {
	it("lists the workspace's statuses for the chosen kind, and nothing without a workspace", async () => {
		const { context, http } = tapdExecuteContext({ parameters: { workspaceId: WS, resource: 'story' }, handler: () => ok({ planning: '规划中' }) });
		expect(await getStatuses.call(context as never)).toEqual([{ name: '规划中 (planning)', value: 'planning' }]);
		expect(http.calls[0].qs).toMatchObject({ system: 'story', workspace_id: WS });
		const none = tapdExecuteContext({ parameters: { resource: 'bug' }, handler: () => ok({}) });
		expect(await getStatuses.call(none.context as never)).toEqual([]);
	});

	it('lists iterations, with an "any" choice', async () => {
		const { context } = tapdExecuteContext({ parameters: { workspaceId: WS }, handler: () => ok([{ Iteration: { id: '11', name: '迭代1', status: 'done' } }]) });
		expect(await getIterations.call(context as never)).toEqual([
			{ name: '— Any —', value: '' },
			{ name: '迭代1 (done)', value: '11' },
		]);
	});
});
