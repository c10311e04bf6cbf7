import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { memoryLogger } from '../../../main/log.ts';
import { PosterCache, type PosterCacheOptions, posterKey } from '../../../main/posters/poster-cache.ts';
import { fetchPoster } from '../../../main/posters/poster-fetch.ts';
import { startTestHub } from '../../support/test-hub.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { image, imageHost, png, testPosterOptions, useCleanups } from './support/poster-hosts.ts';

const cleanup = useCleanups();

const testDownload = (maxBytes = 5 * 1024 * 1024): PosterCacheOptions['download'] => {
  const { resolve, isForbiddenAddress } = testPosterOptions();
  return (url, signal) =>
    fetchPoster(
      url,
      {
        resolve,
        refusal: (_url, address) => (isForbiddenAddress(address) ? `${address} is forbidden` : undefined),
        ca: undefined,
        maxBytes,
        maxRedirects: 3,
      },
      signal,
    );
};

function cacheIn(options: Partial<PosterCacheOptions> = {}) {
  const dir = tempDir();
  cleanup(() => dir.remove());
  const log = memoryLogger();
  const cache = new PosterCache({ dir: join(dir.path, 'cache'), download: testDownload(), log, ...options });
  cleanup(() => cache.close());
  return Object.assign(cache, { logLines: log.lines });
}

describe('PosterCache', () => {
  it('downloads once, keeps the file in the data folder, and finds it again after a restart', async () => {
    const host = await imageHost({ '/p.png': image(png()) });
    const cache = cacheIn();
    const url = `${host.base}/p.png`;
    const [a, b] = await Promise.all([cache.get(url), cache.get(url)]);
    expect(a?.type.mime).toBe('image/png');
    expect(b?.body.equals(png())).toBe(true);
    expect(await cache.get(url)).toMatchObject({ name: `${posterKey(url)}.png` });
    expect(host.hits['/p.png']).toBe(1);
    expect(readdirSync(cache.dir)).toEqual([`${posterKey(url)}.png`]);

    const again = new PosterCache({ dir: cache.dir, download: testDownload() });
    expect(again.has(url)).toBe(true);
    expect(again.usage).toEqual({ files: 1, bytes: png().length });
    expect((await again.get(url))?.body.equals(png())).toBe(true);
    expect(host.hits['/p.png']).toBe(1);
  });

  it('refuses SVG, HTML, error statuses and anything too big, declared or not', async () => {
    const big = Buffer.concat([png(), Buffer.alloc(2048)]);
    const host = await imageHost({
      '/p.svg': image(
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'),
        'image/svg+xml',
      ),
      '/page': image(Buffer.from('<!doctype html><title>login</title>'), 'image/png'),
      '/declared': image(big),
      '/chunked': (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'image/png' });
        res.write(big.subarray(0, 1000));
        res.end(big.subarray(1000));
      },
      '/gone': (_req, res) => res.writeHead(410).end(),
    });
    const cache = cacheIn({ download: testDownload(1024) });
    for (const path of ['/p.svg', '/page', '/declared', '/chunked', '/gone']) {
      expect(await cache.get(host.base + path), path).toBeUndefined();
    }
    expect(readdirSync(cache.dir)).toEqual([]);
    const log = cache.logLines.join('\n');
    for (const reason of [
      'not a PNG, JPEG or WebP',
      'bytes is more than 1024',
      'more than 1024 bytes',
      'HTTP 410',
    ])
      expect(log).toContain(reason);
  });

  it('rests a failed URL before trying it again', async () => {
    let now = 0;
    let serve = false;
    const host = await imageHost({
      '/later.png': (req, res) => (serve ? image(png())(req, res) : res.writeHead(503).end()),
    });
    const cache = cacheIn({ now: () => now, retryAfterMs: 60_000 });
    const url = `${host.base}/later.png`;
    expect(await cache.get(url)).toBeUndefined();
    serve = true;
    now = 59_999;
    expect(await cache.get(url)).toBeUndefined();
    expect(host.hits['/later.png']).toBe(1);
    now = 60_000;
    expect(await cache.get(url)).toBeDefined();
  });

  it('abandons a download that hangs', async () => {
    const host = await imageHost({ '/hang.png': () => {} });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const cache = cacheIn({ timeoutMs: 15_000 });
    const result = cache.get(`${host.base}/hang.png`);
    await vi.waitFor(() => expect(host.hits['/hang.png']).toBe(1));
    await vi.advanceTimersByTimeAsync(15_000);
    expect(await result).toBeUndefined();
    expect(cache.logLines.join('\n')).toContain('timed out');
  });

  it('prunes posters no film uses any more', async () => {
    const host = await imageHost({ '/a.png': image(png(1)), '/b.png': image(png(2)) });
    const cache = cacheIn();
    await cache.prefetch([`${host.base}/a.png`, `${host.base}/b.png`]);
    expect(await cache.prune(new Set([`${host.base}/b.png`]))).toBe(1);
    expect(cache.has(`${host.base}/a.png`)).toBe(false);
    expect(readdirSync(cache.dir)).toEqual([`${posterKey(`${host.base}/b.png`)}.png`]);
  });

  it('evicts the least recently used poster no record names, and never one a record names', async () => {
    const routes = Object.fromEntries(['a', 'b', 'c', 'd'].map((n, i) => [`/${n}.png`, image(png(i))]));
    const host = await imageHost(routes);
    const url = (n: string) => `${host.base}/${n}.png`;
    let inUse = new Set(['a', 'b', 'c', 'd'].map(url));
    let now = 1_000;
    const cache = cacheIn({ maxFiles: 2, inUse: () => inUse, now: () => now++ });
    expect(await cache.get(url('a'))).toBeDefined();
    expect(await cache.get(url('b'))).toBeDefined();
    // Both named: the third is not saved, and nothing is evicted for it.
    expect(await cache.get(url('c'))).toBeUndefined();
    expect(cache.logLines.join('\n')).toContain('the poster cache is full');
    expect([cache.has(url('a')), cache.has(url('b'))]).toEqual([true, true]);

    // `a` served again, so `b` is the least recently used; once neither is named, `b` goes first.
    await cache.get(url('a'));
    inUse = new Set([url('d'), url('a'), url('b')].slice(0, 1));
    expect(await cache.get(url('d'))).toBeDefined();
    expect([cache.has(url('a')), cache.has(url('b')), cache.has(url('d'))]).toEqual([true, false, true]);
    expect(cache.usage.files).toBe(2);
  });

  it('caps the bytes it holds', async () => {
    const host = await imageHost({ '/a.png': image(png(1, 6000)), '/b.png': image(png(2, 6000)) });
    const cache = cacheIn({ maxBytes: 10_000, inUse: () => new Set([`${host.base}/b.png`]) });
    await cache.prune(new Set());
    // Not named by any record: answered, but not kept.
    expect(await cache.get(`${host.base}/a.png`)).toBeDefined();
    expect(cache.usage.files).toBe(0);
    expect(await cache.get(`${host.base}/b.png`)).toBeDefined();
    expect(cache.usage.bytes).toBeLessThanOrEqual(10_000);
  });

  it('saves nothing while the disk is low, and does once space returns', async () => {
    let free = 10 * 1024 * 1024;
    let now = 0;
    const host = await imageHost({ '/p.png': image(png()) });
    const cache = cacheIn({
      minFreeBytes: 64 * 1024 * 1024,
      freeBytes: () => Promise.resolve(free),
      now: () => now,
      retryAfterMs: 1_000,
    });
    expect(await cache.get(`${host.base}/p.png`)).toBeUndefined();
    expect(readdirSync(cache.dir)).toEqual([]);
    expect(cache.logLines.join('\n')).toContain('only 10 MiB free on the disk, and posters leave 64 MiB');
    free = 1024 * 1024 * 1024;
    now = 1_000;
    expect(await cache.get(`${host.base}/p.png`)).toBeDefined();
    expect(readdirSync(cache.dir)).toHaveLength(1);
  });
});

