import type { IDataObject } from 'n8n-workflow';

import { Tapd } from '../../nodes/Tapd/Tapd.node';
import { toTapdParameters } from '../../nodes/Tapd/actions/common';
import { getIterations, getStatuses } from '../../nodes/Tapd/methods/loadOptions';
import { executeContext, ok, type TapdCall } from '../helpers/tapdApi';

const node = new Tapd();
const WS = '10158231';

async function run(parameters: IDataObject, handler: (call: TapdCall) => [number, unknown], extra: { items?: number; continueOnFail?: boolean; credentials?: IDataObject } = {}) {
	const { context, http } = executeContext({ parameters: { workspaceId: WS, ...parameters }, handler, ...extra });
	const output = await node.execute.call(context);
	return { output: output[0], http };
}

describe('TAPD node description', () => {
	it('is usable as an AI tool and needs the tapdApi credential', () => {
		expect(node.description.usableAsTool).toBe(true);
		expect(node.description.credentials).toEqual([{ name: 'tapdApi', required: true }]);
		expect(node.description.name).toBe('tapd');
	});
});

describe('toTapdParameters', () => {
	it("joins lists with TAPD's | and adds named fields, skipping empty values and prototype keys", () => {
		const extra = { field: [{ name: 'custom_field_one', value: '值' }, { name: '__proto__', value: 'x' }, { name: ' ', value: 'y' }] };
		expect(toTapdParameters({ status: ['new', 'in_progress'], severity: [], title: '', limit: 5, extra }, 'extra')).toEqual({
			status: 'new|in_progress',
			limit: 5,
			custom_field_one: '值',
		});
	});
});

describe('Bug, story and task operations', () => {
	it('creates a bug with its title and fields, one output per input item, paired', async () => {
		const { output, http } = await run(
			{ resource: 'bug', operation: 'create', title: '崩溃', additionalFields: { severity: 'fatal', description: '<p>x</p>' }, customFields: { field: [{ name: 'custom_field_one', value: 'A' }] } },
			({ form }) => ok({ Bug: { id: '1010158231500000001', ...form } }),
			{ items: 2 },
		);
		expect(http.calls[0]).toMatchObject({ method: 'POST', url: '/bugs', form: { workspace_id: WS, title: '崩溃', severity: 'fatal', description: '<p>x</p>', custom_field_one: 'A' } });
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output[0].json).toMatchObject({ id: '1010158231500000001', title: '崩溃' });
	});

	it('sends a story or task title as name', async () => {
		const story = await run({ resource: 'story', operation: 'create', title: '需求' }, () => ok({ Story: { id: '1' } }));
		expect(story.http.calls[0]).toMatchObject({ url: '/stories', form: { name: '需求' } });
		const task = await run({ resource: 'task', operation: 'create', title: '任务', additionalFields: { story_id: '9' } }, () => ok({ Task: { id: '2' } }));
		expect(task.http.calls[0]).toMatchObject({ url: '/tasks', form: { name: '任务', story_id: '9' } });
	});

	it('updates by POST with id, and refuses an update without fields', async () => {
		const { http } = await run({ resource: 'bug', operation: 'update', id: '5', updateFields: { status: 'resolved', current_user: 'e2e' } }, () => ok({ Bug: { id: '5', status: 'resolved' } }));
		expect(http.calls[0]).toMatchObject({ method: 'POST', url: '/bugs', form: { id: '5', workspace_id: WS, status: 'resolved', current_user: 'e2e' } });
		await expect(run({ resource: 'bug', operation: 'update', id: '5', updateFields: {} }, () => ok({}))).rejects.toThrow('Add at least one field');
	});

	it('gets one record, and says so when TAPD has none', async () => {
		const found = await run({ resource: 'story', operation: 'get', id: '3' }, ({ qs }) => ok([{ Story: { id: qs.id } }]));
		expect(found.output[0].json).toEqual({ id: '3' });
		expect(found.http.calls[0].qs).toMatchObject({ workspace_id: WS, id: '3', limit: '1', page: '1' });
		await expect(run({ resource: 'story', operation: 'get', id: '4' }, () => ok([]))).rejects.toThrow(`No story with ID 4 in workspace ${WS}`);
	});

	it('lists with | enum filters and other filters, and counts with the same filters', async () => {
		const parameters = { resource: 'bug', returnAll: true, filters: { status: ['new', 'reopened'], severity: ['fatal'] }, otherFilters: { field: [{ name: 'module', value: '支付' }] } };
		const list = await run({ ...parameters, operation: 'getAll', queryOptions: { order: 'created desc' } }, () => ok([{ Bug: { id: '1' } }, { Bug: { id: '2' } }]));
		expect(list.output.map((item) => item.json.id)).toEqual(['1', '2']);
		expect(list.http.calls[0].qs).toEqual({ workspace_id: WS, status: 'new|reopened', severity: 'fatal', module: '支付', order: 'created desc', limit: '200', page: '1' });
		const count = await run({ ...parameters, operation: 'count' }, () => ok({ count: 12 }));
		expect(count.output[0].json).toEqual({ count: 12 });
		expect(count.http.calls[0]).toMatchObject({ url: '/bugs/count', qs: { status: 'new|reopened', severity: 'fatal', module: '支付' } });
	});

	it('returns TAPD errors as items when continue on fail is on', async () => {
		const { output } = await run({ resource: 'bug', operation: 'count' }, () => [200, { status: 0, info: '无权限' }], { continueOnFail: true, items: 2 });
		expect(output).toEqual([
			{ json: { error: 'TAPD refused GET /bugs/count: 无权限' }, pairedItem: { item: 0 } },
			{ json: { error: 'TAPD refused GET /bugs/count: 无权限' }, pairedItem: { item: 1 } },
		]);
	});
});

