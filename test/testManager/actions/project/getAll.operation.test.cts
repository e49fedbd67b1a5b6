import { description, execute } from '../../../../nodes/TestManager/actions/project/getAll.operation';
import { page, testManagerContext } from '../../../helpers/testManager';

const projects = Array.from({ length: 3 }, (_, i) => ({ id: `p${i}`, name: `Project ${i}` }));

describe('Project: Get Many', () => {
	it('returns up to a limit by default, as n8n nodes do', () => {
		expect(description.map((p) => [p.name, p.default])).toEqual([
			['returnAll', false],
			['limit', 50],
		]);
	});

	it('lists the projects, each an item paired with the input', async () => {
		const { context, http } = testManagerContext({
			handler: (call) => [200, page(projects, call, { withTotal: true })],
			parameters: { returnAll: true },
		});
		await expect(execute.call(context, 0)).resolves.toEqual(
			projects.map((json) => ({ json, pairedItem: { item: 0 } })),
		);
		expect(http.calls).toEqual([expect.objectContaining({ path: '/api/v2/projects', qs: { Top: 100, Skip: 0 } })]);
	});

	it('asks for no more than the limit', async () => {
		const { context, http } = testManagerContext({
			handler: (call) => [200, page(projects, call)],
			parameters: { returnAll: false, limit: 2 },
		});
		expect(await execute.call(context, 0)).toHaveLength(2);
		expect(http.calls[0].qs).toEqual({ Top: 2, Skip: 0 });
	});
});
