import { Tapd } from '../../nodes/Tapd/Tapd.node';
import { WS, ok, runTapd } from '../helpers/tapd';
import { resolvedParameters, shownChoices, toolVariant } from '../helpers/tools';

const node = new Tapd();

describe('TAPD node description', () => {
	it('is usable as an AI tool and needs the tapdApi credential, the webhook secret one only to send a secret, and the n8n API one only to match workflows in Check', () => {
		expect(node.description.usableAsTool).toBe(true);
		expect(node.description.credentials).toEqual([
			{ name: 'tapdApi', required: true },
			{ name: 'tapdWebhookApi', required: true, testedBy: 'tapdSecretStrength', displayOptions: { show: { resource: ['webhookSetting'], operation: ['create', 'update'], secretFromCredential: [true] } } },
			{ name: 'testOpsN8nApi', required: true, displayOptions: { show: { resource: ['webhookSetting'], operation: ['check'], matchPublishedWorkflows: [true] } } },
		]);
		expect(node.description.name).toBe('tapd');
	});
});

describe('TAPD node as an AI tool', () => {
	const tool = toolVariant(node.description);
	const settings = { resource: 'webhookSetting' };

	it('cannot delete webhook settings, nor check them (Check publishes workflows again)', () => {
		expect(shownChoices(node.description, settings, 'operation')).toEqual(['check', 'count', 'create', 'delete', 'getAll', 'update']);
		expect(shownChoices(tool, settings, 'operation')).toEqual(['count', 'create', 'getAll', 'update']);
	});

	it('simplifies bugs, stories and tasks by default', () => {
		for (const resource of ['bug', 'story', 'task']) {
			for (const operation of ['get', 'getAll']) {
				expect(resolvedParameters(tool, { resource, operation }).simplify).toBe(true);
				expect(resolvedParameters(node.description, { resource, operation }).simplify).toBe(false);
			}
		}
	});
});

describe('TAPD node execution', () => {
	it('runs the operation once per input item, pairing each output with its item', async () => {
		const { output, http } = await runTapd({ resource: 'bug', operation: 'create', title: '崩溃' }, ({ form }) => ok({ Bug: { id: '1010158231500000001', ...form } }), { items: 2 });
		expect(http.calls).toHaveLength(2);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output[0].json).toMatchObject({ id: '1010158231500000001', title: '崩溃', workspace_id: WS });
	});

	it('keeps ten fields of each record with Simplify', async () => {
		const bug = Object.fromEntries([...'abcdefghijklmnopqrst'].map((letter) => [`custom_${letter}`, letter]));
		const full = { ...bug, id: '1', title: 'Crash', status: 'new', severity: 'fatal', priority: 'high', current_owner: 'Li;', reporter: 'Wang', iteration_id: '0', created: 'c', modified: 'm', description: '<p>long</p>' };
		const { output } = await runTapd({ resource: 'bug', operation: 'getAll', returnAll: true, simplify: true }, () => ok([{ Bug: full }]));
		expect(output[0].json).toEqual({ id: '1', title: 'Crash', status: 'new', severity: 'fatal', priority: 'high', current_owner: 'Li;', reporter: 'Wang', iteration_id: '0', created: 'c', modified: 'm' });
		const [story] = (await runTapd({ resource: 'story', operation: 'get', id: '2', simplify: true }, () => ok([{ Story: { ...bug, id: '2', name: 'Export', owner: 'Li' } }]))).output;
		expect(story.json).toEqual({ id: '2', name: 'Export', owner: 'Li' });
	});

	it('works in the workspace the locator holds', async () => {
		const workspaceId = { __rl: true, mode: 'list', value: '10158299', cachedResultName: 'Mobile' };
		const { http } = await runTapd({ workspaceId, resource: 'bug', operation: 'count' }, () => ok({ count: 3 }));
		expect(http.calls[0].qs).toMatchObject({ workspace_id: '10158299' });
	});

	it('returns TAPD errors as items when continue on fail is on', async () => {
		const { output } = await runTapd({ resource: 'bug', operation: 'count' }, () => [200, { status: 0, info: '无权限' }], { continueOnFail: true, items: 2 });
		expect(output).toEqual([
			{ json: { error: 'TAPD refused GET /bugs/count: 无权限' }, pairedItem: { item: 0 } },
			{ json: { error: 'TAPD refused GET /bugs/count: 无权限' }, pairedItem: { item: 1 } },
		]);
	});
});
