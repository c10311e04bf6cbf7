import { describe, expect, it } from 'vitest';
import { isHubRequest, isTrustedUrl, localHubOrigin } from '../../../main/shell/trusted-url.ts';

const HUB = 'http://127.0.0.1:4747';

describe('isTrustedUrl', () => {
  it.each([
    ['the board', 'http://127.0.0.1:4747/'],
    ['a door sign with a query', 'http://127.0.0.1:4747/door/screen-1?x=1#top'],
    ['the admin', 'http://127.0.0.1:4747/admin/showtimes'],
    ['an upper-case scheme and path', 'HTTP://127.0.0.1:4747/ADMIN'],
    ['a hex spelling of loopback', 'http://0x7f.0.0.1:4747/'],
    ['a backslash, which http URLs read as a slash', 'http://127.0.0.1:4747\\@evil.example/'],
  ])('accepts %s', (_what, url) => {
    expect(isTrustedUrl(url, HUB)).toBe(true);
  });

  it.each([
    ['another host', 'https://evil.example/'],
    ['another port', 'http://127.0.0.1:4748/'],
    ['the default port', 'http://127.0.0.1/'],
    ['https on the same port', 'https://127.0.0.1:4747/'],
    ['userinfo hiding another host', 'http://127.0.0.1:4747@evil.example/'],
    ['credentials on the hub itself', 'http://user:secret@127.0.0.1:4747/'],
    ['a bare user name', 'http://staff@127.0.0.1:4747/admin'],
    ['localhost, which resolves elsewhere and is another origin', 'http://localhost:4747/'],
    ['IPv6 loopback', 'http://[::1]:4747/'],
    ['file:', 'file:///etc/passwd'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['blob: of the hub origin', 'blob:http://127.0.0.1:4747/0b6c6a8e-1e0b-4c49-9b5e-2d1f0c8d2f10'],
    ['view-source:', 'view-source:http://127.0.0.1:4747/'],
    ['about:blank', 'about:blank'],
    ['ws:', 'ws://127.0.0.1:4747/'],
    ['a relative URL', '/admin'],
    ['garbage', 'http://'],
    ['an empty string', ''],
  ])('refuses %s', (_what, url) => {
    expect(isTrustedUrl(url, HUB)).toBe(false);
  });

  it('compares IDN hosts by their punycode form, in either spelling', () => {
    const hub = 'http://kino.bücher.example:8080';
    expect(isTrustedUrl('http://kino.xn--bcher-kva.example:8080/', hub)).toBe(true);
    expect(isTrustedUrl('http://KINO.BÜCHER.example:8080/x', hub)).toBe(true);
    // A look-alike with a Cyrillic "е" is another host.
    expect(isTrustedUrl('http://kino.bücher.\u0435xample:8080/', hub)).toBe(false);
  });

  it('normalises the hub origin too', () => {
    expect(isTrustedUrl('http://127.0.0.1:4747/', 'HTTP://127.0.0.1:4747/')).toBe(true);
    expect(isTrustedUrl('http://example.com/', 'http://EXAMPLE.com:80')).toBe(true);
  });

  it('trusts nothing when the hub origin is not an http origin', () => {
    expect(isTrustedUrl('file:///x', 'file:///x')).toBe(false);
    expect(isTrustedUrl('http://127.0.0.1:4747/', 'not a url')).toBe(false);
    // Opaque origins serialise as "null"; two of them must not match.
    expect(isTrustedUrl('data:text/plain,a', 'data:text/plain,b')).toBe(false);
  });
});

describe('localHubOrigin', () => {
  it('reaches a hub bound to every interface over loopback', () => {
    expect(localHubOrigin('0.0.0.0', 4747)).toBe('http://127.0.0.1:4747');
    expect(localHubOrigin('::', 80)).toBe('http://[::1]:80');
  });

  it('uses a specific bind address as it is', () => {
    expect(localHubOrigin('127.0.0.1', 4747)).toBe('http://127.0.0.1:4747');
    expect(localHubOrigin('192.168.1.20', 4747)).toBe('http://192.168.1.20:4747');
    expect(localHubOrigin('::1', 4747)).toBe('http://[::1]:4747');
    expect(localHubOrigin('localhost', 80)).toBe('http://localhost');
  });
});

describe('isHubRequest', () => {
  it('lets requests reach the hub only', () => {
    expect(isHubRequest('http://127.0.0.1:4747/events', HUB)).toBe(true);
    expect(isHubRequest('ws://127.0.0.1:4747/socket', HUB)).toBe(true);
    expect(isHubRequest('wss://127.0.0.1:4747/socket', HUB)).toBe(false);
    expect(isHubRequest('https://fonts.example/font.woff2', HUB)).toBe(false);
    expect(isHubRequest('ws://evil.example:4747/', HUB)).toBe(false);
  });
});
