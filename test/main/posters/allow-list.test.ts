import { describe, expect, it } from 'vitest';
import { isForbiddenAddress } from '../../../main/posters/address-policy.ts';
import {
  type TargetPolicy,
  addressRefusal,
  allowEntryProblem,
  parseAllowList,
} from '../../../main/posters/allow-list.ts';

const policy = (allow: string[], trustedOrigins: string[] = []): TargetPolicy => ({
  trustedOrigins,
  allow: parseAllowList(allow),
  isForbiddenAddress,
});

describe('addressRefusal', () => {
  const chain = policy(['posters.chain.vpn', '10.8.0.0/16', 'fd00::/8'], ['http://10.0.0.2:4747']);

  it.each([
    ['a public address', 'https://cdn.example/p.png', '93.184.215.14'],
    ['an allowed name, whatever it resolves to', 'http://posters.chain.vpn/p.png', '10.9.9.9'],
    ['an allowed name spelled with a trailing dot', 'http://POSTERS.chain.vpn./p.png', '127.0.0.1'],
    ['an address in an allowed block', 'http://vpn-cdn.example/p.png', '10.8.1.2'],
    ['an IPv4-mapped address in an allowed block', 'http://vpn-cdn.example/p.png', '::ffff:10.8.1.2'],
    ['an IPv6 address in an allowed block', 'http://[fd00::5]/p.png', 'fd00::5'],
    ['the upstream’s origin', 'http://10.0.0.2:4747/posters/up-f1.png', '10.0.0.2'],
  ])('lets through %s', (_what, url, address) => {
    expect(addressRefusal(chain, new URL(url), address)).toBeUndefined();
  });

  it.each([
    ['loopback', 'http://localhost/p.png', '127.0.0.1', '127.0.0.1 is loopback'],
    [
      'a block next to the allowed one',
      'http://x.example/p.png',
      '10.9.0.1',
      '10.9.0.1 is private (RFC 1918)',
    ],
    ['another port on the upstream’s host', 'http://10.0.0.2:8080/p.png', '10.0.0.2', 'is private'],
    [
      'https to the upstream’s host (another origin)',
      'https://10.0.0.2:4747/p.png',
      '10.0.0.2',
      'is private',
    ],
    ['a subdomain of an allowed name', 'http://evil.posters.chain.vpn/p.png', '10.9.9.9', 'is private'],
    [
      'a name that only ends like an allowed one',
      'http://xposters.chain.vpn/p.png',
      '10.9.9.9',
      'is private',
    ],
  ])('refuses %s', (_what, url, address, reason) => {
    expect(addressRefusal(chain, new URL(url), address)).toContain(reason);
  });
});

describe('allow-list entries', () => {
  it.each([
    'posters.chain.vpn',
    'Posters.Chain.VPN.',
    'cdn',
    '10.8.0.0/16',
    '10.8.0.5',
    '::1',
    'fd00::/8',
    '[::1]',
  ])('accepts %j', (entry) => expect(allowEntryProblem(entry)).toBeUndefined());

  it.each([
    '',
    'http://x.example/',
    'x.example:8080',
    '10.8',
    '10.0.0.0/33',
    'under_score.example',
    '-x.example',
    'a b',
  ])('refuses %j', (entry) => {
    expect(allowEntryProblem(entry)).toMatch(/host name, an IP address or a CIDR block/);
    expect(() => parseAllowList([entry])).toThrow(/poster allow-list entry/);
  });
});