describe('remote posters through the hub', () => {
  it('serves a film’s remote poster from the cache, and fetches nothing no film names', async () => {
    const host = await imageHost({ '/tide.png': image(png()) });
    const hub = await startTestHub({ demo: true, posters: testPosterOptions() });
    cleanup(() => hub.stop());
    const url = `${host.base}/tide.png`;
    const film = hub.store.records.films.get('film-tidewater')!;
    hub.store.apply([{ type: 'film.upsert', data: { ...film, posterUrl: url } }]);

    const res = await fetch(`${hub.url}/posters/film/film-tidewater?v=2`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(Buffer.from(await res.arrayBuffer()).equals(png())).toBe(true);
    expect(existsSync(join(hub.dataDir, 'posters', 'cache', `${posterKey(url)}.png`))).toBe(true);
    const cached = await fetch(`${hub.url}/posters/film/film-tidewater?v=2`, {
      headers: { 'If-None-Match': res.headers.get('etag')! },
    });
    expect(cached.status).toBe(304);
    expect(host.hits['/tide.png']).toBe(1);

    expect((await fetch(`${hub.url}/posters/film/no-such-film`)).status).toBe(404);
    // A film whose poster is on the hub already has nothing to fetch.
    expect((await fetch(`${hub.url}/posters/film/film-orbit-nine`)).status).toBe(404);
    expect(Object.keys(host.hits)).toEqual(['/tide.png']);
  });

  it('the hub warms its cache when a film with a remote poster arrives, before any screen asks', async () => {
    const host = await imageHost({ '/new.png': image(png()) });
    const hub = await startTestHub({ demo: true, posters: testPosterOptions() });
    cleanup(() => hub.stop());
    const film = hub.store.records.films.get('film-nightshift')!;
    hub.store.apply([{ type: 'film.upsert', data: { ...film, posterUrl: `${host.base}/new.png` } }]);
    await vi.waitFor(() => expect(host.hits['/new.png']).toBe(1));
    // Served from the cache: the image host is not asked again.
    await vi.waitFor(async () =>
      expect((await fetch(`${hub.url}/posters/film/film-nightshift`)).status).toBe(200),
    );
    expect(host.hits['/new.png']).toBe(1);
  });
});
