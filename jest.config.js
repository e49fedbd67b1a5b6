/** Unit tests and the end-to-end suite are written as .cts: TypeScript that n8n's strict node lint leaves alone. */
const shared = {
	testEnvironment: 'node',
	moduleFileExtensions: ['cts', 'ts', 'js', 'json'],
	transform: { '^.+\\.c?ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }] },
};

module.exports = {
	projects: [
		{ ...shared, displayName: 'unit', testMatch: ['<rootDir>/test/**/*.test.cts'] },
		{
			...shared,
			displayName: 'e2e',
			testMatch: ['<rootDir>/e2e/**/*.test.cts'],
			globalSetup: '<rootDir>/e2e/harness/globalSetup.cts',
			globalTeardown: '<rootDir>/e2e/harness/globalTeardown.cts',
			testTimeout: 120000,
		},
	],
};
