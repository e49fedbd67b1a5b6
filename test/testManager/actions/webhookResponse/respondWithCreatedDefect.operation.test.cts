import type { IDataObject } from 'n8n-workflow';

import { execute } from '../../../../nodes/TestManager/actions/webhookResponse/respondWithCreatedDefect.operation';
import { executeContext } from '../../../helpers/contexts';

const defect = (extra: IDataObject = {}) => ({
	resource: 'webhookResponse',
	operation: 'respondWithCreatedDefect',
	defectId: '4711',
	defectKey: 'BUG-4711',
	defectTitle: 'Pay with expired card failed',
	defectUrl: 'https://tracker.example.com/bugs/4711',
	responseOptions: {},
	...extra,
});

function respond(parameters: IDataObject) {
	const { context, mock } = executeContext({ parameters });
	return { mock, result: execute.call(context, 0) };
}

describe('Respond with Created Defect', () => {
	it('answers with id, key, title and URL', async () => {
		const { mock, result } = respond(defect());
		const body = {
			id: '4711',
			key: 'BUG-4711',
			title: 'Pay with expired card failed',
			url: 'https://tracker.example.com/bugs/4711',
		};
		expect(await result).toEqual([{ json: body, pairedItem: { item: 0 } }]);
		expect(mock.sendResponse).toHaveBeenCalledWith(expect.objectContaining({ body, statusCode: 200 }));
	});

	it('leaves out an empty key and title, adds extra fields last and sets the status code', async () => {
		const { mock, result } = respond(
			defect({
				defectKey: '',
				defectTitle: '  ',
				responseOptions: {
					statusCode: 201,
					extraFields: '{"externalLink":"https://tracker.example.com/bugs/4711","id":4711,"__proto__":{"x":1}}',
				},
			}),
		);
		await result;
		const [[answer]] = mock.sendResponse.mock.calls as unknown as [[{ body: IDataObject; statusCode: number }]];
		expect(answer.statusCode).toBe(201);
		expect(answer.body).toEqual({
			id: 4711,
			url: 'https://tracker.example.com/bugs/4711',
			externalLink: 'https://tracker.example.com/bugs/4711',
		});
		expect(Object.getPrototypeOf(answer.body)).toBe(Object.prototype);
	});

	it('reads extra fields with the shared JSON reader: long ids stay exact, nested prototype keys are dropped', async () => {
		const { mock, result } = respond(
			defect({ responseOptions: { extraFields: '{"trackerId":1158231001000012345,"links":{"__proto__":{"x":1},"web":"w"}}' } }),
		);
		await result;
		const [[answer]] = mock.sendResponse.mock.calls as unknown as [[{ body: IDataObject }]];
		expect(answer.body.trackerId).toBe('1158231001000012345');
		expect(answer.body.links).toEqual({ web: 'w' });
		expect(Object.hasOwn(answer.body.links as object, '__proto__')).toBe(false);
	});

	it.each([
		['an empty ID', { defectId: '' }, 'Invalid defect: id: Defect ID is empty'],
		['a URL that is no URL', { defectUrl: 'bugs/4711' }, 'Invalid defect: url: Defect URL must be a URL'],
		['a javascript: URL', { defectUrl: 'javascript:alert(1)' }, 'Invalid defect: url: Defect URL must be an http(s) URL'],
		['extra fields that are no JSON', { responseOptions: { extraFields: '{id:' } }, 'Extra Fields (JSON) is not valid JSON'],
		['extra fields that are an array', { responseOptions: { extraFields: '[1]' } }, 'Extra Fields (JSON) must be a JSON object'],
		['a status code out of range', { responseOptions: { statusCode: 99 } }, 'Response Code must be between 200 and 599'],
	])('refuses %s', async (_what, change, message) => {
		const { mock, result } = respond(defect(change));
		await expect(result).rejects.toThrow(message);
		expect(mock.sendResponse).not.toHaveBeenCalled();
	});
});
