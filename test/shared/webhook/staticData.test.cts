import type { IDataObject } from 'n8n-workflow';

import { forgetStaticData } from '../../../nodes/shared/webhook/staticData';

describe('forgetStaticData', () => {
	it('removes the given keys, through the object n8n observes, and leaves the rest', () => {
		const state: IDataObject = { id: '1', secret: 's', other: 'kept' };
		const removed: string[] = [];
		const observed = new Proxy(state, {
			deleteProperty(target, key) {
				removed.push(String(key));
				return Reflect.deleteProperty(target, key);
			},
		});
		forgetStaticData(observed, ['id', 'secret']);
		expect(removed).toEqual(['id', 'secret']);
		expect(state).toEqual({ other: 'kept' });
	});
});
