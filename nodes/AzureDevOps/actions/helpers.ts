/** Splits a comma- or semicolon-separated option into trimmed, non-empty values. */
export const splitList = (value: unknown): string[] =>
	typeof value === 'string'
		? value
				.split(/[,;\n]/)
				.map((part) => part.trim())
				.filter((part) => part !== '')
		: [];
