import { WS, ok, runTapd } from '../../../helpers/tapd';

describe('update a bug, story or task', () => {
	it('updates by POST with id, and refuses an update without fields', async () => {
		const { http } = await runTapd({ resource: 'bug', operation: 'update', id: '5', updateFields: { status: 'resolved', current_user: 'e2e' } }, () => ok({ Bug: { id: '5', status: 'resolved' } }));
		expect(http.calls[0]).toMatchObject({ method: 'POST', url: '/bugs', form: { id: '5', workspace_id: WS, status: 'resolved', current_user: 'e2e' } });
		await expect(runTapd({ resource: 'bug', operation: 'update', id: '5', updateFields: {} }, () => ok({}))).rejects.toThrow('Add at least one field');
	});

	it('sends custom fields by their API name', async () => {
		const { http } = await runTapd({ resource: 'task', operation: 'update', id: '6', customFields: { field: [{ name: 'custom_field_two', value: 'B' }] } }, () => ok({ Task: { id: '6' } }));
		expect(http.calls[0]).toMatchObject({ url: '/tasks', form: { id: '6', workspace_id: WS, custom_field_two: 'B' } });
	});
});
