import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { forTool, pickFields, simplifyProperties, withoutOptions } from '../../../nodes/shared/actions/properties';
import { resolvedParameters, shownChoices, toolVariant } from '../../helpers/tools';

const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	options: [
		{ name: 'Delete', value: 'delete' },
		{ name: 'Get', value: 'get' },
	],
	default: 'get',
};

const description = {
	displayName: 'Example',
	name: 'example',
	group: ['transform'],
	version: 1,
	description: '',
	defaults: { name: 'Example' },
	inputs: [],
	outputs: [],
	properties: [forTool(false, operation), forTool(true, withoutOptions(operation, ['delete'])), ...simplifyProperties()],
} as unknown as INodeTypeDescription;

describe('AI tool variants (evaluated by n8n-workflow)', () => {
	it('offers every operation in the node and only the allowed ones in its tool variant', () => {
		expect(shownChoices(description, {}, 'operation')).toEqual(['delete', 'get']);
		expect(shownChoices(toolVariant(description), {}, 'operation')).toEqual(['get']);
	});

	it('simplifies by default in the tool variant only', () => {
		expect(resolvedParameters(description, {}).simplify).toBe(false);
		expect(resolvedParameters(toolVariant(description), {}).simplify).toBe(true);
		expect(resolvedParameters(toolVariant(description), { simplify: false }).simplify).toBe(false);
	});

	it('keeps conditions a property already has', () => {
		const scoped = forTool(true, { ...operation, displayOptions: { show: { resource: ['bug'] } } });
		expect(scoped.displayOptions).toEqual({ show: { resource: ['bug'], '@tool': [true] } });
	});
});

describe('pickFields', () => {
	it('keeps the listed fields in order and leaves out absent ones', () => {
		expect(pickFields({ b: 2, a: 1, c: null, d: 4 }, ['a', 'b', 'c', 'x'])).toEqual({ a: 1, b: 2, c: null });
		expect(Object.keys(pickFields({ b: 2, a: 1 }, ['a', 'b']))).toEqual(['a', 'b']);
	});
});
