/**
 * Tests are TypeScript in `.cts` files, which n8n's strict node lint (every `*.ts`) leaves alone; `dev/` (the
 * stack `npm start` and the e2e suite share: n8n, fakes, credential seeds) and the jest-only `e2e/harness/` are
 * plain CommonJS with JSDoc types, so `npm start` runs them without a build.
 */
const shared = {
	testEnvironment: 'node',
	moduleFileExtensions: ['cts', 'ts', 'js', 'json'],
	// Transpiled file by file (isolatedModules): `npm run typecheck` type-checks the tests once, with tsc.
	transform: { '^.+\\.c?ts$': ['ts-jest', { tsconfig: 'test/tsconfig.jest.json' }] },
	// The build copies package.json into dist/; jest would see two packages of one name.
	modulePathIgnorePatterns: ['<rootDir>/dist/package.json'],
};

module.exports = {
	reporters: ['default', '<rootDir>/test/summaryReporter.js'],
	projects: [
		{
			...shared,
			displayName: 'unit',
			testMatch: ['<rootDir>/test/**/*.test.cts'],
			// The retry policy's waits on a virtual clock (nodes/shared/http/retry.ts).
			setupFilesAfterEnv: ['<rootDir>/test/helpers/virtualClock.js'],
		},
		{
			...shared,
			displayName: 'e2e',
			testMatch: ['<rootDir>/e2e/**/*.test.cts'],
			testPathIgnorePatterns: ['/node_modules/', '<rootDir>/e2e/queue/'],
			globalSetup: '<rootDir>/e2e/harness/globalSetup.js',
			globalTeardown: '<rootDir>/e2e/harness/globalTeardown.js',
			testTimeout: 120000,
		},
		{
			// n8n's queue mode: PostgreSQL, Redis, a main, a worker and two webhook processes (dev/queueStack.js).
			...shared,
			displayName: 'queue',
			testMatch: ['<rootDir>/e2e/queue/**/*.test.cts'],
			globalSetup: '<rootDir>/e2e/harness/queueGlobalSetup.js',
			globalTeardown: '<rootDir>/e2e/harness/queueGlobalTeardown.js',
			testTimeout: 120000,
		},
	],
};
