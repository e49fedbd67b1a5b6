import { sha256 } from '@noble/hashes/sha256';

import type { WebhookSetting } from '../../../nodes/Tapd/api/webhookSettings';
import { isCurrent, newSettingFields, settingMatches, sortOutSettings, unpublishableReason, type ExpectedSetting } from '../../../nodes/Tapd/trigger/setting';

const URL = 'https://n8n.example.com/webhook/abc/tapd';
const expected: ExpectedSetting = { workspaceId: '10158231', url: URL, events: ['bug::create', 'bug::update'], contentType: 'json' };
const matching: WebhookSetting = { id: '7', workspace_id: '10158231', url: URL, events: 'bug::update,bug::create', content_type: 'json', status: 'normal', secret: '0d6f3b9e1a7c5e2f8b4d0a6c3e9f1b7d5a2c8e4f' };
// Digests come from @noble/hashes, not from the code under test.
const digestOf = (secret: string) => Buffer.from(sha256(Buffer.from(secret))).toString('hex');

describe('settingMatches', () => {
	it('matches a normal setting at this URL with these events (in any order) and content type', () => {
		expect(settingMatches(matching, expected)).toBe(true);
		expect(settingMatches({ ...matching, status: undefined, content_type: undefined }, expected)).toBe(true);
	});

	it.each([
		['closed', { status: 'closed' }],
		['at another URL', { url: 'https://old.example/' }],
		['with other events', { events: 'bug::create' }],
		['sending forms', { content_type: 'form' }],
	])('does not match a setting %s', (_label, change) => {
		expect(settingMatches({ ...matching, ...change }, expected)).toBe(false);
	});
});

describe('isCurrent', () => {
	const stored = { settingId: '7', workspaceId: '10158231', secretDigest: digestOf(matching.secret as string) };
	it('is true only for a matching setting of the workspace the trigger names', () => {
		expect(isCurrent(stored, matching, expected)).toBe(true);
		expect(isCurrent(stored, undefined, expected)).toBe(false);
		expect(isCurrent(stored, matching, { ...expected, workspaceId: '42' })).toBe(false);
		expect(isCurrent(stored, { ...matching, status: 'closed' }, expected)).toBe(false);
	});

	it('is false when TAPD shows a secret other than the one whose digest was kept (changed in TAPD)', () => {
		expect(isCurrent(stored, { ...matching, secret: '9'.repeat(40) }, expected)).toBe(false);
		expect(isCurrent({ ...stored, secretDigest: undefined }, matching, expected)).toBe(false);
		const { secret: _hidden, ...withoutSecret } = matching;
		expect(isCurrent(stored, withoutSecret as WebhookSetting, expected)).toBe(true);
	});
});

describe('sortOutSettings', () => {
	const ours = digestOf(matching.secret as string);

	it('adopts a matching setting whose secret this trigger generated; every other one at exactly this URL is a leftover', () => {
		const leftover = { ...matching, id: '8', events: 'story::create' };
		const noSecret = { ...matching, id: '9', secret: '' };
		const elsewhere = { ...matching, id: '10', url: 'https://other.example/' };
		const { adoptable, leftovers } = sortOutSettings([leftover, matching, noSecret, elsewhere], expected, ours);
		expect(adoptable?.id).toBe('7');
		expect(leftovers.map((setting) => setting.id)).toEqual(['8', '9']);
	});

	it('never adopts a setting whose secret somebody else chose, however strong, nor one when no digest is kept', () => {
		const strangers = { ...matching, secret: 'f3a9c1e7b5d2048a6c3e9f1b7d5a2c08e4b6d1f3a5c7e9b2d4f6a8c0e2b4d6f8' };
		expect(sortOutSettings([strangers], expected, ours)).toEqual({ adoptable: undefined, leftovers: [strangers] });
		expect(sortOutSettings([matching], expected, undefined)).toEqual({ adoptable: undefined, leftovers: [matching] });
		const { secret: _hidden, ...withoutSecret } = matching;
		expect(sortOutSettings([withoutSecret as WebhookSetting], expected, ours).adoptable).toBeUndefined();
		expect(sortOutSettings([{ ...matching, secret: 'short' }], expected, digestOf('short')).adoptable).toBeUndefined();
	});
});

describe('unpublishableReason and newSettingFields', () => {
	it('insists on a numeric workspace and at least one event', () => {
		expect(unpublishableReason(expected)).toBeUndefined();
		expect(unpublishableReason({ ...expected, workspaceId: 'my-project' })).toMatch(/numeric TAPD project ID/);
		expect(unpublishableReason({ ...expected, events: [] })).toBe('Select at least one event');
	});

	it('asks TAPD for the expected deliveries with the secret', () => {
		expect(newSettingFields(expected, 'k'.repeat(64))).toEqual({ workspace_id: '10158231', url: URL, events: 'bug::create,bug::update', content_type: 'json', secret: 'k'.repeat(64) });
	});
});
