import { describe, expect, it } from 'vitest';
import { FilmCreateBody } from '../../../main/domain/admin-requests.ts';
import { changeSchemas } from '../../../main/domain/events.ts';
import { Film } from '../../../main/domain/records.ts';

// One rule for the admin API (FilmCreateBody) and upstream records (the feed's film.upsert).
const film = (posterUrl: string) => ({ id: 'f1', title: 'Tidewater', runtimeMinutes: 100, posterUrl });
const accepts = (posterUrl: string) => {
  const results = [FilmCreateBody, changeSchemas['film.upsert']].map(
    (s) => s.safeParse(film(posterUrl)).success,
  );
  expect(new Set(results).size, posterUrl).toBe(1);
  return results[0];
};

describe('posterUrl', () => {
  it.each([
    ['an upload', '/posters/up-f1-0123456789abcdef.png'],
    ['a demo drawing', '/posters/film-tidewater.svg'],
    ['a JPEG with an upper-case extension', '/posters/Poster_2.JPEG'],
    ['an https URL', 'https://cdn.example/posters/tidewater.webp'],
    ['an http URL with a port and query', 'http://127.0.0.1:7001/posters/x.svg?v=2'],
    ['an IPv6 host', 'http://[2001:db8::1]/p.png'],
    ['an upper-case scheme', 'HTTPS://cdn.example/p.png'],
    ['percent-encoded spaces', 'https://cdn.example/my%20poster.png'],
  ])('accepts %s', (_what, url) => {
    expect(accepts(url)).toBe(true);
  });

  it.each([
    ['a space in a URL', 'https://cdn.example/my poster.png'],
    ['a leading space', ' https://cdn.example/p.png'],
    ['a trailing newline', 'https://cdn.example/p.png\n'],
    ['CR LF inside (header splitting)', 'https://cdn.example/p.png\r\nX-Evil: 1'],
    ['a tab', 'https://cdn.example/\tp.png'],
    ['NUL', 'https://cdn.example/p.png\u0000'],
    ['a C1 control', 'https://cdn.example/p\u0085.png'],
    ['a no-break space', 'https://cdn.example/p\u00a0.png'],
    ['a line separator', 'https://cdn.example/p\u2028.png'],
    ['a protocol-relative URL', '//evil.example/p.png'],
    ['a backslash path', '/\\evil.example/p.png'],
    ['a local path outside /posters/', '/api/admin/state'],
    ['the film poster route', '/posters/film/f1'],
    ['a traversal', '/posters/../marquee.db'],
    ['an encoded traversal', '/posters/..%2fmarquee.db'],
    ['a nested path', '/posters/cache/0123.png'],
    ['a dot file', '/posters/.hidden.png'],
    ['a name without an image extension', '/posters/marquee.db'],
    ['a query on a local path', '/posters/p.png?x=1'],
    ['file:', 'file:///etc/passwd'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:image/png;base64,iVBORw0KGgo='],
    ['ftp:', 'ftp://cdn.example/p.png'],
    ['an http URL without a host', 'http:///p.png'],
    ['credentials in the URL', 'https://user:secret@cdn.example/p.png'],
    ['a relative name', 'p.png'],
    ['an empty string', ''],
  ])('refuses %s', (_what, url) => {
    expect(accepts(url)).toBe(false);
  });

  it('says what a poster address may be', () => {
    const result = Film.safeParse(film('/etc/passwd'));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/\/posters\/<file name> or an http\(s\) URL/);
  });
});
