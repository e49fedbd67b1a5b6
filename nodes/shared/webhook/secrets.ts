import {
	NodeOperationError,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IHookFunctions,
	type INodeCredentialTestResult,
} from 'n8n-workflow';

/** Shared secrets that users type are the only thing guarding a public URL: insist on a guessing-proof length. */
export const MIN_SHARED_SECRET_LENGTH = 24;

/**
 * The longest shared secret a trigger accepts: far beyond what a generator gives (`openssl rand -hex 64` is
 * 128), and short enough that no check of it, at publish or per delivery, costs anything.
 */
export const MAX_SHARED_SECRET_LENGTH = 256;

/** Fewer different characters than this is a short alphabet (24 random digits use 5 or more, but for 1 in 10^7). */
const MIN_DISTINCT_CHARACTERS = 5;

/**
 * A secret must hold at least this many different three-character sequences, or half as many as it has
 * positions (up to {@link ENOUGH_TRIGRAMS}): fewer is a short pattern repeated with a few changes
 * (`aZ1q9!` four times and an `X` has 7 of 23). 24 random digits have fewer than 12 about once in 10^9: in
 * 20 million draws none had fewer than 15.
 */
const MIN_DISTINCT_TRIGRAMS = 12;

/** As many different three-character sequences as a random unit of 64 characters has: enough at any length. */
const ENOUGH_TRIGRAMS = 64;

const ADVICE = `use at least ${MIN_SHARED_SECRET_LENGTH} random characters, e.g. from \`openssl rand -hex 24\``;

/**
 * The length of the shortest unit the text repeats (`abcabcab` → 3), or its length when it repeats none:
 * its smallest period, from the longest border that Knuth–Morris–Pratt's prefix function finds in linear time.
 */
function repeatedUnitLength(text: string): number {
	const border = new Array<number>(text.length).fill(0);
	for (let i = 1; i < text.length; i++) {
		let k = border[i - 1];
		while (k > 0 && text[i] !== text[k]) k = border[k - 1];
		border[i] = text[i] === text[k] ? k + 1 : k;
	}
	const period = text.length - (border[text.length - 1] ?? 0);
	return period <= text.length / 2 ? period : text.length;
}

/** How many different three-character sequences the text holds. */
function distinctTrigrams(text: string): number {
	const seen = new Set<string>();
	for (let i = 0; i + 3 <= text.length; i++) seen.add(text.slice(i, i + 3));
	return seen.size;
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
 * What a guesser tries first, whatever the length: one character or a handful of them, a repeated pattern
 * (exactly, or with a few changes), a run such as `abcdef…`. Linear in the length. Never includes the text.
 */
export function guessablePattern(secret: string): string | undefined {
	const distinct = new Set(secret).size;
	if (distinct < MIN_DISTINCT_CHARACTERS) {
		return `The secret uses only ${distinct} different character${distinct === 1 ? '' : 's'}`;
	}
	const unit = repeatedUnitLength(secret);
	if (unit < secret.length) return `The secret repeats the same ${unit} characters`;
	if (mostlyARun(secret)) return 'The secret is mostly a run of equal or consecutive characters';
	const trigrams = distinctTrigrams(secret);
	const halfThePositions = Math.ceil((secret.length - 2) / 2);
	if (trigrams < Math.max(MIN_DISTINCT_TRIGRAMS, Math.min(halfThePositions, ENOUGH_TRIGRAMS))) {
		return `The secret is mostly a repeated pattern (${trigrams} different sequences of three characters)`;
	}
	return undefined;
}

/**
 * Why a user-chosen shared secret is unfit, or `undefined` when it is fine: its length (24 to 256
 * characters), then {@link guessablePattern}. Random values pass (the thresholds leave random hex, base64
 * and even decimal digits alone). Checked when publishing and by the credential's test, never per delivery.
 * Never includes the secret.
 */
export function weakSecretReason(secret: unknown): string | undefined {
	if (typeof secret !== 'string' || secret.length === 0) return 'No secret is set';
	if (secret.length < MIN_SHARED_SECRET_LENGTH) {
		return `The secret has ${secret.length} characters; ${ADVICE}`;
	}
	if (secret.length > MAX_SHARED_SECRET_LENGTH) {
		return `The secret has ${secret.length} characters, more than ${MAX_SHARED_SECRET_LENGTH}; ${ADVICE}`;
	}
	const pattern = guessablePattern(secret);
	return pattern ? `${pattern}; ${ADVICE}` : undefined;
}

/**
 * What a delivery checks of the secret it is compared with, instead of its strength (judged once, at
 * publish): a string of an acceptable length, so that an unset or emptied secret authenticates nobody.
 */
export function usableSecret(secret: unknown): secret is string {
	return (
		typeof secret === 'string' &&
		secret.length >= MIN_SHARED_SECRET_LENGTH &&
		secret.length <= MAX_SHARED_SECRET_LENGTH
	);
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
