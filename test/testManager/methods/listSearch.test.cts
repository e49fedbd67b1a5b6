import { NodeOperationError } from 'n8n-workflow';

import { projectIdFrom } from '../../../nodes/TestManager/actions/helpers';
import { searchProjects, searchTestExecutions } from '../../../nodes/TestManager/methods/listSearch';
import { API_BASE, page, testManagerContext } from '../../helpers/testManager';

const asLoadOptions = (context: unknown) => context as never;
const PROJECT = '3d1f9c2a-5b7e-4c10-9a8d-6e2f4b1c0a91';
const projects = [
	{ id: 'p2', name: 'Mobile App', projectPrefix: 'MOB' },
	{ id: PROJECT, name: 'Checkout', projectPrefix: 'CHK', description: 'Web shop' },
	{ name: 'No ID' },
	{ id: 'p3', name: 'Legacy' },
];

describe('searchProjects', () => {
	it('lists the projects with their prefix and page, skipping entries without an ID', async () => {
		const { context, http } = testManagerContext({ handler: (call) => [200, page(projects, call)] });
		expect(await searchProjects.call(asLoadOptions(context))).toEqual({
			results: [
				{ name: 'Mobile App (MOB)', value: 'p2', url: `${API_BASE}/MOB` },
				{ name: 'Checkout (CHK)', value: PROJECT, url: `${API_BASE}/CHK` },
				{ name: 'Legacy', value: 'p3' },
			],
		});
		expect(http.calls.map((call) => [call.path, call.qs])).toEqual([['/api/v2/projects', { Top: 100, Skip: 0 }]]);
	});

	it('filters by name or prefix, reading on while few match, and hands back where it stopped', async () => {
		const many = Array.from({ length: 1500 }, (_, i) => ({ id: `p${i}`, name: `Project ${i}` }));
		const { context, http } = testManagerContext({ handler: (call) => [200, page(many, call)] });
		const found = await searchProjects.call(asLoadOptions(context), 'project 10');
		// "Project 10", "Project 100".."Project 109" in the first two pages, then "Project 1000".. in the eleventh.
		expect(found.results.map((r) => r.name).slice(0, 11)).toEqual(['Project 10', ...Array.from({ length: 10 }, (_, i) => `Project ${100 + i}`)]);
		expect(http.calls).toHaveLength(10);
		expect(found.paginationToken).toBe('1000');
		const more = await searchProjects.call(asLoadOptions(context), 'project 10', found.paginationToken);
		expect(more.results[0].name).toBe('Project 1000');
		expect(http.calls[10].qs).toEqual({ Top: 100, Skip: 1000 });
	});
});

describe('searchTestExecutions', () => {
	const executions = Array.from({ length: 3 }, (_, i) => ({ id: `e${i}`, name: `Nightly ${i}`, objKey: `CHK:${i + 1}` }));

	it("lists the chosen project's test executions", async () => {
		const { context, http } = testManagerContext({
			parameters: { projectId: { __rl: true, mode: 'list', value: PROJECT } },
			handler: (call) => [200, page(executions, call)],
		});
		expect(await searchTestExecutions.call(asLoadOptions(context), 'nightly 2')).toEqual({ results: [{ name: 'Nightly 2 (CHK:3)', value: 'e2' }] });
		expect(http.calls.map((call) => call.path)).toEqual([`/api/v2/${PROJECT}/testexecutions`]);
	});

	it('finds the project of a prefix first', async () => {
		const { context, http } = testManagerContext({
			parameters: { projectId: { __rl: true, mode: 'id', value: 'chk' } },
			handler: (call) => [200, call.path === '/api/v2/projects' ? { data: projects, paging: { total: projects.length } } : page(executions, call)],
		});
		expect((await searchTestExecutions.call(asLoadOptions(context))).results).toHaveLength(3);
		expect(http.calls.map((call) => call.path)).toEqual(['/api/v2/projects', `/api/v2/${PROJECT}/testexecutions`]);
	});

	it('looks a prefix up once per run, reading the project list only as far as the project', async () => {
		const many = Array.from({ length: 250 }, (_, i) => ({ id: `p-${i}`, name: `P ${i}`, projectPrefix: `P${i}` }));
		const { context, http } = testManagerContext({ handler: (call) => [200, page(many, call)] });
		expect(await projectIdFrom(context, 'p120')).toBe('p-120');
		expect(await projectIdFrom(context, 'P120')).toBe('p-120');
		expect(http.calls.map((call) => call.qs.Skip)).toEqual([0, 100]);
	});

	it('lists nothing until a project is chosen, and says so when a prefix is unknown', async () => {
		const none = testManagerContext({ parameters: {} });
		expect(await searchTestExecutions.call(asLoadOptions(none.context))).toEqual({ results: [] });
		expect(none.http.calls).toHaveLength(0);
		const unknown = testManagerContext({ parameters: { projectId: 'NOPE' }, handler: () => [200, { data: projects, paging: { total: projects.length } }] });
		await expect(searchTestExecutions.call(asLoadOptions(unknown.context))).rejects.toThrow(NodeOperationError);
	});
});
