import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runOperations } from '../../shared/actions/operations';
import * as project from './project';
import * as testCaseLog from './testCaseLog';
import * as testExecution from './testExecution';
import * as webhookResponse from './webhookResponse';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	// A request gets one answer: the respond operations answer with the first item only.
	const answering = this.getNodeParameter('resource', 0) === 'webhookResponse';
	return await runOperations.call(
		this,
		{
			project: project.operations,
			testCaseLog: testCaseLog.operations,
			testExecution: testExecution.operations,
			webhookResponse: webhookResponse.operations,
		},
		answering ? [0] : undefined,
	);
}
