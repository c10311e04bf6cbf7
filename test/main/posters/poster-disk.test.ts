import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { type Hub, startHub } from '../../../main/hub.ts';
import { memoryLogger } from '../../../main/log.ts';
import { posterKey } from '../../../main/posters/poster-cache.ts';
import { startTestHub } from '../../support/test-hub.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { image, imageHost, png, testPosterOptions, useCleanups } from './support/poster-hosts.ts';

const cleanup = useCleanups();

const cacheFiles = (dataDir: string) => readdirSync(join(dataDir, 'posters', 'cache'));
const cacheBytes = (dataDir: string) =>
  cacheFiles(dataDir).reduce((n, f) => n + statSync(join(dataDir, 'posters', 'cache', f)).size, 0);

describe('posters cannot fill the disk', () => {
  it('keeps one cached file for a film re-pointed 40 times', async () => {
    const routes = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`/p${i}.png`, image(png(i, 64 * 1024))]),
    );
    const host = await imageHost(routes);
    const hub = await startTestHub({ demo: true, posters: testPosterOptions() });
    cleanup(() => hub.stop());
    const id = 'film-tidewater';
    for (let i = 0; i < 40; i++) {
      const film = hub.store.records.films.get(id)!;
      hub.store.apply([{ type: 'film.upsert', data: { ...film, posterUrl: `${host.base}/p${i}.png` } }]);
      // A screen asks at once, as the board does on every change.
      expect((await fetch(`${hub.url}/posters/film/${id}`)).status).toBe(200);
    }
    await vi.waitFor(() =>
      expect(cacheFiles(hub.dataDir)).toEqual([`${posterKey(`${host.base}/p39.png`)}.png`]),
    );
    expect(cacheBytes(hub.dataDir)).toBeLessThan(70 * 1024);
  });

  it('deletes a cached poster once no film names it, whether re-pointed or removed', async () => {
    const host = await imageHost({ '/a.png': image(png(1)), '/b.png': image(png(2)) });
    const hub = await startTestHub({ demo: true, posters: testPosterOptions() });
    cleanup(() => hub.stop());
    // Two films of their own, without showtimes, so one can be removed.
    const film = (id: string, posterUrl: string) => ({
      type: 'film.upsert' as const,
      data: { id, title: id, runtimeMinutes: 90, tags: [], source: 'local' as const, posterUrl },
    });
    hub.store.apply([film('x1', `${host.base}/a.png`), film('x2', `${host.base}/a.png`)]);
    await vi.waitFor(() => expect(cacheFiles(hub.dataDir)).toHaveLength(1));
    // Still named by the second film: kept.
    hub.store.apply([film('x1', `${host.base}/b.png`)]);
    await vi.waitFor(() => expect(cacheFiles(hub.dataDir)).toHaveLength(2));
    hub.store.apply([{ type: 'film.remove', data: { id: 'x2' } }]);
    await vi.waitFor(() =>
      expect(cacheFiles(hub.dataDir)).toEqual([`${posterKey(`${host.base}/b.png`)}.png`]),
    );
  });

  it('caps the cache by files and bytes, never dropping a poster a film still names', async () => {
    const routes = Object.fromEntries(
      Array.from({ length: 5 }, (_, i) => [`/p${i}.png`, image(png(i, 10 * 1024))]),
    );
    const host = await imageHost(routes);
    const hub = await startTestHub({
      demo: true,
      posters: { ...testPosterOptions(), maxCacheFiles: 3, maxCacheBytes: 1024 * 1024 },
    });
    cleanup(() => hub.stop());
    const ids = hub.store.records.films
      .all()
      .slice(0, 5)
      .map((f) => f.id);
    ids.forEach((id, i) => {
      const film = hub.store.records.films.get(id)!;
      hub.store.apply([{ type: 'film.upsert', data: { ...film, posterUrl: `${host.base}/p${i}.png` } }]);
    });
    const statuses = [];
    for (const id of ids) statuses.push((await fetch(`${hub.url}/posters/film/${id}`)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(cacheFiles(hub.dataDir)).toHaveLength(3);
    expect(hub.logLines.join('\n')).toContain('the poster cache is full');
    // The three that made it are still served; nothing was evicted to make room.
    for (const [i, id] of ids.entries())
      if (statuses[i] === 200) expect((await fetch(`${hub.url}/posters/film/${id}`)).status).toBe(200);
  });

  it('writes nothing when the disk is nearly full, and says why', async () => {
    const host = await imageHost({ '/p.png': image(png(7)) });
    const hub = await startTestHub({
      demo: true,
      posters: { ...testPosterOptions(), freeBytes: () => Promise.resolve(64 * 1024 * 1024) },
    });
    cleanup(() => hub.stop());
    const film = hub.store.records.films.get('film-tidewater')!;
    hub.store.apply([{ type: 'film.upsert', data: { ...film, posterUrl: `${host.base}/p.png` } }]);
    expect((await fetch(`${hub.url}/posters/film/${film.id}`)).status).toBe(404);
    expect(cacheFiles(hub.dataDir)).toEqual([]);
    expect(hub.logLines.join('\n')).toMatch(/poster not saved.*free on the disk/);
  });

  it('repairs at start-up what a crash between commit and delete left behind', async () => {
    const dir = tempDir();
    cleanup(() => dir.remove());
    const host = await imageHost({ '/keep.png': image(png(8)) });
    const open = () =>
      startHub({ dataDir: dir.path, port: 0, demo: true, log: memoryLogger(), posters: testPosterOptions() });
    let hub: Hub = await open();
    const film = hub.store.records.films.get('film-tidewater')!;
    const kept = `${host.base}/keep.png`;
    hub.store.apply([{ type: 'film.upsert', data: { ...film, posterUrl: kept } }]);
    await vi.waitFor(() => expect(cacheFiles(dir.path)).toHaveLength(1));
    await hub.close();

    const posters = join(dir.path, 'posters');
    mkdirSync(join(posters, 'cache'), { recursive: true });
    const orphans = [
      join(posters, 'up-film-tidewater-0123456789abcdef.png'),
      join(posters, '.up-film-x-0123456789abcdef.png.tmp'),
      join(posters, 'cache', `${'a'.repeat(40)}.png`),
      join(posters, 'cache', `.${'b'.repeat(40)}.png.123.tmp`),
    ];
    for (const file of orphans) writeFileSync(file, png(9));
    hub = await open();
    cleanup(() => hub.close());
    await vi.waitFor(() => expect(orphans.filter((f) => existsSync(f))).toEqual([]));
    expect(cacheFiles(dir.path)).toEqual([`${posterKey(kept)}.png`]);
    // Files the hub did not make (the demo's drawings) are left alone.
    expect(existsSync(join(posters, 'film-tidewater.svg'))).toBe(true);
  });
});
