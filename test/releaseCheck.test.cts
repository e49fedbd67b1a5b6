import { releaseProblems, repositoryWebUrl } from '../scripts/release-check';

const ready = {
	manifest: {
		repository: { type: 'git', url: 'git+https://github.com/acme/n8n-nodes-testops.git' },
		author: { name: 'Acme QA', email: 'qa@acme.example' },
	},
	repositoryUrl: 'https://github.com/acme/n8n-nodes-testops',
	codexUrls: { 'nodes/Tapd/Tapd.node.json': ['https://github.com/acme/n8n-nodes-testops/blob/main/docs/tapd.md#tapd-node'] },
};

describe('release check', () => {
	it('lets a release go on once repository, author and documentation links are real', () => {
		expect(releaseProblems(ready)).toEqual([]);
		expect(repositoryWebUrl('git+https://github.com/acme/n8n-nodes-testops.git')).toBe('https://github.com/acme/n8n-nodes-testops');
	});

	it("refuses today's placeholders, saying what to set", () => {
		const problems = releaseProblems({
			manifest: { author: { name: 'n8n-nodes-testops contributors', email: 'maintainers@n8n-nodes-testops.invalid' } },
			repositoryUrl: 'https://repository.invalid/n8n-nodes-testops',
			codexUrls: { 'nodes/Tapd/Tapd.node.json': ['https://repository.invalid/n8n-nodes-testops/blob/main/docs/tapd.md#tapd-node'] },
		});
		expect(problems).toEqual([
			expect.stringMatching(/^package\.json: set "repository"/),
			expect.stringMatching(/^package\.json: set "author"/),
			expect.stringMatching(/^nodes\/shared\/documentation\.ts: set REPOSITORY_URL/),
		]);
	});

	it("refuses the starter's placeholder repository, one that is not on GitHub, and links elsewhere", () => {
		const starter = { ...ready, manifest: { ...ready.manifest, repository: { url: 'https://github.com/<...>/n8n-nodes-<...>.git' } } };
		expect(releaseProblems(starter)[0]).toMatch(/"repository"/);
		const gitlab = { ...ready, manifest: { ...ready.manifest, repository: 'https://gitlab.com/acme/n8n-nodes-testops' } };
		expect(releaseProblems(gitlab)[0]).toMatch(/"repository"/);
		const stale = { ...ready, codexUrls: { 'nodes/Tapd/Tapd.node.json': ['https://repository.invalid/n8n-nodes-testops/blob/main/docs/tapd.md#tapd-node'] } };
		expect(releaseProblems(stale)).toEqual([expect.stringMatching(/^nodes\/Tapd\/Tapd\.node\.json: /)]);
		const notAGuide = { ...ready, codexUrls: { 'nodes/Tapd/Tapd.node.json': ['https://github.com/acme/n8n-nodes-testops#tapd-node'] } };
		expect(releaseProblems(notAGuide)).toEqual([expect.stringMatching(/^nodes\/Tapd\/Tapd\.node\.json: .*\/blob\/main\//)]);
		const otherRepository = { ...ready, repositoryUrl: 'https://github.com/someone/else' };
		expect(releaseProblems(otherRepository)).toEqual(expect.arrayContaining([expect.stringMatching(/set REPOSITORY_URL to https:\/\/github\.com\/acme\/n8n-nodes-testops/)]));
	});
});
