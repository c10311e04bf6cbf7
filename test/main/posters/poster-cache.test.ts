import { existsSync, readdirSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryLogger } from '../../../main/log.ts';
import { PosterCache, posterKey } from '../../../main/posters/poster-cache.ts';
import { startTestHub } from '../../support/test-hub.ts';
import { tempDir } from '../../support/temp-dir.ts';

/** A real 1×1 PNG. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, 200, 30, 30]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A real upstream image host on port 0; `hits` counts requests per path. */
async function imageHost(routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void>) {
  const hits: Record<string, number> = {};
  const server: Server = createServer((req, res) => {
    hits[req.url!] = (hits[req.url!] ?? 0) + 1;
    const route = routes[req.url!];
    if (route) route(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => {
    server.closeAllConnections();
    return new Promise((r) => server.close(r));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, hits };
}

function cacheIn(options: Partial<ConstructorParameters<typeof PosterCache>[0]> = {}) {
  const dir = tempDir();
  cleanups.push(() => dir.remove());
  const cache = new PosterCache({ dir: join(dir.path, 'cache'), log: memoryLogger(), ...options });
  cleanups.push(() => cache.close());
  return cache;
}

const image =
  (body: Buffer, type = 'image/png') =>
  (_req: IncomingMessage, res: ServerResponse) =>
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length }).end(body);

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

    const again = new PosterCache({ dir: cache.dir });
    expect(again.has(url)).toBe(true);
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
    const cache = cacheIn({ maxBytes: 1024 });
    for (const path of ['/p.svg', '/page', '/declared', '/chunked', '/gone']) {
      expect(await cache.get(host.base + path), path).toBeUndefined();
    }
    expect(readdirSync(cache.dir)).toEqual([]);
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
  });

  it('prunes posters no film uses any more', async () => {
    const host = await imageHost({ '/a.png': image(png()), '/b.png': image(png()) });
    const cache = cacheIn();
    await cache.prefetch([`${host.base}/a.png`, `${host.base}/b.png`]);
    expect(await cache.prune([`${host.base}/b.png`])).toBe(1);
    expect(cache.has(`${host.base}/a.png`)).toBe(false);
    expect(readdirSync(cache.dir)).toEqual([`${posterKey(`${host.base}/b.png`)}.png`]);
  });
});

describe('remote posters through the hub', () => {
  it('serves a film’s remote poster from the cache, and fetches nothing no film names', async () => {
    const host = await imageHost({ '/tide.png': image(png()) });
    const hub = await startTestHub({ demo: true });
    cleanups.push(() => hub.stop());
    const url = `${host.base}/tide.png`;
    const film = hub.store.records.films.get('film-tidewater')!;
    hub.store.apply([{ type: 'film.upsert', data: { ...film, posterUrl: url } }]);

    const res = await fetch(`${hub.url}/posters/film/film-tidewater?v=2`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
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
    const hub = await startTestHub({ demo: true });
    cleanups.push(() => hub.stop());
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
