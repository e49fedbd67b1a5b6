import { projectProperty } from '../../nodes/AzureDevOps/common.descriptions';
import { workItemIdProperty } from '../../nodes/AzureDevOps/actions/workItem/common.descriptions';
import { accepts, extractFromUrl } from '../helpers/locators';

describe('Azure DevOps project locator', () => {
	it.each([
		['https://dev.azure.com/fabrikam/Fabrikam%20Web', 'Fabrikam%20Web'],
		['https://dev.azure.com/fabrikam/Fabrikam%20Web/_workitems/edit/42', 'Fabrikam%20Web'],
		['https://dev.azure.com/fabrikam/WebShop/_git/web-shop?path=/README.md', 'WebShop'],
		['https://fabrikam.visualstudio.com/WebShop/_boards/board', 'WebShop'],
		['https://fabrikam.visualstudio.com/DefaultCollection/WebShop', 'WebShop'],
		['https://tfs.fabrikam.local/tfs/DefaultCollection/WebShop/_build', 'WebShop'],
		['http://tfs.fabrikam.local:8080/Collection/WebShop#tab', 'WebShop'],
	])('takes the project out of %s', (url, project) => {
		expect(extractFromUrl(projectProperty, url)).toBe(project);
		expect(accepts(projectProperty, 'url', url)).toBe(true);
	});

	it.each([
		'https://dev.azure.com/fabrikam',
		'https://dev.azure.com/fabrikam/_apis/projects',
		'https://fabrikam.visualstudio.com/_settings',
		'dev.azure.com/fabrikam/WebShop',
		'not a url',
	])('refuses %s', (url) => {
		expect(extractFromUrl(projectProperty, url)).toBeUndefined();
		expect(accepts(projectProperty, 'url', url)).toBe(false);
	});

	it('offers From List first, with a searchable list', () => {
		expect(projectProperty.default).toEqual({ mode: 'list', value: '' });
		expect(projectProperty.modes?.map((mode) => mode.name)).toEqual(['list', 'url', 'id']);
		expect(projectProperty.modes?.[0].typeOptions).toEqual({ searchListMethod: 'searchProjects', searchable: true });
	});
});

describe('Azure DevOps work item locator', () => {
	it.each([
		['https://dev.azure.com/fabrikam/Fabrikam%20Web/_workitems/edit/42', '42'],
		['https://dev.azure.com/fabrikam/Fabrikam%20Web/_workitems/edit/42/', '42'],
		['https://fabrikam.visualstudio.com/WebShop/_workitems/edit/7?src=mail', '7'],
		['https://dev.azure.com/fabrikam/WebShop/_boards/board/t/Team/Stories?workitem=315', '315'],
		['https://tfs.local/tfs/Coll/WebShop/_workitems/edit/9001', '9001'],
	])('takes the number out of %s', (url, id) => {
		expect(extractFromUrl(workItemIdProperty, url)).toBe(id);
	});

	it.each(['https://dev.azure.com/fabrikam/WebShop/_workitems', 'https://dev.azure.com/fabrikam/WebShop/_workitems/edit/abc', '42'])(
		'refuses %s',
		(url) => {
			expect(extractFromUrl(workItemIdProperty, url)).toBeUndefined();
		},
	);

	it('accepts only digits as an ID', () => {
		expect(accepts(workItemIdProperty, 'id', '42')).toBe(true);
		expect(accepts(workItemIdProperty, 'id', '4 2')).toBe(false);
		expect(accepts(workItemIdProperty, 'id', '#42')).toBe(false);
	});
});
