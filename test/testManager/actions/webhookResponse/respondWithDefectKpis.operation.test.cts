import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import {
	description,
	execute,
} from '../../../../nodes/TestManager/actions/webhookResponse/respondWithDefectKpis.operation';
import { executeContext } from '../../../helpers/contexts';
import { KPIS, kpiParameters } from '../../../helpers/testManager';

function respond(parameters: IDataObject) {
	const { context, mock } = executeContext({ parameters });
	return { mock, result: execute.call(context, 0) };
}

describe('Respond with Defect KPIs', () => {
	it('defaults each field to the same name of the incoming item', () => {
		for (const name of Object.keys(KPIS)) {
			expect(description.find((p) => p.name === name)?.default).toBe(`={{ $json.${name} }}`);
		}
		expect(description.find((p) => p.name === 'status')?.default).toBe('Success');
	});

	it('answers with KPIConnectorDefectsDto and outputs what it sent', async () => {
		const { mock, result } = respond(kpiParameters(KPIS));
		const body = { ...KPIS, status: 'Success' };
		expect(await result).toEqual([{ json: body, pairedItem: { item: 0 } }]);
		expect(mock.sendResponse).toHaveBeenCalledWith({
			body,
			headers: { 'content-type': 'application/json; charset=utf-8' },
			statusCode: 200,
		});
	});

	it('accepts counts mapped as text, sends an empty link as null, and sets the status code', async () => {
		const item = { ...KPIS, totalDefects: '12', openDefects: ' 7 ', criticalDefectsLink: '' };
		const { mock, result } = respond(kpiParameters(item, { status: 'Error', responseOptions: { statusCode: 203 } }));
		await result;
		expect(mock.sendResponse).toHaveBeenCalledWith(
			expect.objectContaining({
				statusCode: 203,
				body: { ...KPIS, totalDefects: 12, openDefects: 7, criticalDefectsLink: null, status: 'Error' },
			}),
		);
	});

	it.each([
		['a negative count', { closedDefects: -1 }, 'closedDefects must not be negative'],
		['a fraction', { moderateDefects: 1.5 }, 'moderateDefects must be a whole number'],
		['a count beyond int32', { totalDefects: 2 ** 31 }, 'totalDefects must fit a 32-bit integer'],
		['text that is no number', { totalDefects: 'many' }, 'totalDefects must be a number'],
		['a missing count', { totalDefects: undefined }, 'totalDefects is missing'],
		['more critical defects than defects', { criticalDefects: 13 }, 'criticalDefects (13) exceeds totalDefects (12)'],
		['more moderate defects than defects', { moderateDefects: 13 }, 'moderateDefects (13) exceeds totalDefects (12)'],
		['open + closed beyond the total', { openDefects: 8 }, 'openDefects + closedDefects (13) exceeds totalDefects (12)'],
		['a link that is no URL', { criticalDefectsLink: 'tracker/critical' }, 'criticalDefectsLink must be a URL'],
		['a javascript: link', { criticalDefectsLink: 'javascript:alert(1)' }, 'criticalDefectsLink must be an http(s) URL'],
	])('refuses %s with a clear node error and sends nothing', async (_what, change, message) => {
		const { mock, result } = respond(kpiParameters({ ...KPIS, ...change }));
		await expect(result).rejects.toThrow(NodeOperationError);
		await expect(result).rejects.toThrow(`Invalid Defect KPIs: ${message}`);
		expect(mock.sendResponse).not.toHaveBeenCalled();
	});

	it('names every problem, separated by semicolons', async () => {
		const { result } = respond(kpiParameters({ ...KPIS, totalDefects: undefined, closedDefects: -1 }));
		await expect(result).rejects.toThrow('Invalid Defect KPIs: totalDefects is missing; closedDefects must not be negative');
	});

	it('accepts only the configured status values', async () => {
		await expect(respond(kpiParameters(KPIS, { status: 'Green' })).result).rejects.toThrow(
			'status must be one of Success, Warning, Error',
		);

		const custom = { responseOptions: { statusValues: 'Ok, Degraded, Failed' } };
		const accepted = respond(kpiParameters(KPIS, { status: 'Degraded', ...custom }));
		await accepted.result;
		expect(accepted.mock.sendResponse).toHaveBeenCalledWith(
			expect.objectContaining({ body: expect.objectContaining({ status: 'Degraded' }) }),
		);

		const twoValues = respond(kpiParameters(KPIS, { responseOptions: { statusValues: 'Ok, Failed' } }));
		await expect(twoValues.result).rejects.toThrow('Status Values must list three different values');
	});
});
