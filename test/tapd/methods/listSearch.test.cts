import { NodeOperationError } from 'n8n-workflow';

import { searchWorkspaces } from '../../../nodes/Tapd/methods/listSearch';
import { ok, tapdExecuteContext } from '../../helpers/tapd';

const workspace = (id: string, name: string, extra: Record<string, string> = {}) => ({ Workspace: { id, name, category: 'project', status: 'normal', ...extra } });

describe('searchWorkspaces', () => {
	it("lists the company's workspaces by name, with their page, leaving out the company itself", async () => {
		const { context, http } = tapdExecuteContext({
			credentials: { companyId: '20003271', webUrl: 'https://tapd.example.com/' },
			handler: () =>
				ok([
					workspace('20003271', 'Acme', { category: 'organization' }),
					workspace('10158231', '支付中台'),
					workspace('10158232', 'Archive', { status: 'closed' }),
				]),
		});
		expect(await searchWorkspaces.call(context as never)).toEqual({
			results: [
				{ name: 'Archive (closed)', value: '10158232', url: 'https://tapd.example.com/10158232' },
				{ name: '支付中台', value: '10158231', url: 'https://tapd.example.com/10158231' },
			],
		});
		expect(http.calls).toHaveLength(1);
		expect(http.calls[0].url).toBe('/workspaces/projects');
		expect(http.calls[0].qs).toEqual({ company_id: '20003271' });
	});

	it('filters by name or ID and pages by 100', async () => {
		const many = Array.from({ length: 250 }, (_, i) => workspace(String(10000000 + i), `Team ${String(i).padStart(3, '0')}`));
		const { context } = tapdExecuteContext({ credentials: { companyId: '1' }, handler: () => ok(many) });
		const first = await searchWorkspaces.call(context as never);
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('100');
		const last = await searchWorkspaces.call(context as never, undefined, '200');
		expect(last.results.map((r) => r.name)).toEqual(Array.from({ length: 50 }, (_, i) => `Team ${200 + i}`));
		expect(last.paginationToken).toBeUndefined();
		expect((await searchWorkspaces.call(context as never, 'team 04')).results.map((r) => r.name)).toEqual(
			Array.from({ length: 10 }, (_, i) => `Team 04${i}`),
		);
		expect((await searchWorkspaces.call(context as never, '10000007')).results.map((r) => r.value)).toEqual(['10000007']);
	});

	it('says what to do when the credential has no company ID, without calling TAPD', async () => {
		const { context, http } = tapdExecuteContext({ handler: () => ok([]) });
		const failure = searchWorkspaces.call(context as never);
		await expect(failure).rejects.toThrow(NodeOperationError);
		await expect(failure).rejects.toMatchObject({ description: expect.stringContaining('Company ID') });
		expect(http.calls).toHaveLength(0);
	});
});
