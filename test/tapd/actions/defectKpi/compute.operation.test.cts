import { WS, ok, runTapd, type TapdCall } from '../../../helpers/tapd';

describe('Defect KPI', () => {
	const counts: Record<string, number> = { '': 120, 'fatal|serious': 9, normal: 40, 'closed|rejected': 70, verified: 5 };
	const handler = ({ url, qs }: TapdCall): [number, unknown] => {
		if (url === '/workflows/last_steps') return ok({ closed: '已关闭', rejected: '已拒绝' });
		return ok({ count: counts[qs.severity ?? qs.status ?? ''] });
	};

	it("computes Test Manager's KPIConnectorDefectsDto fields from /bugs/count and the workflow's last steps", async () => {
		const { output, http } = await runTapd({ resource: 'defectKpi', operation: 'compute', criticalSeverities: ['fatal', 'serious'], moderateSeverities: ['normal'], iterationId: '77' }, handler, { credentials: { webUrl: 'https://tapd.corp.example/' } });
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

	it('counts critical and moderate bugs including closed ones, with no count per severity and status (TAPD allows about 60 requests a minute)', async () => {
		const { http } = await runTapd({ resource: 'defectKpi', operation: 'compute', criticalSeverities: ['fatal', 'serious'], moderateSeverities: ['normal'] }, handler);
		const counted = http.calls.filter((call) => call.url === '/bugs/count').map((call) => ({ severity: call.qs.severity, status: call.qs.status }));
		expect(counted).toEqual([
			{ severity: undefined, status: undefined },
			{ severity: 'fatal|serious', status: undefined },
			{ severity: 'normal', status: undefined },
			{ severity: undefined, status: 'closed|rejected' },
		]);
	});

	it('uses chosen closed statuses, a custom link, and can add a breakdown', async () => {
		const { output, http } = await runTapd(
			{ resource: 'defectKpi', operation: 'compute', criticalSeverities: ['fatal', 'serious'], moderateSeverities: [], kpiOptions: { closedStatuses: ['verified'], criticalDefectsLink: 'https://tapd.cn/view/1', includeBreakdown: true } },
			handler,
		);
		expect(output[0].json).toMatchObject({ totalDefects: 120, moderateDefects: 0, closedDefects: 5, openDefects: 115, criticalDefectsLink: 'https://tapd.cn/view/1', tapd: { closedStatuses: ['verified'], iterationId: null } });
		expect(http.calls.some((call) => call.url === '/workflows/last_steps')).toBe(false);
	});
});
