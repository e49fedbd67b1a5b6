import { workspaceFilterProperty, workspaceIdProperty } from '../../nodes/Tapd/common.descriptions';
import { safeRegex } from 'n8n-workflow';

import { accepts, extractFromUrl, modeOf } from '../helpers/locators';

describe('TAPD workspace locator', () => {
	it.each([
		['https://www.tapd.cn/10158231', '10158231'],
		['https://www.tapd.cn/10158231/', '10158231'],
		['https://www.tapd.cn/10158231/bugtrace/bugreports/my_view', '10158231'],
		['https://www.tapd.cn/10158231/prong/stories/view/1110158231001000001', '10158231'],
		['https://www.tapd.cn/tapd_fe/10158231/story/list?categoryId=0', '10158231'],
		['https://tapd.internal.example.com/10158231?from=mail', '10158231'],
	])('takes the workspace out of %s', (url, workspace) => {
		expect(extractFromUrl(workspaceIdProperty, url)).toBe(workspace);
		expect(accepts(workspaceIdProperty, 'url', url)).toBe(true);
	});

	it.each(['https://www.tapd.cn/', 'https://www.tapd.cn/company/participant_projects', 'www.tapd.cn/10158231', '10158231'])(
		'refuses %s',
		(url) => {
			expect(extractFromUrl(workspaceIdProperty, url)).toBeUndefined();
		},
	);

	it('accepts only digits as an ID', () => {
		expect(accepts(workspaceIdProperty, 'id', '10158231')).toBe(true);
		expect(accepts(workspaceIdProperty, 'id', 'tapd_fe')).toBe(false);
	});

	it("offers no list where the trigger has no credential (manual registration's filter)", () => {
		expect(workspaceFilterProperty.modes?.map((mode) => mode.name)).toEqual(['url', 'id']);
		expect(workspaceFilterProperty.default).toEqual({ mode: 'id', value: '' });
		expect(workspaceFilterProperty.required).toBeUndefined();
		expect(extractFromUrl(workspaceFilterProperty, 'https://www.tapd.cn/10158231/bugtrace')).toBe('10158231');
	});

	it('names the manual filter apart from the required workspace, which n8n would check in its place', () => {
		expect(workspaceIdProperty.name).toBe('workspaceId');
		expect(workspaceFilterProperty.name).toBe('onlyFromWorkspace');
	});

	it('lets the optional filter stay empty in every mode (n8n publishes it; it reads as no filter)', () => {
		for (const mode of ['url', 'id']) expect(accepts(workspaceFilterProperty, mode, '')).toBe(true);
		expect(accepts(workspaceFilterProperty, 'id', 'tapd_fe')).toBe(false);
		expect(accepts(workspaceFilterProperty, 'url', 'www.tapd.cn/10158231')).toBe(false);
		const extractor = modeOf(workspaceFilterProperty, 'url').extractValue as { regex: string };
		expect(safeRegex.exec(extractor.regex, '')?.[1]).toBeUndefined(); // a match without a value: ''
		expect(safeRegex.exec(extractor.regex, 'https://www.tapd.cn/')).toBeNull(); // still refused
		// The required workspace still refuses an empty value.
		for (const mode of ['url', 'id']) expect(accepts(workspaceIdProperty, mode, '')).toBe(false);
	});
});
