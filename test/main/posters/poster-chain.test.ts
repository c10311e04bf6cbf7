import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { startTestHub } from '../../support/test-hub.ts';
import { adminHub, seedBasics } from '../api/admin-support.ts';
import { png, testPosterOptions, useCleanups } from './support/poster-hosts.ts';

const cleanup = useCleanups();

describe('posters along a chain of hubs', () => {
  it('a chained hub fetches an upstream record’s /posters/… file from the upstream hub, and keeps it offline', async () => {
    const upstream = await adminHub();
    cleanup(() => upstream.hub.stop());
    await seedBasics(upstream.api);
    const upload = async (body: Buffer, version: number) => {
      const res = await fetch(`${upstream.hub.url}/api/admin/films/f1/poster?version=${version}`, {
        method: 'POST',
        headers: { ...upstream.auth, 'Content-Type': 'image/png' },
        body: new Uint8Array(body),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { record: { posterUrl: string } }).record.posterUrl;
    };
    const first = await upload(png(1), 1);
    expect(first).toMatch(/^\/posters\/up-f1-[0-9a-f]{16}\.png$/);

    // The upstream hub is on loopback: only its being the upstream lets the chained hub fetch from it.
    const chained = await startTestHub({
      upstream: { url: `${upstream.hub.url}/events` },
      posters: testPosterOptions(),
    });
    cleanup(() => chained.stop());
    const cache = join(chained.dataDir, 'posters', 'cache');
    await vi.waitFor(() => expect(chained.store.records.films.get('f1')?.posterUrl).toBe(first));
    // Fetched ahead of time, before any screen asks.
    await vi.waitFor(() => expect(readdirSync(cache)).toHaveLength(1));
    const res = await fetch(`${chained.url}${first}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(png(1))).toBe(true);

    // A new poster upstream replaces the cached copy downstream.
    const second = await upload(png(2), 2);
    await vi.waitFor(() => expect(chained.store.records.films.get('f1')?.posterUrl).toBe(second));
    await vi.waitFor(() => expect(readdirSync(cache)).toHaveLength(1));
    expect((await fetch(`${chained.url}${first}`)).status).toBe(404);

    // With the upstream gone, screens still get the poster.
    await upstream.hub.stop();
    const offline = await fetch(`${chained.url}${second}`);
    expect(offline.status).toBe(200);
    expect(Buffer.from(await offline.arrayBuffer()).equals(png(2))).toBe(true);
  });

  it('a local film naming a /posters/… file the hub lacks is not looked for upstream', async () => {
    const upstream = await adminHub();
    cleanup(() => upstream.hub.stop());
    const chained = await startTestHub({
      upstream: { url: `${upstream.hub.url}/events` },
      posters: testPosterOptions(),
    });
    cleanup(() => chained.stop());
    chained.store.apply([
      {
        type: 'film.upsert',
        data: {
          id: 'mine',
          title: 'Mine',
          runtimeMinutes: 90,
          tags: [],
          source: 'local',
          posterUrl: '/posters/x.png',
        },
      },
    ]);
    expect((await fetch(`${chained.url}/posters/x.png`)).status).toBe(404);
  });
});
