import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forOperation } from '../../../shared/actions/properties';
import { parseJson, withoutPrototypeKeys } from '../../../shared/http/json';
import { describeIssues } from '../../../shared/schema';
import { answerTestManager, createdDefectSchema } from './answer';
import { responseOptions } from './common.descriptions';

export const description: INodeProperties[] = forOperation(
	'webhookResponse',
	'respondWithCreatedDefect',
	[
		{
			displayName: 'Defect ID',
			name: 'defectId',
			type: 'string',
			required: true,
			default: '',
			description: 'The ID of the defect created in your tracker',
		},
		{
			displayName: 'Defect Key',
			name: 'defectKey',
			type: 'string',
			default: '',
			placeholder: 'BUG-123',
			description: 'The short, human-readable key of the defect, if your tracker has one',
		},
		{
			displayName: 'Defect Title',
			name: 'defectTitle',
			type: 'string',
			default: '',
		},
		{
			displayName: 'Defect URL',
			name: 'defectUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://tracker.example.com/bugs/123',
			description: 'The link Test Manager shows in the test case log',
		},
		responseOptions([
			{
				displayName: 'Extra Fields (JSON)',
				name: 'extraFields',
				type: 'json',
				default: '{}',
				description:
					'More fields for the answer, e.g. other names Test Manager might read the link from. They are added last and replace fields of the same name.',
			},
		]),
	],
);

function extraFieldsOf(context: IExecuteFunctions, value: unknown): IDataObject {
	if (value === undefined || value === '') return {};
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = parseJson(value);
		} catch {
			throw new NodeOperationError(context.getNode(), 'Extra Fields (JSON) is not valid JSON', {
				description: 'Enter a JSON object, e.g. {"externalLink": "https://…"}',
			});
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new NodeOperationError(context.getNode(), 'Extra Fields (JSON) must be a JSON object');
	}
	return withoutPrototypeKeys(parsed);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const text = (name: string) => String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
	const options = this.getNodeParameter('responseOptions', itemIndex, {}) as IDataObject;

	const defect: IDataObject = { id: text('defectId'), url: text('defectUrl') };
	if (text('defectKey')) defect.key = text('defectKey');
	if (text('defectTitle')) defect.title = text('defectTitle');
	const parsed = createdDefectSchema.safeParse(defect);
	if (!parsed.success) {
		throw new NodeOperationError(
			this.getNode(),
			`Invalid defect: ${describeIssues(parsed.error)}`,
			{
				itemIndex,
				description: 'Map the ID and the link of the defect your tracker created',
			},
		);
	}
	const body = { ...(parsed.data as IDataObject), ...extraFieldsOf(this, options.extraFields) };
	await answerTestManager(this, body, options);
	return [{ json: body, pairedItem: { item: itemIndex } }];
}
