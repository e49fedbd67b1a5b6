import {
	NodeOperationError,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IHookFunctions,
	type INodeCredentialTestResult,
} from 'n8n-workflow';

import { weakSecretReason } from './webhookAuth';

/**
 * A credential test (`testedBy`) for a secret the user chose and pasted into the sending system: nothing
 * to call, so it checks that the secret is long enough to guard a public URL.
 */
export function secretStrengthTest(field: string) {
	return async function (
		this: ICredentialTestFunctions,
		credential: ICredentialsDecrypted,
	): Promise<INodeCredentialTestResult> {
		const problem = weakSecretReason(credential.data?.[field]);
		return problem
			? { status: 'Error', message: problem }
			: { status: 'OK', message: 'Long enough to guard a public webhook URL' };
	};
}

/** Stops publication while a user-chosen secret is too weak, saying where to fix it. */
export function assertStrongSecret(
	context: IHookFunctions,
	secret: unknown,
	whereToFix: string,
): void {
	const problem = weakSecretReason(secret);
	if (problem) throw new NodeOperationError(context.getNode(), `${problem}: ${whereToFix}`);
}
