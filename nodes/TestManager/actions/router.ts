import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runOperations, type OperationTable } from '../../shared/actions/operations';
import * as project from './project';
import * as testCaseLog from './testCaseLog';
import * as testExecution from './testExecution';
import * as webhookResponse from './webhookResponse';

const OPERATIONS: OperationTable = {
	project: { getAll: project.getAll },
	testCaseLog: { getAll: testCaseLog.getAll },
	testExecution: { getWithStats: testExecution.getWithStats },
	webhookResponse: {
		respondWithCreatedDefect: webhookResponse.respondWithCreatedDefect,
		respondWithDefectKpis: webhookResponse.respondWithDefectKpis,
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	// A request gets one answer: the respond operations answer with the first item only.
	const answering = this.getNodeParameter('resource', 0) === 'webhookResponse';
	return await runOperations.call(this, OPERATIONS, answering ? [0] : undefined);
}
