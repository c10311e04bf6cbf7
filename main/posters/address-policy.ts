import { isIP } from 'node:net';

/**
 * Which addresses the hub refuses to fetch a poster from. A poster URL comes
 * from a feed or from anyone holding an API token, and the hub serves what it
 * fetched to every screen, so a URL naming the hub's own machine, the LAN or
 * a cloud metadata service would turn the hub into a proxy into the venue's
 * network. Only globally routable unicast addresses pass; everything else is
 * named by the range it falls in, for the log.
 */

/** An IP address as a number: 32 bits for IPv4, 128 for IPv6. */
export interface ParsedIp {
  readonly family: 4 | 6;
  readonly value: bigint;
}

/** `ip` parsed, brackets and an IPv6 zone (`%eth0`) ignored; `undefined` unless it is an IP address. */
export function parseIp(ip: string): ParsedIp | undefined {
  const bare = ip.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return { family, value: v4Value(bare) };
  if (family === 6) return { family, value: v6Value(bare) };
  return undefined;
}

function v4Value(ip: string): bigint {
  return ip.split('.').reduce((n, part) => (n << 8n) | BigInt(Number(part)), 0n);
}

function v6Value(ip: string): bigint {
  let text = ip.toLowerCase();
  // A dotted IPv4 tail (`::ffff:127.0.0.1`) is the last two groups.
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (tail) {
    const v4 = v4Value(tail);
    text = `${text.slice(0, -tail.length)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const left = groups(head);
  const right = rest === undefined ? [] : groups(rest);
  const all = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return all.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** A CIDR block, e.g. `10.0.0.0/8` or `fc00::/7`. */
export interface Cidr {
  readonly base: ParsedIp;
  readonly prefix: number;
}

/** `text` as a CIDR block (a bare address is a block of one); `undefined` if it is not one. */
export function parseCidr(text: string): Cidr | undefined {
  const m = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(text);
  const base = m && parseIp(m[1]!);
  if (!base) return undefined;
  const bits = base.family === 4 ? 32 : 128;
  const prefix = m[2] === undefined ? bits : Number(m[2]);
  return prefix <= bits ? { base, prefix } : undefined;
}

/** Whether `ip` lies in `cidr`; an IPv4-mapped IPv6 address also counts as its IPv4 address. */
export function inCidr(ip: ParsedIp, cidr: Cidr): boolean {
  return within(ip, cidr) || within(unmapped(ip), cidr);
}

function within(ip: ParsedIp, cidr: Cidr): boolean {
  if (ip.family !== cidr.base.family) return false;
  const shift = BigInt((ip.family === 4 ? 32 : 128) - cidr.prefix);
  return ip.value >> shift === cidr.base.value >> shift;
}

const MAPPED = parseCidr('::ffff:0:0/96')!;

/** `::ffff:a.b.c.d` as `a.b.c.d`; any other address as it is. */
function unmapped(ip: ParsedIp): ParsedIp {
  if (ip.family !== 6 || ip.value >> 32n !== MAPPED.base.value >> 32n) return ip;
  return { family: 4, value: ip.value & 0xffffffffn };
}

const block = (text: string, name: string) => ({ cidr: parseCidr(text)!, name });

/** IANA's special-purpose IPv4 registry, the parts that are not globally reachable. */
const V4_SPECIAL = [
  block('0.0.0.0/8', 'unspecified ("this network")'),
  block('10.0.0.0/8', 'private (RFC 1918)'),
  block('100.64.0.0/10', 'shared address space (CGNAT)'),
  block('127.0.0.0/8', 'loopback'),
  block('169.254.0.0/16', 'link-local'),
  block('172.16.0.0/12', 'private (RFC 1918)'),
  block('192.0.0.0/24', 'IETF protocol assignments'),
  block('192.0.2.0/24', 'documentation'),
  block('192.88.99.0/24', '6to4 relay anycast'),
  block('192.168.0.0/16', 'private (RFC 1918)'),
  block('198.18.0.0/15', 'benchmarking'),
  block('198.51.100.0/24', 'documentation'),
  block('203.0.113.0/24', 'documentation'),
  block('224.0.0.0/4', 'multicast'),
  block('240.0.0.0/4', 'reserved'),
];

/** IPv6 forms that carry an IPv4 address, which decides: mapped, NAT64 (last 32 bits), 6to4 (bits 16–47). */
const V6_EMBEDDING = [
  { ...block('::ffff:0:0/96', 'IPv4-mapped'), shift: 0n },
  { ...block('64:ff9b::/96', 'NAT64'), shift: 0n },
  { ...block('2002::/16', '6to4'), shift: 80n },
];

const V6_SPECIAL = [
  block('::/128', 'unspecified'),
  block('::1/128', 'loopback'),
  block('64:ff9b:1::/48', 'NAT64 local use'),
  block('100::/64', 'discard-only'),
  block('2001:db8::/32', 'documentation'),
  block('2001::/23', 'IETF protocol assignments'),
  block('3fff::/20', 'documentation'),
  block('fc00::/7', 'unique local (ULA)'),
  block('fe80::/10', 'link-local'),
  block('fec0::/10', 'site-local'),
  block('ff00::/8', 'multicast'),
];

const GLOBAL_UNICAST = parseCidr('2000::/3')!;

/**
 * The special-purpose range `ip` falls in (`"loopback"`, `"private (RFC 1918)"`,
 * `"IPv4-mapped loopback"`, …), or `undefined` for a globally routable unicast
 * address. A string that is not an IP address in canonical text form (`0x7f.1`,
 * `2130706433`, a host name) is `"not an IP address"`: resolve names first.
 */
export function specialRange(ip: string): string | undefined {
  const parsed = parseIp(ip);
  if (!parsed) return 'not an IP address';
  if (parsed.family === 4) return V4_SPECIAL.find((b) => within(parsed, b.cidr))?.name;
  for (const e of V6_EMBEDDING) {
    if (!within(parsed, e.cidr)) continue;
    const v4: ParsedIp = { family: 4, value: (parsed.value >> e.shift) & 0xffffffffn };
    const inner = V4_SPECIAL.find((b) => within(v4, b.cidr))?.name;
    return inner && `${e.name} ${inner}`;
  }
  const special = V6_SPECIAL.find((b) => within(parsed, b.cidr))?.name;
  if (special) return special;
  return within(parsed, GLOBAL_UNICAST) ? undefined : 'reserved';
}

/** Whether the hub refuses to connect to `ip` for a poster (see `specialRange`). */
export function isForbiddenAddress(ip: string): boolean {
  return specialRange(ip) !== undefined;
}
