import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDataDir } from '../../../main/backup/backup.ts';
import { RestoreRefused, restoreDataDir } from '../../../main/backup/restore.ts';
import { databaseFile } from '../../../main/hub.ts';
import { Store } from '../../../main/store/store.ts';
import { SseClient } from '../../support/sse-client.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { type TestHub, startTestHub } from '../../support/test-hub.ts';
import { availability, basics } from '../store/fixtures.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function hub(options: Parameters<typeof startTestHub>[0] = {}): Promise<TestHub> {
  const h = await startTestHub(options);
  cleanups.push(() => h.stop());
  return h;
}

function folder() {
  const d = tempDir();
  cleanups.push(() => d.remove());
  return d.path;
}

/** Seats of s1 as the event log says they were at `seq`. */
function seatsAt(h: TestHub, seq: number): number {
  const events = h.store.eventsBetween(0, seq) ?? [];
  const last = events.filter((e) => e.type === 'availability').at(-1)!;
  return (JSON.parse(last.json) as { seatsAvailable: number }).seatsAvailable;
}

describe('marquee backup and restore', () => {
  it('backs up a hub under write load to one consistent archive, and restores it with a new history', async () => {
    const running = await hub();
    running.store.apply(basics());
    // Enough events that the copy takes several steps (SQLite copies 100 pages in its first).
    for (let i = 0; i < 3_000; i++) running.store.apply([availability('s1', i % 100)]);
    mkdirSync(join(running.dataDir, 'posters'), { recursive: true });
    writeFileSync(join(running.dataDir, 'posters', 'f1.jpg'), Buffer.from('a poster, as bytes'));
    const config = join(folder(), 'marquee.yaml');
    writeFileSync(config, 'port: 4747\n');

    // Seat sales keep committing, a turn of the event loop apart, all through the backup.
    let writing = true;
    let duringBackup = 0;
    const load = (async () => {
      for (let i = 0; writing && i < 100_000; i++) {
        running.store.apply([availability('s1', (i * 7) % 100)]);
        duringBackup++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const seqBefore = running.store.seq;
    const archive = join(folder(), 'venue.tar');
    const summary = await backupDataDir({ dataDir: running.dataDir, to: archive, configFiles: [config] });
    writing = false;
    await load;
    expect(duringBackup).toBeGreaterThan(0);
    expect(summary.files).toBe(3);
    // Any tar reads it.
    const listing = execFileSync('tar', ['tf', archive], { encoding: 'utf8' }).trim().split('\n');
    expect(listing.sort()).toEqual([
      'config/marquee.yaml',
      'marquee-backup.json',
      'marquee.db',
      'posters/f1.jpg',
    ]);

    // Refused while a hub holds the folder it would restore into.
    expect(() => restoreDataDir({ from: archive, dataDir: running.dataDir })).toThrow(RestoreRefused);

    const target = join(folder(), 'data');
    const epoch = restoreDataDir({ from: archive, dataDir: target });
    expect(epoch).not.toBe(running.store.history.epoch);
    expect(readFileSync(join(target, 'posters', 'f1.jpg'), 'utf8')).toBe('a poster, as bytes');
    expect(readFileSync(join(target, 'restored-config', 'marquee.yaml'), 'utf8')).toBe('port: 4747\n');
    const restored = Store.open({ file: databaseFile(target), existingOnly: true });
    const { seq } = restored;
    const seats = restored.records.showtimes.get('s1')?.seatsAvailable;
    restored.close();
    // One moment of the running hub: its seq, and the state that went with it.
    expect(seq).toBeGreaterThanOrEqual(seqBefore);
    expect(seq).toBeLessThanOrEqual(running.store.seq);
    expect(seats).toBe(seatsAt(running, seq));

    // A screen that followed the old hub resumes with an id of the old history: it gets a snapshot.
    const oldId = running.store.eventsBetween(seq - 1, seq)![0]!;
    const oldEpoch = running.store.history.epoch;
    const back = await hub({ dataDir: target });
    expect(back.store.history.epoch).toBe(epoch);
    const screen = await SseClient.connect(`${back.url}/events`, {
      'last-event-id': `${oldEpoch}-${oldId.seq}`,
    });
    cleanups.push(() => screen.close());
    await screen.until(() => screen.events.length >= 1, 'the first event');
    expect(screen.events[0]!.event).toBe('snapshot');
  });

  it('refuses an archive that is not a Marquee backup, leaving the folder as it was', async () => {
    const dir = folder();
    const junk = join(dir, 'junk.tar');
    writeFileSync(junk, Buffer.alloc(2048, 1));
    const target = join(dir, 'data');
    mkdirSync(target);
    writeFileSync(join(target, 'keep.txt'), 'x');
    expect(() => restoreDataDir({ from: junk, dataDir: target })).toThrow(
      /not a usable backup|not a Marquee backup/,
    );
    expect(readFileSync(join(target, 'keep.txt'), 'utf8')).toBe('x');
    await Promise.resolve();
  });
});
