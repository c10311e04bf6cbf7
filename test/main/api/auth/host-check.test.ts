import { describe, expect, it } from 'vitest';
import {
  defaultAllowedHosts,
  hostName,
  isAllowedHost,
  isAllowedOrigin,
} from '../../../../main/api/auth/host-check.ts';

describe('DNS-rebinding guard', () => {
  const loopback = defaultAllowedHosts('127.0.0.1');

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
    [undefined, true],
    ['http://127.0.0.1:4747', true],
    ['http://localhost:5173', true],
    ['https://evil.example', false],
    ['null', false],
    ['file://', false],
    ['javascript:alert(1)', false],
  ])('Origin %j → %s', (origin, ok) => {
    expect(isAllowedOrigin(origin, loopback)).toBe(ok);
  });

  it('adds the bound address and configured LAN names', () => {
    const lan = defaultAllowedHosts('192.168.1.20', ['Lobby-Hub.local']);
    expect(isAllowedHost('192.168.1.20:4747', lan)).toBe(true);
    expect(isAllowedHost('lobby-hub.local', lan)).toBe(true);
    expect(defaultAllowedHosts('0.0.0.0').has('0.0.0.0')).toBe(false);
    expect(hostName('[FE80::1]:80')).toBe('[fe80::1]');
  });
});
