import { filtersOf, toTapdParameters, withoutSecret } from '../../../nodes/Tapd/actions/helpers';
import { tapdExecuteContext, ok } from '../../helpers/tapd';

describe('toTapdParameters', () => {
	it("joins lists with TAPD's | and adds named fields, skipping empty values and prototype keys", () => {
		const extra = { field: [{ name: 'custom_field_one', value: '值' }, { name: '__proto__', value: 'x' }, { name: 'constructor', value: 'z' }, { name: ' ', value: 'y' }] };
		expect(toTapdParameters({ status: ['new', 'in_progress'], severity: [], title: '', limit: 5, extra }, 'extra')).toEqual({
			status: 'new|in_progress',
			limit: 5,
			custom_field_one: '值',
		});
	});
});

describe('filtersOf', () => {
	it('reads the listed filters and the other filters by name together', () => {
		const { context } = tapdExecuteContext({
			parameters: { filters: { status: ['new', 'reopened'] }, otherFilters: { field: [{ name: 'module', value: '支付' }] } },
			handler: () => ok({}),
		});
		expect(filtersOf(context, 0)).toEqual({ status: 'new|reopened', module: '支付' });
	});
});

describe('withoutSecret', () => {
	it('drops the secret and says whether there was one', () => {
		expect(withoutSecret({ id: '1', secret: 'x' })).toEqual({ id: '1', has_secret: true });
		expect(withoutSecret({ id: '2', secret: '' })).toEqual({ id: '2', has_secret: false });
	});
});