describe('Webhook setting operations', () => {
	it('creates a setting and outputs it without the secret', async () => {
		const { output, http } = await run(
			{ resource: 'webhookSetting', operation: 'create', url: 'https://h.example/t', events: ['bug::create', 'story::update'], additionalFields: { secret: 'shh-secret', content_type: 'form' } },
			({ form }) => ok({ WebhookSetting: { id: '1010158231000002151', ...form } }),
		);
		expect(http.calls[0].form).toEqual({ workspace_id: WS, url: 'https://h.example/t', events: 'bug::create,story::update', secret: 'shh-secret', content_type: 'form' });
		expect(output[0].json).toMatchObject({ id: '1010158231000002151', has_secret: true });
		expect(JSON.stringify(output)).not.toContain('shh-secret');
	});

	it('lists (without secrets), counts and deletes', async () => {
		const list = await run({ resource: 'webhookSetting', operation: 'getAll', returnAll: false, limit: 1, filters: { status: 'normal' } }, () => ok([{ WebhookSetting: { id: '1', secret: 'x' } }, { WebhookSetting: { id: '2', secret: '' } }]));
		expect(list.output.map((item) => item.json)).toEqual([{ id: '1', has_secret: true }]);
		expect(list.http.calls[0].qs).toMatchObject({ status: 'normal', limit: '1' });
		const count = await run({ resource: 'webhookSetting', operation: 'count' }, () => ok({ count: '4' }));
		expect(count.output[0].json).toEqual({ count: 4 });
		const removed = await run({ resource: 'webhookSetting', operation: 'delete', settingId: '9' }, () => ok({ result: true }));
		expect(removed.http.calls[0]).toMatchObject({ method: 'DELETE', url: '/webhook_settings', qs: { id: '9', workspace_id: WS } });
		expect(removed.output[0].json).toEqual({ id: '9', deleted: true, result: 'deleted' });
	});
});

describe('Defect KPI', () => {
	const counts: Record<string, number> = { '': 120, 'fatal|serious': 9, normal: 40, 'closed|rejected': 70, verified: 5 };
	const handler = ({ url, qs }: TapdCall): [number, unknown] => {
		if (url === '/workflows/last_steps') return ok({ closed: '已关闭', rejected: '已拒绝' });
		return ok({ count: counts[qs.severity ?? qs.status ?? ''] });
	};

	it("computes Test Manager's KPIConnectorDefectsDto fields from /bugs/count and the workflow's last steps", async () => {
		const { output, http } = await run({ resource: 'defectKpi', operation: 'compute', criticalSeverities: ['fatal', 'serious'], moderateSeverities: ['normal'], iterationId: '77' }, handler, { credentials: { webUrl: 'https://tapd.corp.example/' } });
		expect(output).toEqual([
			{
				json: {
					totalDefects: 120,
					criticalDefects: 9,
					moderateDefects: 40,
					openDefects: 50,
					closedDefects: 70,
					criticalDefectsLink: `https://tapd.corp.example/${WS}/bugtrace/bugreports/my_view`,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(http.calls[0]).toMatchObject({ url: '/workflows/last_steps', qs: { workspace_id: WS, system: 'bug' } });
		for (const call of http.calls.slice(1)) expect(call.qs).toMatchObject({ workspace_id: WS, iteration_id: '77' });
	});

	it('uses chosen closed statuses, a custom link, and can add a breakdown', async () => {
		const { output, http } = await run(
			{ resource: 'defectKpi', operation: 'compute', criticalSeverities: ['fatal', 'serious'], moderateSeverities: [], kpiOptions: { closedStatuses: ['verified'], criticalDefectsLink: 'https://tapd.cn/view/1', includeBreakdown: true } },
			handler,
		);
		expect(output[0].json).toMatchObject({ totalDefects: 120, moderateDefects: 0, closedDefects: 5, openDefects: 115, criticalDefectsLink: 'https://tapd.cn/view/1', tapd: { closedStatuses: ['verified'], iterationId: null } });
		expect(http.calls.some((call) => call.url === '/workflows/last_steps')).toBe(false);
	});
});

describe('load options', () => {
	it("lists the workspace's statuses for the chosen kind, and nothing without a workspace", async () => {
		const { context, http } = executeContext({ parameters: { workspaceId: WS, resource: 'story' }, handler: () => ok({ planning: '规划中' }) });
		expect(await getStatuses.call(context as never)).toEqual([{ name: '规划中 (planning)', value: 'planning' }]);
		expect(http.calls[0].qs).toMatchObject({ system: 'story', workspace_id: WS });
		const none = executeContext({ parameters: { resource: 'bug' }, handler: () => ok({}) });
		expect(await getStatuses.call(none.context as never)).toEqual([]);
	});

	it('lists iterations, with an "any" choice', async () => {
		const { context } = executeContext({ parameters: { workspaceId: WS }, handler: () => ok([{ Iteration: { id: '11', name: '迭代1', status: 'done' } }]) });
		expect(await getIterations.call(context as never)).toEqual([
			{ name: '— Any —', value: '' },
			{ name: '迭代1 (done)', value: '11' },
		]);
	});
});
