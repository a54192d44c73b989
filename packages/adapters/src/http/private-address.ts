import { BlockList, isIP } from 'node:net';

/**
 * IPv4 ranges that are not globally reachable (IANA special-purpose registry): this network (0.0.0.0
 * reaches the local host on Linux), RFC 1918, CGNAT, loopback, link-local (cloud metadata at
 * 169.254.169.254), protocol assignments, documentation, benchmarking, 6to4 relay, multicast, reserved
 * and broadcast.
 */
const IPV4_RANGES: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

/**
 * IPv6 ranges that are not globally reachable: unspecified, loopback and IPv4-compatible (::/96),
 * IPv4-translated, local-use NAT64, discard-only, IETF protocol assignments (Teredo included),
 * documentation, SRv6 SIDs, unique-local (fc00::/7), link-local, site-local and multicast.
 * IPv4-mapped, NAT64 and 6to4 addresses are judged by the IPv4 address they carry.
 */
const IPV6_RANGES: [string, number][] = [
  ['::', 96],
  ['::ffff:0:0:0', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['3fff::', 20],
  ['5f00::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
];

const blocked = new BlockList();
for (const [network, prefix] of IPV4_RANGES) blocked.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of IPV6_RANGES) blocked.addSubnet(network, prefix, 'ipv6');

/** The eight 16-bit groups of a valid IPv6 address (a trailing dotted quad becomes the last two). */
function hextets(address: string): number[] {
  let text = address.toLowerCase();
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const [a = 0, b = 0, c = 0, d = 0] = tail.split('.').map(Number);
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const left = parse(head);
  const right = rest === undefined ? [] : parse(rest);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

const dottedQuad = (high: number, low: number): string => `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;

/** The IPv4 address an IPv4-mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address carries. */
function embeddedIPv4(address: string): string | null {
  const groups = hextets(address);
  const [g0, g1, g2, g3, g4, g5, g6 = 0, g7 = 0] = groups;
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0xffff) return dottedQuad(g6, g7);
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return dottedQuad(g6, g7);
  if (g0 === 0x2002) return dottedQuad(g1 ?? 0, g2 ?? 0);
  return null;
}

/**
 * Whether `ip` is anything but a public unicast address: loopback, private, link-local, unique-local,
 * CGNAT, unspecified, multicast, reserved, documentation, or an IPv6 address carrying one of those IPv4
 * addresses. Anything that is not an IP address counts as private, so callers fail closed.
 */
export function isPrivateAddress(ip: string): boolean {
  const address = ip.replace(/%.*$/, ''); // A zone id (fe80::1%eth0) does not change the range.
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  const carried = embeddedIPv4(address);
  if (carried !== null && blocked.check(carried, 'ipv4')) return true;
  return blocked.check(address, 'ipv6');
}
