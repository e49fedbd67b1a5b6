/**
 * The package's repository, whose README documents each node and credential under its own heading. It is not
 * known before the first release: set it (with package.json's `repository` and `author`) before publishing;
 * `npm run release` refuses this placeholder (README, "Releasing"). The codex files (`nodes/*\/*.node.json`)
 * hold the same address, and a unit test keeps them and the README's headings in step.
 */
export const REPOSITORY_URL = 'https://repository.invalid/n8n-nodes-testops';

/** A README section of the repository, by the anchor GitHub gives its heading. */
export const documentationUrl = (anchor: string): string => `${REPOSITORY_URL}#${anchor}`;
