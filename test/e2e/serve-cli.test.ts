import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { packageRoot } from '../../main/paths.ts';
import { SseClient } from '../support/sse-client.ts';
import { tempDir } from '../support/temp-dir.ts';
import { type HubProcess, spawnHub } from './support/hub-process.ts';

const cli = join(packageRoot(), 'bin', 'marquee.js');

describe('marquee serve (built CLI, separate process)', () => {
  let dir: ReturnType<typeof tempDir>;
  let hub: HubProcess | undefined;
  afterEach(async () => {
    await hub?.stop();
    hub = undefined;
    dir.remove();
  });

  it('prints its URL, serves the demo venue, and shuts down cleanly on SIGTERM', async () => {
    dir = tempDir();
    hub = await spawnHub(['--demo', '--data', dir.path, '--port', '0']);
    expect(hub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const snap = (await (await fetch(`${hub.url}/api/snapshot`)).json()) as {
      auditoriums: unknown[];
      films: unknown[];
    };
    expect(snap.auditoriums.length).toBeGreaterThanOrEqual(10);
    expect(snap.films.length).toBeGreaterThanOrEqual(20);
    const client = await SseClient.connect(`${hub.url}/events`);
    await client.count(1);
    expect(await hub.stop('SIGTERM')).toBe(0);
    await client.until(() => client.ended, 'stream end');
    // A clean close folds the WAL back into the database file.
    const db = new Database(join(dir.path, 'marquee.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('seeds the demo only on first run', async () => {
    dir = tempDir();
    hub = await spawnHub(['--demo', '--data', dir.path, '--port', '0']);
    const first = (await (await fetch(`${hub.url}/api/health`)).json()) as { seq: number };
    await hub.stop();
    hub = await spawnHub(['--demo', '--data', dir.path, '--port', '0']);
    const second = (await (await fetch(`${hub.url}/api/health`)).json()) as { seq: number };
    expect(second.seq).toBe(first.seq);
  });

  it('exits 2 with usage on bad flags, and 1 with a clear message on a database from the future', () => {
    dir = tempDir();
    const bad = spawnSync(process.execPath, [cli, 'serve', '--data', dir.path, '--port', 'x'], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--port: must be a whole number');
    expect(bad.stderr).toContain('usage: marquee serve');

    const db = new Database(join(dir.path, 'marquee.db'));
    db.pragma('user_version = 999');
    db.close();
    const future = spawnSync(process.execPath, [cli, 'serve', '--data', dir.path, '--port', '0'], {
      encoding: 'utf8',
    });
    expect(future.status).toBe(1);
    expect(future.stderr).toContain('newer than this Marquee supports');
  });

  it('exits 2 for an unknown command', () => {
    dir = tempDir();
    const res = spawnSync(process.execPath, [cli, 'frobnicate'], { encoding: 'utf8' });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('unknown command "frobnicate"');
  });
});
