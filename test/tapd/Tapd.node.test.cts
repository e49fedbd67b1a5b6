import { Tapd } from '../../nodes/Tapd/Tapd.node';
import { WS, ok, runTapd } from '../helpers/tapd';

const node = new Tapd();

describe('TAPD node description', () => {
	it('is usable as an AI tool and needs the tapdApi credential', () => {
		expect(node.description.usableAsTool).toBe(true);
		expect(node.description.credentials).toEqual([{ name: 'tapdApi', required: true, testedBy: 'tapdApiTest' }]);
		expect(node.methods.credentialTest).toHaveProperty('tapdApiTest');
		expect(node.description.name).toBe('tapd');
	});
});

describe('TAPD node execution', () => {
	it('runs the operation once per input item, pairing each output with its item', async () => {
		const { output, http } = await runTapd({ resource: 'bug', operation: 'create', title: '崩溃' }, ({ form }) => ok({ Bug: { id: '1010158231500000001', ...form } }), { items: 2 });
		expect(http.calls).toHaveLength(2);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output[0].json).toMatchObject({ id: '1010158231500000001', title: '崩溃', workspace_id: WS });
	});

	it('returns TAPD errors as items when continue on fail is on', async () => {
		const { output } = await runTapd({ resource: 'bug', operation: 'count' }, () => [200, { status: 0, info: '无权限' }], { continueOnFail: true, items: 2 });
		expect(output).toEqual([
			{ json: { error: 'TAPD refused GET /bugs/count: 无权限' }, pairedItem: { item: 0 } },
			{ json: { error: 'TAPD refused GET /bugs/count: 无权限' }, pairedItem: { item: 1 } },
		]);
	});
});
