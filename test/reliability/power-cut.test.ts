import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminAuth } from '../../main/api/auth/admin-auth.ts';
import { seededRandom } from '../../main/demo/random.ts';
import type { Change } from '../../main/domain/events.ts';
import { type FeedServer, startFeedServer } from '../../main/feed-sim/feed-server.ts';
import { SimState } from '../../main/feed-sim/sim-state.ts';
import { Store, UPSTREAM_ID_KEY } from '../../main/store/store.ts';
import { seqOf } from '../support/event-ids.ts';
import { SseClient } from '../support/sse-client.ts';
import { tempDir } from '../support/temp-dir.ts';
import { basics } from '../main/store/fixtures.ts';
import { spawnHub } from '../e2e/support/hub-process.ts';
import { feedRecords, upstreamRecords } from './support/compare.ts';

/** Kills per run: a quick run in `npm test`; `npm run soak` sets 200 or more. */
const CUTS = Number(process.env['MARQUEE_POWER_CUTS'] ?? 12);
const SEED = Number(process.env['MARQUEE_SEED'] ?? Date.now() % 100_000);

interface Ack {
  seq: number;
  showtimeId: string;
  seats: number;
}

/** PATCHes availability without pause until the hub dies; returns what it acknowledged. */
async function writeUntilDead(url: string, token: string, random: () => number): Promise<Ack[]> {
  const acks: Ack[] = [];
  const one = (showtimeId: string, seats: number) =>
    new Promise<boolean>((resolve) => {
      const req = request(
        `${url}/api/admin/showtimes/${showtimeId}/availability`,
        {
          method: 'PATCH',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (d: string) => (body += d));
          res.on('end', () => {
            const reply =
              res.statusCode === 200 ? (JSON.parse(body) as { seq: number; changed: boolean }) : undefined;
            // A no-op (seats already at that value) logs nothing, so there is no event to find.
            if (reply?.changed) acks.push({ seq: reply.seq, showtimeId, seats });
            resolve(true);
          });
          res.on('error', () => resolve(false));
        },
      );
      req.on('error', () => resolve(false));
      req.end(JSON.stringify({ seatsAvailable: seats }));
    });
  // Two writers in parallel, so the kill can land between any two steps of either.
  const writer = async () => {
    while (await one(random() < 0.5 ? 's1' : 's2', Math.floor(random() * 101)));
  };
  await Promise.all([writer(), writer()]);
  return acks;
}

/** Events a screen received from the hub: each was committed before it was sent. */
async function watch(url: string): Promise<SseClient | undefined> {
  try {
    return await SseClient.connect(`${url}/events`);
  } catch {
    return undefined; // killed before it answered
  }
}

/** The feed's records as they were right after event `seq`, replayed from its own log. */
function feedStateAt(feed: FeedServer, seq: number) {
  const state = new SimState();
  for (const e of feed.sim.log.held()) {
    if (e.seq > seq) break;
    state.apply({ type: e.type, data: JSON.parse(e.json) } as Change);
  }
  return feedRecords(state.snapshot(seq));
}

describe(`power cut: SIGKILL at random moments (${CUTS} times, seed ${SEED})`, () => {
  const dir = tempDir();
  let token = '';
  let feed: FeedServer;
  afterAll(() => feed?.close());
  beforeAll(async () => {
    // A busy ticketing feed the hub follows while staff write: both kinds of write are cut.
    feed = await startFeedServer({ port: 0, seed: SEED, rate: 50, heartbeatMs: 1_000, retryMs: 50 });
    const store = Store.open({ file: join(dir.path, 'marquee.db') });
    store.apply([
      ...basics(),
      { type: 'showtime.upsert', data: { ...(basics()[2]!.data as object), id: 's2' } as never },
    ]);
    token = new AdminAuth(store).createApiToken('power-cut test').token;
    store.close();
  });
  afterAll(() => dir.remove());

  it(
    'loses no acknowledged write and never corrupts the database',
    async () => {
      const random = seededRandom(SEED);
      const acked: Ack[] = [];
      let upstreamId = 0;
      let upstreamAdvanced = 0;
      let seen = 0;
      for (let cut = 0; cut < CUTS; cut++) {
        const hub = await spawnHub(['--data', dir.path, '--port', '0', '--upstream', feed.eventsUrl]);
        const screen = watch(hub.url);
        const writing = writeUntilDead(hub.url, token, random);
        await new Promise((r) => setTimeout(r, 20 + random() * 250)); // the random moment of the cut
        await hub.stop('SIGKILL');
        acked.push(...(await writing));
        const shown = (await screen)?.events.filter((e) => e.event !== 'snapshot') ?? [];
        seen += shown.length;

        const db = new Database(join(dir.path, 'marquee.db'));
        try {
          expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
          const logged = new Map(
            (
              db.prepare("SELECT seq, data FROM events WHERE type = 'availability'").all() as {
                seq: number;
                data: string;
              }[]
            ).map((r) => [r.seq, JSON.parse(r.data) as { showtimeId: string; seatsAvailable: number }]),
          );
          for (const ack of acked) {
            expect(logged.get(ack.seq), `acknowledged write seq ${ack.seq}`).toEqual({
              showtimeId: ack.showtimeId,
              seatsAvailable: ack.seats,
            });
          }
          // State and log were committed together: each showtime shows its last logged value.
          for (const id of ['s1', 's2']) {
            const last = [...logged.entries()]
              .filter(([, d]) => d.showtimeId === id)
              .sort((a, b) => a[0] - b[0])
              .at(-1);
            const seats = db.prepare('SELECT seats_available FROM showtimes WHERE id = ?').pluck().get(id);
            expect(seats).toBe(last ? last[1].seatsAvailable : 100);
          }
          // Whatever a screen was shown is on disk, byte for byte: nothing is sent before commit.
          const row = db.prepare('SELECT type, data FROM events WHERE seq = ?');
          for (const e of shown) {
            expect(row.get(seqOf(e.id)), `event ${e.id} a screen saw`).toEqual({
              type: e.event,
              data: e.data,
            });
          }
        } finally {
          db.close();
        }
        // The upstream id committed never goes back, and the upstream records are exactly the
        // feed's state at that id: id and changes were committed together.
        const store = Store.open({ file: join(dir.path, 'marquee.db') });
        try {
          const committed = Number(store.meta.get(UPSTREAM_ID_KEY) ?? 0);
          expect(committed).toBeGreaterThanOrEqual(upstreamId);
          if (committed > upstreamId) upstreamAdvanced++;
          upstreamId = committed;
          if (committed > 0) expect(upstreamRecords(store)).toEqual(feedStateAt(feed, committed));
        } finally {
          store.close();
        }
      }
      mkdirSync('test-results', { recursive: true });
      const figures = { cuts: CUTS, seed: SEED, acknowledgedWrites: acked.length, eventsSeenByScreens: seen };
      writeFileSync(
        join('test-results', 'power-cut.json'),
        JSON.stringify({ ...figures, upstreamIdAdvancedIn: upstreamAdvanced, lastUpstreamId: upstreamId }) +
          '\n',
      );
      expect(acked.length).toBeGreaterThan(CUTS);
      expect(seen).toBeGreaterThan(CUTS);
      // Upstream events were committed in a good share of the hub's short lives.
      expect(upstreamAdvanced).toBeGreaterThan(CUTS / 3);
    },
    60 * 60_000,
  );
});
