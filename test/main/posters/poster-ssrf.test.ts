import { describe, expect, it } from 'vitest';
import { startTestHub } from '../../support/test-hub.ts';
import {
  PUBLIC_TEST_ADDRESS,
  image,
  imageHost,
  png,
  redirect,
  testPosterOptions,
  useCleanups,
} from './support/poster-hosts.ts';

const cleanup = useCleanups();

/** What an internal service answers: it starts like a PNG, so only the address check stops it. */
const SECRET = Buffer.concat([png().subarray(0, 8), Buffer.from('internal secret: hunter2')]);

async function hubWith(names: Record<string, string[]> = {}, extra = {}) {
  const calls: string[] = [];
  const hub = await startTestHub({ demo: true, posters: { ...testPosterOptions(names, calls), ...extra } });
  cleanup(() => hub.stop());
  const film = hub.store.records.films.get('film-tidewater')!;
  const point = (posterUrl: string) =>
    hub.store.apply([{ type: 'film.upsert', data: { ...hub.store.records.films.get(film.id)!, posterUrl } }]);
  const poster = () => fetch(`${hub.url}/posters/film/${film.id}`);
  return { hub, point, poster, calls };
}

describe('posters cannot reach the hub’s own machine or network', () => {
  it('refuses loopback in every spelling, directly and through redirects, and never serves what is there', async () => {
    const internal = await imageHost({ '/secret': image(SECRET) }, '127.0.0.1');
    const internal6 = await imageHost({ '/secret': image(SECRET) }, '::1');
    const p = internal.port;
    const outside = await imageHost({
      '/to-internal': redirect(`http://127.0.0.1:${p}/secret`),
      '/to-localhost': redirect(`http://localhost:${p}/secret`),
      '/to-v6': redirect(`http://[::1]:${internal6.port}/secret`, 307),
      '/to-mapped': redirect(`http://[::ffff:7f00:1]:${p}/secret`, 301),
    });
    const { hub, point, poster } = await hubWith();
    const hostile = [
      `http://127.0.0.1:${p}/secret`,
      `http://localhost:${p}/secret`,
      `http://LOCALHOST.:${p}/secret`,
      `http://[::1]:${internal6.port}/secret`,
      `http://2130706433:${p}/secret`,
      `http://0x7f.1:${p}/secret`,
      `http://127.1:${p}/secret`,
      `http://[::ffff:127.0.0.1]:${p}/secret`,
      `http://[0:0:0:0:0:ffff:7f00:1]:${p}/secret`,
      `http://0.0.0.0:${p}/secret`,
      `${hub.url}/api/admin/state`,
      `${outside.base}/to-internal`,
      `${outside.base}/to-localhost`,
      `${outside.base}/to-v6`,
      `${outside.base}/to-mapped`,
    ];
    for (const url of hostile) {
      point(url);
      const res = await poster();
      const body = await res.text();
      expect(res.status, url).toBe(404);
      expect(body, url).not.toContain('hunter2');
    }
    expect(internal.hits).toEqual({});
    expect(internal6.hits).toEqual({});
    // Each redirect was followed as far as the check, no further.
    expect(Object.keys(outside.hits).sort()).toEqual([
      '/to-internal',
      '/to-localhost',
      '/to-mapped',
      '/to-v6',
    ]);
    const refusals = hub.logLines.filter((l) => l.includes('poster download failed')).join('\n');
    expect(refusals).toContain('127.0.0.1 is loopback');
    expect(refusals).toContain('::1 is loopback');
    expect(refusals).toContain('IPv4-mapped loopback');
    expect(refusals).toContain('unspecified');
  });

  it('checks every address a name resolves to', async () => {
    const internal = await imageHost({ '/secret': image(SECRET) }, '127.0.0.1');
    const p = internal.port;
    const { hub, point, poster } = await hubWith({
      // One good address does not make a name safe.
      'mixed.example': [PUBLIC_TEST_ADDRESS, '127.0.0.1'],
      'lan.example': ['10.0.0.7'],
      'cgnat.example': ['100.64.1.1'],
      'ula.example': ['fd00::7'],
      'metadata.example': ['169.254.169.254'],
    });
    for (const name of ['mixed', 'lan', 'cgnat', 'ula', 'metadata', 'unknown']) {
      point(`http://${name}.example:${p}/secret`);
      expect((await poster()).status, name).toBe(404);
    }
    expect(internal.hits).toEqual({});
    const refusals = hub.logLines.filter((l) => l.includes('poster download failed')).join('\n');
    for (const reason of [
      '127.0.0.1 is loopback',
      '10.0.0.7 is private (RFC 1918)',
      '100.64.1.1 is shared address space (CGNAT)',
      'fd00::7 is unique local (ULA)',
      '169.254.169.254 is link-local',
      'ENOTFOUND unknown.example',
    ])
      expect(refusals).toContain(reason);
  });

  it('fetches a public host from exactly the address it checked, keeping the name in Host', async () => {
    const host = await imageHost({ '/p.png': image(png(1)) });
    // `only-here.example` exists only in the test's resolver: the system's DNS would fail,
    // so a download proves the connection went to the address that was checked.
    const { point, poster, calls } = await hubWith({ 'only-here.example': [PUBLIC_TEST_ADDRESS] });
    point(`http://only-here.example:${host.port}/p.png`);
    const res = await poster();
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(png(1))).toBe(true);
    expect(host.hosts).toEqual([`only-here.example:${host.port}`]);
    expect(calls).toEqual(['only-here.example']);
  });

  it('follows at most three redirects, checking each hop', async () => {
    const host = await imageHost({
      '/1': redirect('/2'),
      '/2': redirect('/3'),
      '/3': redirect('/p.png'),
      '/p.png': image(png(2)),
      '/a': redirect('/b'),
      '/b': redirect('/c'),
      '/c': redirect('/d'),
      '/d': redirect('/q.png'),
      '/q.png': image(png(2)),
    });
    const { hub, point, poster } = await hubWith({ 'posters.example': [PUBLIC_TEST_ADDRESS] });
    point(`http://posters.example:${host.port}/1`);
    expect((await poster()).status).toBe(200);
    point(`http://posters.example:${host.port}/a`);
    expect((await poster()).status).toBe(404);
    // The fourth redirect (to /q.png) is not followed.
    expect(host.hits['/d']).toBe(1);
    expect(host.hits['/q.png']).toBeUndefined();
    expect(hub.logLines.join('\n')).toContain('more than 3 redirects');
  });

  it('fetches from the upstream’s own origin and from allowed hosts and blocks, and nothing else private', async () => {
    const upstreamHost = await imageHost({ '/posters/u.png': image(png(3)) }, '127.0.0.1');
    const vpn = await imageHost({ '/v.png': image(png(4)) }, '127.0.0.1');
    const vpn6 = await imageHost({ '/v6.png': image(png(5)) }, '::1');

    const chained = await startTestHub({
      demo: true,
      // No feed runs there; the upstream's origin is what counts.
      upstream: { url: `${upstreamHost.base}/events` },
      posters: testPosterOptions(),
    });
    cleanup(() => chained.stop());
    const film = () => chained.store.records.films.get('film-tidewater')!;
    const pointChained = (posterUrl: string) =>
      chained.store.apply([{ type: 'film.upsert', data: { ...film(), posterUrl } }]);
    const posterChained = () => fetch(`${chained.url}/posters/film/film-tidewater`);
    pointChained(`${upstreamHost.base}/posters/u.png`);
    expect((await posterChained()).status).toBe(200);
    // Another port on the upstream's machine is another origin.
    pointChained(`http://127.0.0.1:${vpn.port}/v.png`);
    expect((await posterChained()).status).toBe(404);
    expect(chained.logLines.join('\n')).toContain('is loopback');

    const { point, poster } = await hubWith(
      { 'posters.chain.vpn': ['127.0.0.1'], 'other.vpn': ['127.0.0.1'] },
      { allowHosts: ['posters.chain.vpn', '::1/128'] },
    );
    point(`http://posters.chain.vpn:${vpn.port}/v.png`);
    expect((await poster()).status).toBe(200);
    point(`http://other.vpn:${vpn.port}/v.png`);
    expect((await poster()).status).toBe(404);
    expect(vpn.hits['/v.png']).toBe(1);
    point(`http://[::1]:${vpn6.port}/v6.png`);
    expect((await poster()).status).toBe(200);
  });
});
