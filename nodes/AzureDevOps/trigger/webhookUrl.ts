/**
 * Azure DevOps refuses service-hook targets on localhost or special-range IPv4/IPv6 addresses, and Basic
 * authentication over plain HTTP (docs/contracts/azure-devops.md). Checking before subscribing turns its
 * terse refusal into a message that says what to change. Host names are not resolved (nodes may not use
 * DNS): a public name that points at a private address is left for Azure DevOps to refuse.
 */

/** IPv4 special-purpose blocks (IANA registry), as [first octets as number, prefix length]. */
const IPV4_SPECIAL: Array<[string, number]> = [
	['0.0.0.0', 8], // "this network"
	['10.0.0.0', 8], // private
	['100.64.0.0', 10], // carrier-grade NAT
	['127.0.0.0', 8], // loopback
	['169.254.0.0', 16], // link-local
	['172.16.0.0', 12], // private
	['192.0.0.0', 24], // IETF protocol assignments
	['192.0.2.0', 24], // documentation
	['192.88.99.0', 24], // 6to4 relay anycast
	['192.168.0.0', 16], // private
	['198.18.0.0', 15], // benchmarking
	['198.51.100.0', 24], // documentation
	['203.0.113.0', 24], // documentation
	['224.0.0.0', 4], // multicast
	['240.0.0.0', 4], // reserved, broadcast
];

/** IPv6 special-purpose blocks, as [address, prefix length]. */
const IPV6_SPECIAL: Array<[string, number]> = [
	['::', 96], // unspecified, loopback and the deprecated IPv4-compatible ::a.b.c.d
	['::ffff:0:0', 96], // IPv4-mapped
	['::ffff:0:0:0', 96], // IPv4-translated (SIIT)
	['64:ff9b::', 96], // NAT64
	['64:ff9b:1::', 48], // local NAT64
	['100::', 64], // discard
	['2001::', 23], // IETF protocol assignments (Teredo, benchmarking, ORCHID…)
	['2001:db8::', 32], // documentation
	['2002::', 16], // 6to4
	['3fff::', 20], // documentation (RFC 9637)
	['5f00::', 16], // segment routing (SRv6) identifiers
	['fc00::', 7], // unique local
	['fe80::', 10], // link-local
	['fec0::', 10], // site-local (deprecated, still routed privately)
	['ff00::', 8], // multicast
];

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function ipv4ToBits(address: string): bigint | undefined {
	const match = IPV4.exec(address);
	if (!match) return undefined;
	let value = 0n;
	for (const part of match.slice(1)) {
		const octet = Number(part);
		if (octet > 255) return undefined;
		value = (value << 8n) | BigInt(octet);
	}
	return value;
}

function ipv6ToBits(address: string): bigint | undefined {
	let text = address;
	// An embedded dotted IPv4 tail becomes two hex groups.
	const tail = /:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
	if (tail) {
		const v4 = ipv4ToBits(tail[1]);
		if (v4 === undefined) return undefined;
		text = `${text.slice(0, tail.index)}:${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
	}
	const halves = text.split('::');
	if (halves.length > 2) return undefined;
	const head = halves[0] ? halves[0].split(':') : [];
	const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
	const missing = 8 - head.length - rest.length;
	if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
	const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
	let value = 0n;
	for (const group of groups) {
		if (!/^[0-9a-f]{1,4}$/i.test(group)) return undefined;
		value = (value << 16n) | BigInt(parseInt(group, 16));
	}
	return value;
}

function inBlocks(
	bits: bigint,
	width: number,
	blocks: Array<[string, number]>,
	parse: (address: string) => bigint | undefined,
): boolean {
	return blocks.some(([base, prefix]) => {
		const shift = BigInt(width - prefix);
		return bits >> shift === (parse(base) as bigint) >> shift;
	});
}

/** Whether an IPv4 or IPv6 literal (without brackets) lies in a special-purpose range. */
export function isSpecialRangeAddress(address: string): boolean {
	const v4 = ipv4ToBits(address);
	if (v4 !== undefined) return inBlocks(v4, 32, IPV4_SPECIAL, ipv4ToBits);
	const v6 = ipv6ToBits(address);
	if (v6 !== undefined) return inBlocks(v6, 128, IPV6_SPECIAL, ipv6ToBits);
	return false;
}

const CHANGE_URL =
	"Make n8n reachable from Azure DevOps over HTTPS at a public address and set n8n's WEBHOOK_URL to it (for example behind a reverse proxy or a tunnel), then publish again.";

/** Names that always mean this machine; any name under `.localhost` does too (RFC 6761). */
const LOCAL_NAMES = new Set(['localhost', 'localhost.localdomain', 'ip6-localhost', 'ip6-loopback']);

/**
 * The host as the check compares it: lower case, without IPv6 brackets and without trailing dots
 * (`localhost.` is the fully qualified spelling of `localhost`). The URL parser has already turned
 * shorthand, octal, hex and decimal IPv4 forms, percent-encoding and full-width letters into the
 * canonical spelling, and IPv6 into its compressed form.
 */
function comparableHost(url: URL): string {
	return url.hostname
		.toLowerCase()
		.replace(/^\[|\]$/g, '')
		.replace(/\.+$/, '');
}

/**
 * Why Azure DevOps would refuse this webhook URL, or `undefined` when it should accept it. Plain HTTP is
 * refused only when deliveries carry Basic credentials (`plainHttpAllowed` false).
 */
export function refusedWebhookUrlReason(
	webhookUrl: string,
	plainHttpAllowed = false,
): string | undefined {
	let url: URL;
	try {
		url = new URL(webhookUrl);
	} catch {
		return `The webhook URL "${webhookUrl}" is not a valid URL. ${CHANGE_URL}`;
	}
	const host = comparableHost(url);
	if (LOCAL_NAMES.has(host) || host.endsWith('.localhost')) {
		return `The webhook URL points at ${host}, and Azure DevOps refuses localhost targets. ${CHANGE_URL}`;
	}
	if (isSpecialRangeAddress(host)) {
		return `The webhook URL points at ${host}, a private, loopback or other special-range address that Azure DevOps refuses as a target. ${CHANGE_URL}`;
	}
	if (url.protocol !== 'https:' && !(plainHttpAllowed && url.protocol === 'http:')) {
		return `The webhook URL uses plain HTTP. This trigger authenticates deliveries with Basic credentials, which Azure DevOps sends only to HTTPS URLs. ${CHANGE_URL} Only for an Azure DevOps Server that reaches n8n over plain HTTP on a trusted network: set Delivery Authentication to "Secret Header Only".`;
	}
	return undefined;
}
