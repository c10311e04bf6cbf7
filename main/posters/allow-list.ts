import { type Cidr, inCidr, parseCidr, parseIp, specialRange } from './address-policy.ts';

/** Poster hosts fetched although they resolve to private addresses: names, and addresses or CIDR blocks. */
export interface AllowList {
  readonly names: ReadonlySet<string>;
  readonly blocks: readonly Cidr[];
}

const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** A host name as URLs carry it: lower case, no trailing dot. */
const hostKey = (name: string) => name.toLowerCase().replace(/\.$/, '');

/** Why `entry` cannot be an allow-list entry, or `undefined` when it can. */
export function allowEntryProblem(entry: string): string | undefined {
  if (parseCidr(entry)) return undefined;
  // `10.8` is no name, and URLs would read it as 10.0.0.8.
  if (HOST_NAME.test(hostKey(entry)) && !/^[\d.]+$/.test(entry)) return undefined;
  return 'must be a host name, an IP address or a CIDR block such as 10.8.0.0/16';
}

/** Parses `--poster-allow-host` entries; throws naming the first bad one. */
export function parseAllowList(entries: readonly string[]): AllowList {
  const names = new Set<string>();
  const blocks: Cidr[] = [];
  for (const entry of entries) {
    const problem = allowEntryProblem(entry);
    if (problem) throw new Error(`poster allow-list entry "${entry}" ${problem}`);
    const cidr = parseCidr(entry);
    if (cidr) blocks.push(cidr);
    else names.add(hostKey(entry));
  }
  return { names, blocks };
}

/** Who decides which addresses a poster may come from. */
export interface TargetPolicy {
  /** Origins fetched whatever they resolve to: the configured upstream's, which serves its own posters. */
  readonly trustedOrigins: readonly string[];
  readonly allow: AllowList;
  /** The range check (`isForbiddenAddress`; tests inject one that counts a loopback address as public). */
  readonly isForbiddenAddress: (ip: string) => boolean;
}

/**
 * Why the hub will not connect to `address` for `url`, or `undefined` when it
 * may: the upstream's origin and allowed names and blocks pass, anything else
 * must be a public address.
 */
export function addressRefusal(policy: TargetPolicy, url: URL, address: string): string | undefined {
  if (policy.trustedOrigins.includes(url.origin)) return undefined;
  if (policy.allow.names.has(hostKey(url.hostname))) return undefined;
  const ip = parseIp(address);
  if (ip && policy.allow.blocks.some((b) => inCidr(ip, b))) return undefined;
  if (!policy.isForbiddenAddress(address)) return undefined;
  return `${address} is ${specialRange(address) ?? 'refused by the address policy'}`;
}
