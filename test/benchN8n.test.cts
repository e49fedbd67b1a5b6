import { comparisonGroups, own, reference, roundRatios } from '../scripts/bench-n8n/compare';
import { WORKFLOWS, scenarios } from '../scripts/bench-n8n/workflows';

// `npm run bench:n8n` judges each trigger against references sent the trigger's own request; these tests
// check that pairing, which the verdicts rest on, without starting n8n.
const secrets = {
	tapdSecret: 'a'.repeat(32),
	azureDevOps: { subscriptionId: 'sub', username: 'user', password: 'p'.repeat(32), headerName: 'X-Hook', headerValue: 'v'.repeat(32) },
};
const measured = scenarios(secrets).map((scenario) => ({ scenario, sent: 0, seconds: 0, cpuMs: 0, isolates: 0, rates: [], statuses: {}, problems: [] }));
const run = { measured };
const TRIGGERS = ['testany', 'testManager', 'testManagerKpi', 'tapdManual', 'tapdAutomatic', 'azureDevOps'];
const KPI_PATH = /\/api\/kpis\/project\/[^/]+\/defectstatus$/;

/** What makes two requests cost n8n the same: method, content type, the body's fields, a path parameter or not. */
function shape(delivery: { method: string; path: string; headers: Record<string, string>; body?: string }) {
	return {
		method: delivery.method,
		contentType: delivery.headers['content-type'],
		fields: delivery.body === undefined ? [] : Object.keys(JSON.parse(delivery.body) as object).sort(),
		kpiPath: KPI_PATH.test(delivery.path),
	};
}

describe('bench:n8n comparisons', () => {
	it('lists every trigger the targets name', () => {
		expect(TRIGGERS.filter((t) => !WORKFLOWS[t])).toEqual([]);
	});

	it.each(TRIGGERS)('sends the Webhook node with Header Auth the request of %s, accepted and refused', (trigger) => {
		for (const kind of ['accepted', 'wrong secret']) {
			const twin = reference(run, 'headerAuth', trigger, kind);
			expect(twin?.scenario.twinOf).toContain(trigger);
			const mine = own(run, trigger, kind);
			// The TAPD secret differs between the manual and automatic triggers; the fields do not.
			expect(shape(twin!.scenario.delivery(1))).toEqual(shape(mine!.scenario.delivery(1)));
		}
	});

	it('sends Test Manager\'s references a request answered when the workflow ends, like the trigger', () => {
		expect(reference(run, 'headerAuth', 'testManager', 'accepted')?.scenario.workflow).toBe('headerAuthLastNode');
		expect(reference(run, 'headerAuth', 'testManagerKpi', 'accepted')?.scenario.workflow).toBe('headerAuthKpi');
		for (const key of ['headerAuthLastNode', 'headerAuthKpi']) {
			const node = WORKFLOWS[key].build(new Map([['Azure DevOps example caller', 'c1']])).nodes[0];
			expect(node.parameters.responseMode).toBe('lastNode');
		}
	});

	it.each(['testany', 'tapdManual', 'tapdAutomatic', 'azureDevOps'])('sends the hand-built HMAC check the body of %s', (trigger) => {
		const twin = reference(run, 'handBuilt', trigger, 'accepted');
		expect(twin?.scenario.twinOf).toContain(trigger);
		expect(shape(twin!.scenario.delivery(1)).fields).toEqual(shape(own(run, trigger, 'accepted')!.scenario.delivery(1)).fields);
	});

	it('falls back to the default request where there is no twin', () => {
		expect(reference(run, 'handBuilt', 'testManager', 'accepted')).toBe(own(run, 'handBuilt', 'accepted'));
		expect(reference(run, 'noAuth', 'testany', 'accepted')).toBe(own(run, 'webhook', 'accepted'));
	});

	it('measures each trigger next to its twins, accepted before refused', () => {
		const groups = comparisonGroups(measured);
		expect(groups.flat()).toHaveLength(measured.length);
		for (const trigger of TRIGGERS) {
			const group = groups.find((g) => g.includes(own(run, trigger, 'accepted')!))!;
			const kinds = group.map((m) => m.scenario.kind);
			expect(kinds).toEqual([...kinds].sort((a, b) => ['accepted', 'wrong secret', 'malformed'].indexOf(a) - ['accepted', 'wrong secret', 'malformed'].indexOf(b)));
			for (const kind of ['accepted', 'wrong secret']) {
				expect(group).toContain(reference(run, 'headerAuth', trigger, kind));
				expect(group).toContain(own(run, trigger, kind));
			}
		}
		// TAPD's two triggers share their twins, so they share a group.
		const tapd = groups.find((g) => g.includes(own(run, 'tapdManual', 'accepted')!))!;
		expect(tapd).toContain(own(run, 'tapdAutomatic', 'accepted'));
	});

	it('gives the spread of a ratio over the rounds it was measured side by side', () => {
		const [mine, twin] = [own(run, 'testany', 'accepted')!, reference(run, 'headerAuth', 'testany', 'accepted')!];
		const measuredAs = (m: typeof mine, rates: number[]) => ({ ...m, rates });
		expect(roundRatios(measuredAs(mine, [50, 60, 40]), measuredAs(twin, [50, 50, 50]))).toEqual({ low: 0.8, high: 1.2 });
		expect(roundRatios(measuredAs(mine, [50]), measuredAs(twin, []))).toBeUndefined();
		expect(roundRatios(undefined, twin)).toBeUndefined();
	});
});
