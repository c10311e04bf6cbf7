import { describe, expect, it } from 'vitest';
import {
  HostAllowList,
  hostName,
  isAllowedHost,
  isAllowedOrigin,
  machineHostNames,
} from '../../../../main/api/auth/host-check.ts';
import { memoryLogger } from '../../../../main/log.ts';

describe('DNS-rebinding guard', () => {
  const loopback = new HostAllowList('127.0.0.1');

  it.each([
    ['127.0.0.1:4747', true],
    ['localhost:4747', true],
    ['LOCALHOST', true],
    ['[::1]:4747', true],
    ['evil.example', false],
    ['evil.example:4747', false],
    ['127.0.0.1.evil.example', false],
    ['localhost@evil.example', false],
    ['', false],
    ['127.0.0.1:4747, evil.example', false],
  ])('Host %j → %s', (host, ok) => {
    expect(isAllowedHost(host, loopback)).toBe(ok);
  });

  it('accepts no Host header as foreign', () => {
    expect(isAllowedHost(undefined, loopback)).toBe(false);
  });

  it.each([
    [undefined, '127.0.0.1:4747', true],
    ['http://127.0.0.1:4747', '127.0.0.1:4747', true],
    ['http://localhost:4747', '127.0.0.1:4747', true],
    // Another program on this machine is another origin: the port counts.
    ['http://localhost:5173', '127.0.0.1:4747', false],
    ['http://127.0.0.1:8080', '127.0.0.1:4747', false],
    ['http://127.0.0.1', '127.0.0.1:80', true],
    ['http://127.0.0.1:80', '127.0.0.1', true],
    ['https://127.0.0.1', '127.0.0.1', true],
    ['https://127.0.0.1', '127.0.0.1:80', false],
    ['https://evil.example', '127.0.0.1:4747', false],
    ['null', '127.0.0.1:4747', false],
    ['file://', '127.0.0.1:4747', false],
    ['javascript:alert(1)', '127.0.0.1:4747', false],
  ])('Origin %j on Host %j → %s', (origin, host, ok) => {
    expect(isAllowedOrigin(origin, loopback, host)).toBe(ok);
  });

  it('adds the bound address and configured LAN names', () => {
    const lan = new HostAllowList('192.168.1.20', ['Lobby-Hub.local']);
    expect(isAllowedHost('192.168.1.20:4747', lan)).toBe(true);
    expect(isAllowedHost('lobby-hub.local', lan)).toBe(true);
    expect(new HostAllowList('0.0.0.0', [], { machineNames: () => [] }).has('0.0.0.0')).toBe(false);
    expect(hostName('[FE80::1]:80')).toBe('[fe80::1]');
  });

  it("bound to a wildcard, answers to the machine's own addresses and name, and finds a new interface", () => {
    let names = ['192.168.1.20', 'lobby-pc', 'lobby-pc.local'];
    let now = 0;
    const all = new HostAllowList('0.0.0.0', [], { machineNames: () => names, now: () => now });
    expect(all.has('192.168.1.20')).toBe(true);
    expect(all.has('lobby-pc.local')).toBe(true);
    expect(all.has('10.0.0.7')).toBe(false);
    names = [...names, '10.0.0.7'];
    now += 10_000;
    expect(all.has('10.0.0.7')).toBe(true);
    // Bound to one address, the others are not this hub's to answer for.
    expect(new HostAllowList('192.168.1.20', [], { machineNames: () => names }).has('10.0.0.7')).toBe(false);
  });

  it('lists interface addresses (IPv6 bracketed, without zone) and the host name with .local', () => {
    const info = { netmask: '', mac: '', internal: false, cidr: null };
    expect(
      machineHostNames(
        {
          eth0: [
            { ...info, family: 'IPv4', address: '192.168.1.20' },
            { ...info, family: 'IPv6', address: 'fe80::1%eth0', scopeid: 2 },
          ],
          lo: [{ ...info, family: 'IPv4', address: '127.0.0.1', internal: true }],
        },
        'Lobby-PC',
      ),
    ).toEqual(['192.168.1.20', '[fe80::1]', '127.0.0.1', 'lobby-pc', 'lobby-pc.local']);
    expect(machineHostNames({}, 'bad name!')).toEqual([]);
  });

  it('logs each refused Host once', () => {
    const log = memoryLogger();
    const hosts = new HostAllowList('127.0.0.1', [], { log });
    for (let i = 0; i < 3; i++) expect(hosts.admits('evil.example')).toBe(false);
    expect(hosts.admits('other.example:80')).toBe(false);
    expect(hosts.admits('127.0.0.1:4747')).toBe(true);
    const refused = log.lines.map((l) => (JSON.parse(l) as { host: string }).host);
    expect(refused).toEqual(['evil.example', 'other.example:80']);
  });
});
