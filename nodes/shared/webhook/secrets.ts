import {
	NodeOperationError,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IHookFunctions,
	type INodeCredentialTestResult,
} from 'n8n-workflow';

/** Shared secrets that users type are the only thing guarding a public URL: insist on a guessing-proof length. */
export const MIN_SHARED_SECRET_LENGTH = 24;

/** Why a user-chosen shared secret is unfit, or `undefined` when it is fine. Never includes the secret. */
export function weakSecretReason(secret: unknown): string | undefined {
	if (typeof secret !== 'string' || secret.length === 0) return 'No secret is set';
	if (secret.length < MIN_SHARED_SECRET_LENGTH) {
		return `The secret has ${secret.length} characters; use at least ${MIN_SHARED_SECRET_LENGTH} random characters`;
	}
	return undefined;
}

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
