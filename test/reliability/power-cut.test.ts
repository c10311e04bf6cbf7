import Database from 'better-sqlite3';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminAuth } from '../../main/api/auth/admin-auth.ts';
import { seededRandom } from '../../main/demo/random.ts';
import { Store } from '../../main/store/store.ts';
import { tempDir } from '../support/temp-dir.ts';
import { basics } from '../main/store/fixtures.ts';
import { spawnHub } from '../e2e/support/hub-process.ts';

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

describe(`power cut: SIGKILL at random moments (${CUTS} times, seed ${SEED})`, () => {
  const dir = tempDir();
  let token = '';
  beforeAll(() => {
    const store = Store.open({ file: join(dir.path, 'marquee.db') });
    store.apply([
      ...basics(),
      { type: 'showtime.upsert', data: { ...(basics()[2]!.data as object), id: 's2' } as never },
    ]);
    token = new AdminAuth(store).createApiToken('power-cut test').token;
    store.close();
  });
  afterAll(() => dir.remove());

  it('loses no acknowledged write and never corrupts the database', async () => {
    const random = seededRandom(SEED);
    const acked: Ack[] = [];
    for (let cut = 0; cut < CUTS; cut++) {
      const hub = await spawnHub(['--data', dir.path, '--port', '0']);
      const writing = writeUntilDead(hub.url, token, random);
      await new Promise((r) => setTimeout(r, 20 + random() * 250)); // the random moment of the cut
      await hub.stop('SIGKILL');
      acked.push(...(await writing));

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
      } finally {
        db.close();
      }
    }
    expect(acked.length).toBeGreaterThan(CUTS);
  }, 600_000);
});
