import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

import { DOMAIN_RESTRICTION_FIELDS, NodeHelpers, injectDomainRestrictionFields } from 'n8n-workflow';
import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Every credential can be created through n8n's public API with its own fields only, on every supported n8n
 * (docs/n8n-versions.md, "Credentials through the public API"). n8n 1.x (and 2.x up to 2.24) builds that API's
 * schema so that a property with `displayOptions.show` is required whenever it is shown and refused otherwise,
 * whatever its `required` says; the e2e suite creates each credential on a real n8n, these tests keep the rule
 * that makes it work: conditional properties are written with `hide`, and none of them is required.
 */
const ROOT = join(__dirname, '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { credentials: string[] } };

const credentials: ICredentialType[] = manifest.n8n.credentials.map((file) => {
	const name = basename(file, '.credentials.js');
	const exported = require(join(ROOT, 'credentials', `${name}.credentials`)) as Record<string, new () => ICredentialType>;
	return new exported[name]();
});

const withAuthenticate = credentials.filter((credential) => credential.authenticate !== undefined);
const shown = (property: INodeProperties, values: Record<string, unknown>) =>
	NodeHelpers.displayParameter(values as never, property, null, null);
const property = (credential: ICredentialType, name: string) => credential.properties.find((candidate) => candidate.name === name)!;

describe('credential properties', () => {
	it.each(credentials.map((credential) => [credential.name, credential] as const))(
		'%s: conditional properties use `hide` only, and none of them is required',
		(_name, credential) => {
			const conditional = credential.properties.filter((candidate) => candidate.displayOptions);
			expect(conditional.filter((candidate) => candidate.displayOptions?.show).map((candidate) => candidate.name)).toEqual([]);
			expect(conditional.filter((candidate) => candidate.required).map((candidate) => candidate.name)).toEqual([]);
		},
	);

	it('declare n8n\'s "Allowed HTTP Request Domains" pair where n8n would add it, so n8n keeps ours', () => {
		expect(withAuthenticate.map((credential) => credential.name).sort()).toEqual(['azureDevOpsApi', 'tapdApi', 'testManagerApi', 'testOpsN8nApi']);
		for (const credential of withAuthenticate) {
			// n8n 2.x's own function, as its loader calls it: nothing added to ours.
			expect(injectDomainRestrictionFields(credential)).toBe(credential.properties);
		}
	});

	it('keep the pair as n8n defines it: names, types, option values and default', () => {
		const summary = (fields: INodeProperties[]) =>
			fields.map(({ name, type, default: value, options }) => ({ name, type, value, options: options?.map((option) => ('value' in option ? option.value : undefined)) }));
		for (const credential of withAuthenticate) {
			const ours = credential.properties.filter((candidate) => ['allowedHttpRequestDomains', 'allowedDomains'].includes(candidate.name));
			expect(summary(ours)).toEqual(summary(DOMAIN_RESTRICTION_FIELDS));
		}
	});

	it('show "Allowed Domains" only for "Specific Domains", as n8n does', () => {
		const allowedDomains = property(withAuthenticate[0], 'allowedDomains');
		expect(['all', 'domains', 'none'].map((mode) => shown(allowedDomains, { allowedHttpRequestDomains: mode }))).toEqual([false, true, false]);
	});

	it("show each TAPD sign-in method's fields for that method only", () => {
		const tapd = credentials.find((credential) => credential.name === 'tapdApi')!;
		const fields = ['apiUser', 'apiPassword', 'personalAccessToken', 'clientId', 'clientSecret'];
		const visible = (authType: string) => fields.filter((name) => shown(property(tapd, name), { authType }));
		expect(visible('apiAccount')).toEqual(['apiUser', 'apiPassword']);
		expect(visible('personalAccessToken')).toEqual(['personalAccessToken']);
		expect(visible('appClientCredentials')).toEqual(['clientId', 'clientSecret']);
	});
});
