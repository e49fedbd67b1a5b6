import {
	NodeOperationError,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IHookFunctions,
	type INodeCredentialTestResult,
} from 'n8n-workflow';

/** Shared secrets that users type are the only thing guarding a public URL: insist on a guessing-proof length. */
export const MIN_SHARED_SECRET_LENGTH = 24;

/** Fewer different characters than this is a short alphabet (24 random digits use 5 or more, but for 1 in 10^7). */
const MIN_DISTINCT_CHARACTERS = 5;

const ADVICE = `use at least ${MIN_SHARED_SECRET_LENGTH} random characters, e.g. from \`openssl rand -hex 24\``;

/** The length of the shortest unit the text repeats (`abcabcabc` → 3), or its length when it repeats none. */
function repeatedUnitLength(text: string): number {
	for (let unit = 1; unit <= text.length / 2; unit++) {
		let repeats = true;
		for (let i = unit; i < text.length && repeats; i++) repeats = text[i] === text[i - unit];
		if (repeats) return unit;
	}
	return text.length;
}

/**
 * Whether more than four in five neighbouring characters are equal or consecutive (`aaaa…`, `abcdef…`,
 * `987654…`). Four in five, not two in three: 24 random digits are such a run once in 10^7, not once in 20 000.
 */
function mostlyARun(text: string): boolean {
	let steps = 0;
	for (let i = 1; i < text.length; i++) {
		if (Math.abs(text.charCodeAt(i) - text.charCodeAt(i - 1)) <= 1) steps++;
	}
	return steps * 5 > (text.length - 1) * 4;
}

/**
 * Why a user-chosen shared secret is unfit, or `undefined` when it is fine. Besides the length, it refuses
 * what a guesser tries first: one character or a handful of them, a repeated pattern, a run such as
 * `abcdef…`. Random values pass (the thresholds leave random hex, base64 and even decimal digits alone).
 * Never includes the secret.
 */
export function weakSecretReason(secret: unknown): string | undefined {
	if (typeof secret !== 'string' || secret.length === 0) return 'No secret is set';
	if (secret.length < MIN_SHARED_SECRET_LENGTH) {
		return `The secret has ${secret.length} characters; ${ADVICE}`;
	}
	const distinct = new Set(secret).size;
	if (distinct < MIN_DISTINCT_CHARACTERS) {
		return `The secret uses only ${distinct} different character${distinct === 1 ? '' : 's'}; ${ADVICE}`;
	}
	const unit = repeatedUnitLength(secret);
	if (unit < secret.length) {
		return `The secret repeats the same ${unit} characters; ${ADVICE}`;
	}
	if (mostlyARun(secret)) {
		return `The secret is mostly a run of equal or consecutive characters; ${ADVICE}`;
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
			: { status: 'OK', message: 'Strong enough to guard a public webhook URL' };
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
