import Database from 'better-sqlite3';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Snapshot } from '../../../main/domain/events.ts';
import { type Hub, startHub } from '../../../main/hub.ts';
import { memoryLogger } from '../../../main/log.ts';
import { SseClient } from '../../support/sse-client.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { availability, basics } from '../store/fixtures.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function folder(): string {
  const dir = tempDir();
  cleanups.push(() => dir.remove());
  return dir.path;
}

async function hubAt(dataDir: string): Promise<Hub> {
  const hub = await startHub({ dataDir, port: 0, log: memoryLogger() });
  cleanups.push(() => hub.close());
  return hub;
}

async function connect(hub: Hub, lastEventId?: string): Promise<SseClient> {
  const c = await SseClient.connect(`${hub.url}/events`, lastEventId ? { 'Last-Event-ID': lastEventId } : {});
  cleanups.push(() => c.close());
  return c;
}

const sell = (hub: Hub, seats: readonly number[]) => {
  for (const n of seats) hub.store.apply([availability('s1', n)]);
};

describe('event ids name the history they belong to', () => {
  it('gives a screen resuming from a lost history a snapshot, even where the new one reached its seq again', async () => {
    const dir = folder();
    let hub = await hubAt(dir);
    hub.store.apply(basics());
    await hub.close(); // seq 3, all in the main database file
    hub = await hubAt(dir);
    const screen = await connect(hub);
    await screen.count(1);
    sell(hub, [90, 80, 70, 60, 50, 40, 30, 20, 10, 5]); // seq 4…13, in the WAL only
    await screen.count(11);
    const lastId = screen.lastId()!;
    expect(JSON.parse(screen.events.at(-1)!.data)).toEqual({ showtimeId: 's1', seatsAvailable: 5 });

    // The WAL is lost: the database file goes back to seq 3, next to the history file.
    const lost = folder();
    for (const f of ['marquee.db', 'marquee.db.history']) {
      if (existsSync(join(dir, f))) copyFileSync(join(dir, f), join(lost, f));
    }
    await hub.close();
    hub = await hubAt(lost);
    expect(hub.store.seq).toBe(3);
    // The new history goes past the screen's seq with other sales.
    sell(hub, [99, 98, 97, 96, 95, 94, 93, 92, 91, 77, 66, 55]); // seq 4…15
    const resumed = await connect(hub, lastId);
    await resumed.count(1);
    // Replaying 14 and 15 would leave 5 seats on screen, where this history has 55.
    expect(resumed.events[0]?.event).toBe('snapshot');
    const state = Snapshot.parse(JSON.parse(resumed.events[0]!.data));
    expect(state.showtimes.find((s) => s.id === 's1')?.seatsAvailable).toBe(55);
  });

  it('gives a snapshot to ids from before a new history is started on a running hub', async () => {
    const hub = await hubAt(folder());
    hub.store.apply(basics());
    const screen = await connect(hub);
    await screen.count(1);
    sell(hub, [50, 40]);
    await screen.count(3);
    const before = screen.lastId()!;
    const epoch = hub.store.startNewHistory();
    sell(hub, [30]);
    // Live events now carry the new history; a screen that notices reconnects for a snapshot.
    await screen.count(4);
    expect(screen.lastId()).toBe(`${epoch}-6`);
    const resumed = await connect(hub, before);
    await resumed.count(1);
    expect(resumed.events[0]).toMatchObject({ event: 'snapshot', id: `${epoch}-6` });
  });

  it('keeps resuming bare ids on a hub upgraded in place from before epochs', async () => {
    const dir = folder();
    let hub = await hubAt(dir);
    hub.store.apply(basics());
    sell(hub, [50, 40]);
    await hub.close();
    // What an older Marquee left: no epoch in the database, no history file.
    const db = new Database(join(dir, 'marquee.db'));
    db.prepare("DELETE FROM meta WHERE key LIKE 'history.%'").run();
    db.close();
    rmSync(join(dir, 'marquee.db.history'));
    hub = await hubAt(dir);
    const old = await connect(hub, '4');
    await old.count(1);
    expect(old.events.map((e) => e.id)).toEqual([`${hub.store.history.epoch}-5`]);
  });
});
