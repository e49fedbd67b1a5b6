import { fieldPatch } from '../../../../nodes/AzureDevOps/actions/workItem/fields';

describe('fieldPatch', () => {
	it('maps the named fields to reference names and adds the link as a Hyperlink relation', () => {
		expect(
			fieldPatch({
				description: '<p>Broken</p>',
				areaPath: 'Fabrikam\\Web',
				iterationPath: 'Fabrikam\\Sprint 1',
				severity: '2 - High',
				priority: 1,
				tags: 'regression; test-manager',
				linkUrl: 'https://tm.example.com/log/1',
				linkComment: 'Test case log',
				otherFields: { field: [{ name: 'Custom.FoundIn', value: 'build 7' }] },
			}),
		).toEqual([
			{ op: 'add', path: '/fields/System.Description', value: '<p>Broken</p>' },
			{ op: 'add', path: '/fields/System.AreaPath', value: 'Fabrikam\\Web' },
			{ op: 'add', path: '/fields/System.IterationPath', value: 'Fabrikam\\Sprint 1' },
			{ op: 'add', path: '/fields/Microsoft.VSTS.Common.Priority', value: 1 },
			{ op: 'add', path: '/fields/Microsoft.VSTS.Common.Severity', value: '2 - High' },
			{ op: 'add', path: '/fields/System.Tags', value: 'regression; test-manager' },
			{ op: 'add', path: '/fields/Custom.FoundIn', value: 'build 7' },
			{
				op: 'add',
				path: '/relations/-',
				value: { rel: 'Hyperlink', url: 'https://tm.example.com/log/1', attributes: { comment: 'Test case log' } },
			},
		]);
	});

	it('refuses a custom field name that would address something else', () => {
		expect(fieldPatch({ otherFields: { field: [{ name: 'System.Title/../../rev', value: 'x' }] } })).toMatch(/not a field reference name/);
	});
});
