import { isSpecialRangeAddress, refusedWebhookUrlReason } from '../../../nodes/AzureDevOps/trigger/webhookUrl';

describe('refusedWebhookUrlReason', () => {
	it.each([
		'https://n8n.example.com/webhook/abc/azure-devops',
		'https://8.8.8.8/webhook/x',
		'https://[2606:4700:4700::1111]/webhook/x',
		'https://172.32.0.1/webhook/x', // just outside 172.16/12
		'https://100.128.0.1/webhook/x', // just outside 100.64/10
		'https://n8n.example.com./webhook/x', // a fully qualified public name
		'https://localhost.example.com/webhook/x', // a public name that merely starts with localhost
		'https://[2001:4860:4860::8888]/webhook/x', // 2001:4860 is outside 2001::/23
		'https://[fbff::1]/webhook/x', // just below fe80::/10
	])('accepts %s', (url) => {
		expect(refusedWebhookUrlReason(url)).toBeUndefined();
	});

	it.each([
		['https://localhost:5678/webhook/x', /localhost/],
		['https://api.localhost/webhook/x', /localhost/],
		['https://127.0.0.1/webhook/x', /special-range/],
		['https://2130706433/webhook/x', /127\.0\.0\.1.*special-range/], // decimal form of 127.0.0.1
		['https://10.1.2.3/webhook/x', /special-range/],
		['https://172.16.5.4/webhook/x', /special-range/],
		['https://192.168.1.10/webhook/x', /special-range/],
		['https://169.254.169.254/webhook/x', /special-range/],
		['https://100.64.0.1/webhook/x', /special-range/],
		['https://0.0.0.0/webhook/x', /special-range/],
		['https://224.0.0.1/webhook/x', /special-range/],
		['https://[::1]/webhook/x', /special-range/],
		['https://[::ffff:127.0.0.1]/webhook/x', /special-range/],
		['https://[fe80::1]/webhook/x', /special-range/],
		['https://[fd12:3456::1]/webhook/x', /special-range/],
		['https://[2001:db8::1]/webhook/x', /special-range/],
		['http://n8n.example.com/webhook/x', /plain HTTP.*Basic.*Secret Header Only/],
		['not a url', /not a valid URL/],
	])('refuses %s and says why', (url, why) => {
		const reason = refusedWebhookUrlReason(url);
		expect(reason).toMatch(why);
		expect(reason).toMatch(/WEBHOOK_URL/);
	});

	// Spellings that slipped past earlier checks: trailing dots, other IPv6 forms of loopback and private ranges.
	it.each([
		['https://localhost./webhook/x', 'localhost', /localhost targets/],
		['https://LOCALHOST../webhook/x', 'localhost', /localhost targets/],
		['https://foo.localhost./webhook/x', 'foo.localhost', /localhost targets/],
		['https://localhost.localdomain./webhook/x', 'localhost.localdomain', /localhost targets/],
		['https://ip6-localhost/webhook/x', 'ip6-localhost', /localhost targets/],
		['https://%6c%6fcalhost/webhook/x', 'localhost', /localhost targets/], // percent-encoded
		['https://ｌｏｃａｌｈｏｓｔ/webhook/x', 'localhost', /localhost targets/], // full-width letters
		['https://127.0.0.1./webhook/x', '127.0.0.1', /special-range/],
		['https://127.1/webhook/x', '127.0.0.1', /special-range/], // shorthand
		['https://0x7f.1/webhook/x', '127.0.0.1', /special-range/], // hex
		['https://017700000001/webhook/x', '127.0.0.1', /special-range/], // octal
		['https://0/webhook/x', '0.0.0.0', /special-range/],
		['https://[::127.0.0.1]/webhook/x', '::7f00:1', /special-range/], // IPv4-compatible
		['https://[::10.0.0.1]/webhook/x', '::a00:1', /special-range/],
		['https://[::ffff:0:127.0.0.1]/webhook/x', '::ffff:0:7f00:1', /special-range/], // IPv4-translated
		['https://[::ffff:10.1.2.3]/webhook/x', '::ffff:a01:203', /special-range/], // IPv4-mapped
		['https://[0:0:0:0:0:0:0:1]/webhook/x', '::1', /special-range/],
		['https://[::]/webhook/x', '::', /special-range/],
		['https://[fec0::1]/webhook/x', 'fec0::1', /special-range/], // site-local
		['https://[feff::1]/webhook/x', 'feff::1', /special-range/],
		['https://[64:ff9b::7f00:1]/webhook/x', '64:ff9b::7f00:1', /special-range/], // NAT64 of 127.0.0.1
		['https://[2002:7f00:1::]/webhook/x', '2002:7f00:1::', /special-range/], // 6to4 of 127.0.0.1
		['https://[2001::1]/webhook/x', '2001::1', /special-range/], // Teredo
		['https://[3fff::1]/webhook/x', '3fff::1', /special-range/], // documentation (RFC 9637)
	])('refuses %s, seen as %s', (url, host, why) => {
		const reason = refusedWebhookUrlReason(url);
		expect(reason).toMatch(why);
		expect(reason).toContain(`points at ${host},`);
		expect(reason).toMatch(/WEBHOOK_URL/);
	});
});

describe('refusedWebhookUrlReason with the secret header only', () => {
	it('accepts plain HTTP, since no Basic credentials travel', () => {
		expect(refusedWebhookUrlReason('http://tfs-hooks.corp.example:5678/webhook/x', true)).toBeUndefined();
	});

	it('still refuses what Azure DevOps refuses whatever the scheme', () => {
		expect(refusedWebhookUrlReason('http://localhost:5678/webhook/x', true)).toMatch(/localhost/);
		expect(refusedWebhookUrlReason('http://10.0.0.5/webhook/x', true)).toMatch(/special-range/);
		expect(refusedWebhookUrlReason('ftp://n8n.example.com/webhook/x', true)).toMatch(/plain HTTP/);
	});
});

describe('isSpecialRangeAddress', () => {
	it('reads compressed and full IPv6 forms alike', () => {
		expect(isSpecialRangeAddress('0:0:0:0:0:0:0:1')).toBe(true);
		expect(isSpecialRangeAddress('fc00::')).toBe(true);
		expect(isSpecialRangeAddress('2a00:1450:4001::200e')).toBe(false);
	});

	it('does not treat host names or malformed literals as addresses', () => {
		expect(isSpecialRangeAddress('example.com')).toBe(false);
		expect(isSpecialRangeAddress('999.1.1.1')).toBe(false);
		expect(isSpecialRangeAddress('1::2::3')).toBe(false);
	});
});
