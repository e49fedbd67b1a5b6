import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One name per concept across the four triggers, read from the built package as n8n loads it (dist/, through
 * scripts/describe.js). Saved workflows store parameter names: once published, a name can no longer change,
 * so a concept that two triggers share must be spelled the same in both. A concept is recognised by what the
 * user sees (its display name), so that a trigger which adds it under another name fails here.
 */
const built = existsSync(join(__dirname, '..', 'dist', 'nodes'));
type Property = { name: string; displayName: string; type: string; options?: unknown[]; required?: boolean };
type Description = { name: string; properties: Property[]; credentials?: Array<{ name: string; testedBy?: string }> };
type Described = { description: Description; methods: Record<string, string[]> };

const TRIGGERS = ['testanyTrigger', 'testManagerTrigger', 'tapdTrigger', 'azureDevOpsTrigger'];

/**
 * The concepts the triggers share: where each lives (`additionalOptions.x` is an option of the Additional
 * Options collection), the triggers that must have it, and names it has had or might be given. Test
 * Manager's Respond (`responseMode`) is not Acknowledge: Test Manager waits for an answer with content.
 */
const CONCEPTS = [
	{
		concept: 'the repeat window',
		displayName: 'Ignore Repeats Within (Seconds)',
		path: 'additionalOptions.repeatWindowSeconds',
		triggers: ['testanyTrigger', 'tapdTrigger', 'azureDevOpsTrigger'],
		formerNames: ['duplicateWindowSeconds', 'dedupeWindowSeconds', 'repeatWindow'],
	},
	{
		concept: 'the acknowledge option',
		displayName: 'Acknowledge',
		path: 'additionalOptions.acknowledge',
		triggers: ['testanyTrigger', 'azureDevOpsTrigger'],
		formerNames: ['acknowledgeMode', 'acknowledgement'],
	},
	{
		concept: 'the body size cap',
		displayName: 'Max Body Size (KB)',
		path: 'additionalOptions.maxBodySizeKb',
		triggers: ['tapdTrigger'],
		formerNames: ['maxBodySize', 'maxBodyKb', 'bodySizeLimit', 'maxBodyKilobytes'],
	},
	{
		concept: 'the events that start the workflow',
		displayName: 'Events',
		path: 'events',
		triggers: ['testManagerTrigger', 'tapdTrigger', 'azureDevOpsTrigger'],
		formerNames: ['eventTypes', 'event'],
	},
	{
		concept: 'showing every request header',
		displayName: 'Include All Headers',
		path: 'additionalOptions.includeAllHeaders',
		triggers: ['testManagerTrigger'],
		formerNames: ['allHeaders', 'includeHeaders'],
	},
];

/** Every property of a description as `name` or `collection.name`, with its display name. */
function propertyPaths(properties: Property[]): Array<{ path: string; property: Property }> {
	return properties.flatMap((property) => {
		const own = { path: property.name, property };
		if (property.type !== 'collection') return [own];
		const options = (property.options ?? []) as Property[];
		return [own, ...options.map((option) => ({ path: `${property.name}.${option.name}`, property: option }))];
	});
}

(built ? describe : describe.skip)("the triggers' parameter names", () => {
	const all = require('../scripts/describe.js').describeAll() as Record<string, Described & Record<string, unknown>>;
	const triggers = TRIGGERS.map((name) => all[`node:${name}`]);
	const paths = (name: string) => propertyPaths(all[`node:${name}`].description.properties);

	it('finds the four triggers', () => {
		expect(triggers.map((trigger) => trigger?.description.name)).toEqual(TRIGGERS);
	});

	it.each(CONCEPTS)('spells $concept as $path wherever it appears', ({ displayName, path, triggers: having }) => {
		const found = TRIGGERS.flatMap((name) =>
			paths(name)
				.filter(({ property }) => property.displayName === displayName)
				.map((entry) => `${name}: ${entry.path}`),
		);
		expect(found.sort()).toEqual(expect.arrayContaining(having.map((name) => `${name}: ${path}`)));
		expect(found.filter((entry) => !entry.endsWith(`: ${path}`))).toEqual([]);
	});

	it('uses no former or near name of a shared concept', () => {
		const former = new Map(CONCEPTS.flatMap(({ path, formerNames }) => formerNames.map((name) => [name, path] as const)));
		const found = TRIGGERS.flatMap((name) =>
			paths(name)
				.filter(({ path }) => former.has(path.split('.').pop() as string))
				.map(({ path }) => `${name}: ${path} (the name is ${former.get(path.split('.').pop() as string)})`),
		);
		expect(found).toEqual([]);
	});

	it('gives no trigger two properties of one name: a saved value would serve both', () => {
		for (const trigger of triggers) {
			const names = trigger.description.properties.map((property) => property.name);
			expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
		}
	});

	it("keeps a pasted secret in a credential's `secret` field, checked by a `<service>SecretStrength` test", () => {
		const pasted = triggers.flatMap((trigger) =>
			(trigger.description.credentials ?? [])
				.filter((credential) => credential.testedBy !== undefined)
				.map((credential) => ({ trigger, credential })),
		);
		expect(pasted.map(({ credential }) => credential.name).sort()).toEqual(['tapdWebhookApi', 'testManagerWebhookApi', 'testanyWebhookApi']);
		for (const { trigger, credential } of pasted) {
			const properties = all[`credential:${credential.name}`].properties as Property[];
			// The secret first; any other field is optional and not the trigger's (TAPD's RIO token, for Webhook Setting).
			expect(properties[0].name).toBe('secret');
			expect(properties.slice(1).filter((property) => (property as { required?: boolean }).required === true)).toEqual([]);
			expect(properties.map((property) => property.name).filter((name) => /secret/i.test(name))).toEqual(['secret']);
			expect(credential.testedBy).toMatch(/^[a-z][A-Za-z]*SecretStrength$/);
			expect(trigger.methods.credentialTest).toEqual([credential.testedBy]);
		}
	});

	it('describes each pasted secret once, as PASTED_SECRET in <service>/trigger/authentication.ts', () => {
		const services = { testanyTrigger: 'Testany', testManagerTrigger: 'TestManager', tapdTrigger: 'Tapd' } as const;
		for (const [name, service] of Object.entries(services)) {
			const built = join(__dirname, '..', 'dist', 'nodes', service, 'trigger', 'authentication.js');
			const { PASTED_SECRET } = require(built) as { PASTED_SECRET: { credential: string; field: string; whereToFix: string } };
			const credential = all[`node:${name}`].description.credentials?.find((one) => one.name === PASTED_SECRET.credential);
			expect(credential?.testedBy).toBeDefined();
			expect(PASTED_SECRET.field).toBe('secret');
			expect(PASTED_SECRET.whereToFix).toMatch(/^set a longer /);
		}
	});
});

if (!built) {
	it('needs the built package: run npm run build first', () => {
		expect(built).toBe(true);
	});
}
