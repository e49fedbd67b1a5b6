/**
 * The package's repository, whose guides (docs/<service>.md, docs/operations.md) document each node and
 * credential under its own heading. It is not known before the first release: set it (with package.json's
 * `repository` and `author`) before publishing; `npm run release` refuses this placeholder (CONTRIBUTING.md,
 * "Releasing"). n8n reads the links from the codex files (`nodes/*\/*.node.json`) and the credentials'
 * `documentationUrl`, which n8n's lint wants written out: they repeat `DOCUMENTATION_BASE_URL` followed by a
 * guide's path and a heading anchor, and a unit test (test/docs.test.cts) and the release check keep them in
 * step with it and with the guides.
 */
export const REPOSITORY_URL = 'https://repository.invalid/n8n-nodes-testops';

/** Where GitHub shows the files of the released branch: every documentation link starts here. */
export const DOCUMENTATION_BASE_URL = `${REPOSITORY_URL}/blob/main/`;
