import { describe, expect, it } from 'vitest';
import {
  inCidr,
  isForbiddenAddress,
  parseCidr,
  parseIp,
  specialRange,
} from '../../../main/posters/address-policy.ts';

describe('isForbiddenAddress', () => {
  it.each([
    ['IPv4 loopback', '127.0.0.1', 'loopback'],
    ['the far end of 127/8', '127.255.255.254', 'loopback'],
    ['the unspecified IPv4 address', '0.0.0.0', 'unspecified ("this network")'],
    ['"this network"', '0.1.2.3', 'unspecified ("this network")'],
    ['RFC 1918 10/8', '10.0.0.5', 'private (RFC 1918)'],
    ['RFC 1918 172.16/12, low end', '172.16.0.1', 'private (RFC 1918)'],
    ['RFC 1918 172.16/12, high end', '172.31.255.255', 'private (RFC 1918)'],
    ['RFC 1918 192.168/16', '192.168.1.20', 'private (RFC 1918)'],
    ['CGNAT 100.64/10, low end', '100.64.0.1', 'shared address space (CGNAT)'],
    ['CGNAT 100.64/10, high end', '100.127.255.254', 'shared address space (CGNAT)'],
    ['link-local, the cloud metadata service', '169.254.169.254', 'link-local'],
    ['IETF protocol assignments', '192.0.0.8', 'IETF protocol assignments'],
    ['TEST-NET-1', '192.0.2.1', 'documentation'],
    ['TEST-NET-2', '198.51.100.7', 'documentation'],
    ['TEST-NET-3', '203.0.113.9', 'documentation'],
    ['benchmarking', '198.19.0.1', 'benchmarking'],
    ['6to4 relay anycast', '192.88.99.1', '6to4 relay anycast'],
    ['IPv4 multicast', '224.0.0.251', 'multicast'],
    ['the top of IPv4 multicast', '239.255.255.250', 'multicast'],
    ['the limited broadcast address', '255.255.255.255', 'reserved'],
    ['class E', '240.0.0.1', 'reserved'],
    ['IPv6 loopback', '::1', 'loopback'],
    ['IPv6 loopback in full', '0:0:0:0:0:0:0:1', 'loopback'],
    ['IPv6 loopback in brackets', '[::1]', 'loopback'],
    ['the unspecified IPv6 address', '::', 'unspecified'],
    ['IPv4-mapped loopback, dotted', '::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['IPv4-mapped loopback, as WHATWG URLs write it', '::ffff:7f00:1', 'IPv4-mapped loopback'],
    ['IPv4-mapped loopback, upper case and long', '0:0:0:0:0:FFFF:7F00:0001', 'IPv4-mapped loopback'],
    ['IPv4-mapped private', '::ffff:192.168.0.1', 'IPv4-mapped private (RFC 1918)'],
    ['IPv4-mapped metadata service', '::ffff:a9fe:a9fe', 'IPv4-mapped link-local'],
    ['IPv4-mapped unspecified', '::ffff:0.0.0.0', 'IPv4-mapped unspecified ("this network")'],
    ['IPv4-compatible (deprecated) loopback', '::127.0.0.1', 'reserved'],
    ['NAT64 of loopback', '64:ff9b::127.0.0.1', 'NAT64 loopback'],
    ['NAT64 of a private address', '64:ff9b::a00:1', 'NAT64 private (RFC 1918)'],
    ['NAT64 local use', '64:ff9b:1::1', 'NAT64 local use'],
    ['6to4 of loopback', '2002:7f00:1::1', '6to4 loopback'],
    ['6to4 of a private address', '2002:c0a8:101::', '6to4 private (RFC 1918)'],
    ['ULA fc00::/7 (fd)', 'fd12:3456:789a::1', 'unique local (ULA)'],
    ['ULA fc00::/7 (fc)', 'fc00::1', 'unique local (ULA)'],
    ['IPv6 link-local', 'fe80::1', 'link-local'],
    ['IPv6 link-local with a zone', 'fe80::1%eth0', 'link-local'],
    ['IPv6 link-local, the top of fe80::/10', 'febf::1', 'link-local'],
    ['IPv6 site-local (deprecated)', 'fec0::1', 'site-local'],
    ['IPv6 multicast, all nodes', 'ff02::1', 'multicast'],
    ['IPv6 documentation', '2001:db8::1', 'documentation'],
    ['IPv6 documentation (3fff::/20)', '3fff:0fff::1', 'documentation'],
    ['Teredo', '2001:0:4136:e378:8000:63bf:3fff:fdd2', 'IETF protocol assignments'],
    ['discard-only', '100::1', 'discard-only'],
    ['outside global unicast', '4000::1', 'reserved'],
    ['a hex spelling of loopback (resolve first)', '0x7f.0.0.1', 'not an IP address'],
    ['a decimal spelling of loopback', '2130706433', 'not an IP address'],
    ['a short spelling of loopback', '127.1', 'not an IP address'],
    ['leading zeros', '127.000.000.001', 'not an IP address'],
    ['a host name', 'localhost', 'not an IP address'],
    ['an empty string', '', 'not an IP address'],
    ['an address with a port', '127.0.0.1:80', 'not an IP address'],
    ['a CIDR block', '8.8.8.0/24', 'not an IP address'],
  ])('refuses %s (%s)', (_what, ip, range) => {
    expect(specialRange(ip)).toBe(range);
    expect(isForbiddenAddress(ip)).toBe(true);
  });

  it.each([
    ['a public IPv4 address', '93.184.215.14'],
    ['just below 10/8', '9.255.255.255'],
    ['just above 10/8', '11.0.0.0'],
    ['just below 172.16/12', '172.15.255.255'],
    ['just above 172.16/12', '172.32.0.0'],
    ['just below CGNAT', '100.63.255.255'],
    ['just above CGNAT', '100.128.0.0'],
    ['just above 169.254/16', '169.255.0.1'],
    ['just below 192.168/16', '192.167.255.255'],
    ['just below multicast', '223.255.255.255'],
    ['a public IPv6 address', '2606:4700:4700::1111'],
    ['IPv4-mapped public', '::ffff:93.184.215.14'],
    ['NAT64 of a public address', '64:ff9b::5db8:d70e'],
    ['6to4 of a public address', '2002:5db8:d70e::1'],
    ['the first global unicast address past the IETF block', '2001:200::1'],
  ])('accepts %s (%s)', (_what, ip) => {
    expect(specialRange(ip)).toBeUndefined();
    expect(isForbiddenAddress(ip)).toBe(false);
  });

  it('agrees with how WHATWG URLs normalise hostile hosts', () => {
    for (const url of [
      'http://2130706433/',
      'http://0x7f.1/',
      'http://127.1/',
      'http://017700000001/',
      'http://[::ffff:127.0.0.1]/',
      'http://[0:0:0:0:0:0:0:1]/',
    ]) {
      expect(isForbiddenAddress(new URL(url).hostname), url).toBe(true);
    }
  });
});

describe('CIDR blocks (for the allow-list)', () => {
  it.each([
    ['10.8.0.0/16', '10.8.3.4', true],
    ['10.8.0.0/16', '10.9.0.1', false],
    ['10.8.0.5', '10.8.0.5', true],
    ['10.8.0.5', '10.8.0.6', false],
    ['10.8.0.0/16', '::ffff:10.8.0.1', true],
    ['fd00::/8', 'fd00:1::2', true],
    ['fd00::/8', 'fe00::1', false],
    ['0.0.0.0/0', '8.8.8.8', true],
    ['::/0', '8.8.8.8', false],
  ])('%s holds %s: %s', (cidr, ip, holds) => {
    expect(inCidr(parseIp(ip)!, parseCidr(cidr)!)).toBe(holds);
  });

  it.each(['10.0.0.0/33', '::/129', 'host.example/8', '10.0.0.0/', '/8', '10.0.0.0/8/8', ''])(
    'refuses %j',
    (text) => expect(parseCidr(text)).toBeUndefined(),
  );
});
