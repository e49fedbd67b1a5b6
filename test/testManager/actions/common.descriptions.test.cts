import { projectIdProperty, testExecutionIdProperty } from '../../../nodes/TestManager/actions/common.descriptions';
import { accepts, extractFromUrl } from '../../helpers/locators';

const EXECUTION = '0e8b2f4d-1c3a-4b5e-8f7d-9a6c2e1b3d40';

describe('Test Manager project locator', () => {
	it.each([
		['https://cloud.uipath.com/acme/DefaultTenant/testmanager_/CHK', 'CHK'],
		['https://cloud.uipath.com/acme/DefaultTenant/testmanager_/CHK/dashboard', 'CHK'],
		[`https://cloud.uipath.com/acme/DefaultTenant/testmanager_/PVACPOV91/testexecutions/${EXECUTION}`, 'PVACPOV91'],
		['https://automation.example.com/acme/Default/testmanager_/WEB_SHOP?tab=1', 'WEB_SHOP'],
	])('takes the prefix out of %s', (url, prefix) => {
		expect(extractFromUrl(projectIdProperty, url)).toBe(prefix);
		expect(accepts(projectIdProperty, 'url', url)).toBe(true);
	});

	it.each([
		'https://cloud.uipath.com/acme/DefaultTenant/testmanager_/',
		'https://cloud.uipath.com/acme/DefaultTenant/testmanager_/api/v2/projects',
		'https://cloud.uipath.com/acme/DefaultTenant/orchestrator_/CHK',
	])('refuses %s', (url) => {
		expect(extractFromUrl(projectIdProperty, url)).toBeUndefined();
	});

	it('keeps its hint about the Create Defect request', () => {
		expect(projectIdProperty.hint).toMatch(/names no project/);
	});
});

describe('Test Manager test execution locator', () => {
	it('takes the execution out of its page', () => {
		const url = `https://cloud.uipath.com/acme/DefaultTenant/testmanager_/CHK/testexecutions/${EXECUTION}`;
		expect(extractFromUrl(testExecutionIdProperty, url)).toBe(EXECUTION);
		expect(extractFromUrl(testExecutionIdProperty, `${url}/testcaselogs?x=1`)).toBe(EXECUTION);
		expect(extractFromUrl(testExecutionIdProperty, 'https://cloud.uipath.com/acme/DefaultTenant/testmanager_/CHK/testexecutions/42')).toBeUndefined();
	});

	it("reads the Create Defect request's execution by default", () => {
		expect(testExecutionIdProperty.default).toEqual({ mode: 'id', value: '={{ $json.body.testExecutionId }}' });
	});
});
