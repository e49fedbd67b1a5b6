import { DEFAULT_N8N_VERSION, installOverrides, selectedN8nVersion, unsupportedReason } from '../dev/n8nVersions';

/** Which n8n a run uses (dev/n8nVersions.js): refused before the minutes an install takes when unsupported. */
describe('selectedN8nVersion', () => {
	it('is the default unless --n8n or TESTOPS_N8N_VERSION says otherwise; the flag wins', () => {
		expect(selectedN8nVersion(['node', 'start.js'], {})).toBe(DEFAULT_N8N_VERSION);
		expect(selectedN8nVersion(['node', 'start.js'], { TESTOPS_N8N_VERSION: ' 1.123.81 ' })).toBe('1.123.81');
		expect(selectedN8nVersion(['node', 'start.js', '--n8n', '2.0.0'], { TESTOPS_N8N_VERSION: '1.123.81' })).toBe('2.0.0');
		expect(selectedN8nVersion(['node', 'start.js', '--n8n=1.110.1'], {})).toBe('1.110.1');
	});

	it('refuses a missing, malformed or unsupported version with the supported range', () => {
		expect(() => selectedN8nVersion(['node', 'start.js', '--n8n'], {})).toThrow('--n8n needs a version');
		expect(() => selectedN8nVersion(['node', 'start.js'], { TESTOPS_N8N_VERSION: '1.109.0' })).toThrow(
			'n8n 1.109.0 is older than 1.110.0, the oldest 1.x with the n8n API this package needs',
		);
	});
});

describe('unsupportedReason', () => {
	it('accepts the supported range, both ends included', () => {
		for (const version of ['1.110.0', '1.123.81', '2.0.0', '2.40.7', '2.99.0']) expect(unsupportedReason(version)).toBeUndefined();
	});

	it('names the range for older lines, older versions, untested major lines and non-versions', () => {
		expect(unsupportedReason('0.236.0')).toMatch(/^n8n 0\.236\.0 is not supported: this package supports n8n 1\.110\.0 or later on the 1\.x line, or 2\.0\.0 or later/);
		expect(unsupportedReason('1.88.0')).toMatch(/older than 1\.110\.0/);
		expect(unsupportedReason('3.0.0')).toMatch(/is not supported/);
		expect(unsupportedReason('2.40.7-rc.1')).toMatch(/not an n8n release version/);
		expect(unsupportedReason('latest')).toMatch(/not an n8n release version/);
	});
});

describe('installOverrides', () => {
	it("gives each line the overrides it needs to install from the registry here", () => {
		expect(installOverrides('1.123.81')).toEqual({ xlsx: '0.18.5' });
		expect(installOverrides('2.40.7')).toEqual({ linkedom: '0.18.12' });
	});
});
