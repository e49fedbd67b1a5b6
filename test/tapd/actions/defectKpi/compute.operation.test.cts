import { WS, ok, runTapd, type TapdCall } from '../../../helpers/tapd';

describe('Defect KPI', () => {
	// Counts by "severity/status": 4 critical and 15 moderate bugs of the 70 closed ones.
	const counts: Record<string, number> = {
		'/': 120,
		'fatal|serious/': 9,
		'fatal|serious/closed|rejected': 4,
		'normal/': 40,
		'normal/closed|rejected': 15,
		'/closed|rejected': 70,
		'/verified': 5,
		'fatal|serious/verified': 1,
	};
	const handler = ({ url, qs }: TapdCall): [number, unknown] => {
		if (url === '/workflows/last_steps') return ok({ closed: '已关闭', rejected: '已拒绝' });
		return ok({ count: counts[`${qs.severity ?? ''}/${qs.status ?? ''}`] });
	};

	it("computes Test Manager's KPIConnectorDefectsDto fields from /bugs/count and the workflow's last steps: open defects by severity", async () => {
		const { output, http } = await runTapd({ resource: 'defectKpi', operation: 'compute', criticalSeverities: ['fatal', 'serious'], moderateSeverities: ['normal'], iterationId: '77' }, handler, { credentials: { webUrl: 'https://tapd.corp.example/' } });
		expect(output).toEqual([
			{
				json: {
					totalDefects: 120,
					criticalDefects: 5,
					moderateDefects: 25,
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

	const countedBy = (http: { calls: TapdCall[] }) =>
		http.calls.filter((call) => call.url === '/bugs/count').map((call) => ({ severity: call.qs.severity, status: call.qs.status }));

	it('counts the closed bugs of each severity class to leave them out: six counts, sent together', async () => {
		const { http } = await runTapd({ resource: 'defectKpi', operation: 'compute', criticalSeverities: ['fatal', 'serious'], moderateSeverities: ['normal'] }, handler);
		expect(countedBy(http)).toHaveLength(6);
		expect(countedBy(http)).toEqual(expect.arrayContaining([
			{ severity: undefined, status: undefined },
			{ severity: 'fatal|serious', status: undefined },
			{ severity: 'fatal|serious', status: 'closed|rejected' },
			{ severity: 'normal', status: undefined },
			{ severity: 'normal', status: 'closed|rejected' },
			{ severity: undefined, status: 'closed|rejected' },
		]));
	});

	it('counts closed bugs too when Count Severities Of includes them, with no count per severity and status (TAPD allows about 60 requests a minute)', async () => {
		const { output, http } = await runTapd({ resource: 'defectKpi', operation: 'compute', criticalSeverities: ['fatal', 'serious'], moderateSeverities: ['normal'], kpiOptions: { severityScope: 'all' } }, handler);
		expect(output[0].json).toMatchObject({ totalDefects: 120, criticalDefects: 9, moderateDefects: 40, openDefects: 50, closedDefects: 70 });
		expect(countedBy(http)).toHaveLength(4);
		expect(countedBy(http)).toEqual(expect.arrayContaining([
			{ severity: undefined, status: undefined },
			{ severity: 'fatal|serious', status: undefined },
			{ severity: 'normal', status: undefined },
			{ severity: undefined, status: 'closed|rejected' },
		]));
	});

	it('answers a refresh within a minute from the cache, and counts every time when the cache is off', async () => {
		const parameters = { resource: 'defectKpi', operation: 'compute', criticalSeverities: ['fatal'], moderateSeverities: [] };
		await runTapd(parameters, handler);
		const again = await runTapd(parameters, handler);
		expect(again.http.calls).toHaveLength(0);
		expect(again.output[0].json).toMatchObject({ totalDefects: 120, cached: { stale: false } });
		const uncached = await runTapd({ ...parameters, kpiOptions: { cacheSeconds: 0 } }, handler);
		expect(uncached.http.calls.length).toBeGreaterThan(0);
	});

	it('uses chosen closed statuses, a custom link, and can add a breakdown', async () => {
		const { output, http } = await runTapd(
			{ resource: 'defectKpi', operation: 'compute', criticalSeverities: ['fatal', 'serious'], moderateSeverities: [], kpiOptions: { closedStatuses: ['verified'], criticalDefectsLink: 'https://tapd.cn/view/1', includeBreakdown: true } },
			handler,
		);
		expect(output[0].json).toMatchObject({ totalDefects: 120, criticalDefects: 8, moderateDefects: 0, closedDefects: 5, openDefects: 115, criticalDefectsLink: 'https://tapd.cn/view/1', tapd: { closedStatuses: ['verified'], iterationId: null } });
		expect(http.calls.some((call) => call.url === '/workflows/last_steps')).toBe(false);
	});
});
