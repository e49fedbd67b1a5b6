import type { IExecuteFunctions } from 'n8n-workflow';

import { WORK_ITEMS, type WorkItemKind, type WorkItemResource } from './config';

export function kindOf(context: IExecuteFunctions, itemIndex: number): WorkItemKind {
	return WORK_ITEMS[context.getNodeParameter('resource', itemIndex) as WorkItemResource];
}
