import type { ZodError } from 'zod';

/**
 * What failed validation, in the schema's words, each problem qualified by its path unless its message
 * already names the field: `pipelines.0.status: Expected number; totalDefects is missing`.
 */
export function describeIssues(error: ZodError, limit = Infinity): string {
	const parts = error.issues.slice(0, limit).map((issue) => {
		const path = issue.path.join('.');
		return path && !issue.message.startsWith(String(issue.path[0]))
			? `${path}: ${issue.message}`
			: issue.message;
	});
	const more = error.issues.length > limit ? ` (+${error.issues.length - limit} more)` : '';
	return `${parts.join('; ')}${more}`;
}
