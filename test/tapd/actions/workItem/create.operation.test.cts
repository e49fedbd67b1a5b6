import { WS, ok, runTapd } from '../../../helpers/tapd';

describe('create a bug, story or task', () => {
	it('creates a bug with its title, fields and custom fields', async () => {
		const { output, http } = await runTapd(
			{ resource: 'bug', operation: 'create', title: '崩溃', additionalFields: { severity: 'fatal', description: '<p>x</p>' }, customFields: { field: [{ name: 'custom_field_one', value: 'A' }] } },
			({ form }) => ok({ Bug: { id: '1010158231500000001', ...form } }),
		);
		expect(http.calls[0]).toMatchObject({ method: 'POST', url: '/bugs', form: { workspace_id: WS, title: '崩溃', severity: 'fatal', description: '<p>x</p>', custom_field_one: 'A' } });
		expect(output[0].json).toMatchObject({ id: '1010158231500000001', title: '崩溃' });
	});

	it('sends a story or task title as name', async () => {
		const story = await runTapd({ resource: 'story', operation: 'create', title: '需求' }, () => ok({ Story: { id: '1' } }));
		expect(story.http.calls[0]).toMatchObject({ url: '/stories', form: { name: '需求' } });
		const task = await runTapd({ resource: 'task', operation: 'create', title: '任务', additionalFields: { story_id: '9' } }, () => ok({ Task: { id: '2' } }));
		expect(task.http.calls[0]).toMatchObject({ url: '/tasks', form: { name: '任务', story_id: '9' } });
	});
});
