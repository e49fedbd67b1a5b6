/**
 * The package's repository, whose README documents each node and credential under its own heading. It is not
 * known before the first release: set it (with package.json's `repository` and `author`) before publishing;
 * `npm run release` refuses this placeholder (README, "Releasing"). n8n reads the links from the codex files
 * (`nodes/*\/*.node.json`) and the credentials' `documentationUrl`, which n8n's lint wants written out: they
 * repeat this address, and a unit test and the release check keep them in step with it and with the README.
 */
export const REPOSITORY_URL = 'https://repository.invalid/n8n-nodes-testops';
