import type { IDataObject } from 'n8n-workflow';

import { forgetStaticData } from '../../../nodes/shared/webhook/staticData';

describe('forgetStaticData', () => {
	it('assigns undefined to each key (so n8n sees a change and saves it) and leaves the rest', () => {
		const state: IDataObject = { id: '1', secret: 's', other: 'kept' };
		const assigned: string[] = [];
		const observed = new Proxy(state, {
			set(target, key, value) {
				assigned.push(String(key));
				target[String(key)] = value;
				return true;
			},
		});
		forgetStaticData(observed, ['id', 'secret']);
		expect(assigned).toEqual(['id', 'secret']);
		expect(state).toEqual({ id: undefined, secret: undefined, other: 'kept' });
	});
});
