import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CountingClient } from '../reliability/support/counting-client.ts';
import { type Child, rssOf, spawnFeedSim, spawnHubWith } from '../reliability/support/processes.ts';
import { tempDir } from '../support/temp-dir.ts';

/*
 * The hub left running as a lobby leaves it: following a busy feed, with
 * hundreds of screens attached. Its memory, its event log and its WAL file
 * must level off, not creep. `MARQUEE_SOAK_MINUTES` (default 60) sets the
 * length; the figures go to test-results/soak.json.
 */
const MINUTES = Number(process.env['MARQUEE_SOAK_MINUTES'] ?? 60);
const CLIENTS = Number(process.env['MARQUEE_SOAK_CLIENTS'] ?? 500);
/**
 * Business events per second from feed-sim: ten times its default of 2, about
 * an opening night at a large multiplex with box office and online sales at
 * their busiest, held for the whole run.
 */
const RATE = Number(process.env['MARQUEE_SOAK_RATE'] ?? 20);
const DURATION_MS = MINUTES * 60_000;
/** Once a minute, or twelve samples in a short run. */
const SAMPLE_MS = Math.min(60_000, DURATION_MS / 12);
/**
 * Retention scaled down so the log reaches its steady size within the run
 * (a kiosk keeps 7 days; at this rate it would take a week to level off).
 * The hub prunes once a minute, so the log holds up to retention + 1 minute.
 */
const RETENTION_MS = Math.max(30_000, DURATION_MS / 6);
const PRUNE_EVERY_MS = 60_000;

interface Sample {
  minute: number;
  rssMiB: number;
  eventRows: number;
  walKiB: number;
  seq: number;
  hubClients: number;
  upstream: string;
  healthMs: number;
  /** Milliseconds from the hub committing an event to the slowest of 20 sampled screens receiving it. */
  slowestClientLagMs: number;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

describe(`soak: ${MINUTES} min, feed-sim at ${RATE} events/s, ${CLIENTS} screens`, () => {
  const dir = tempDir('marquee-soak-');
  let feed: Child | undefined;
  let hub: Child | undefined;
  const clients: CountingClient[] = [];
  afterAll(async () => {
    for (const c of clients) c.close();
    await hub?.stop();
    await feed?.stop();
    dir.remove();
  });

  it(
    'keeps hub memory, event-log rows and WAL size flat after warm-up',
    async () => {
      feed = await spawnFeedSim({ seed: 20_240_601, rate: RATE });
      hub = await spawnHubWith({
        dataDir: dir.path,
        port: 0,
        upstream: { url: `${feed.url}/events` },
        retention: { maxAgeMs: RETENTION_MS, minEvents: 1_000 },
        streams: { maxClientsPerAddress: CLIENTS + 10 },
      });
      const base = hub.url;
      for (let i = 0; i < CLIENTS; i++) clients.push(await CountingClient.open(`${base}/events`));
      expect(clients.filter((c) => c.status === 200)).toHaveLength(CLIENTS);

      const dbFile = join(dir.path, 'marquee.db');
      const samples: Sample[] = [];
      const started = performance.now();
      const sample = async (): Promise<Sample> => {
        const t0 = performance.now();
        const health = (await (await fetch(`${base}/api/health`)).json()) as {
          seq: number;
          clients: number;
          upstream: string;
        };
        const healthMs = performance.now() - t0;
        const db = new Database(dbFile, { readonly: true });
        const eventRows = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
        db.close();
        // The WAL file is gone only after a clean close.
        const wal = existsSync(`${dbFile}-wal`) ? statSync(`${dbFile}-wal`).size : 0;
        // How long the next event takes from commit to the slowest of a spread of screens.
        const lag = await lagOf(
          clients.filter((_, i) => i % 25 === 0),
          health.seq,
          dbFile,
        );
        return {
          minute: round((performance.now() - started) / 60_000, 2),
          rssMiB: round(rssOf(hub!.pid) / 2 ** 20),
          eventRows,
          walKiB: round(wal / 1024),
          seq: health.seq,
          hubClients: health.clients,
          upstream: health.upstream,
          healthMs: round(healthMs),
          slowestClientLagMs: round(lag),
        };
      };

      const results = join('test-results');
      mkdirSync(results, { recursive: true });
      const write = (verdict?: unknown) =>
        writeFileSync(
          join(results, 'soak.json'),
          JSON.stringify(
            {
              minutes: MINUTES,
              rate: RATE,
              clients: CLIENTS,
              retentionMs: RETENTION_MS,
              sampleEveryMs: SAMPLE_MS,
              samples,
              verdict,
            },
            null,
            2,
          ) + '\n',
        );
      while (performance.now() - started < DURATION_MS) {
        const next = started + (samples.length + 1) * SAMPLE_MS;
        await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
        samples.push(await sample());
        write();
      }

      // Every screen is still attached and saw every event, in order, exactly once.
      const faults = clients.flatMap((c, i) => c.faults.map((f) => `client ${i}: ${f}`));
      expect(faults.slice(0, 10)).toEqual([]);
      expect(clients.filter((c) => c.ended)).toHaveLength(0);
      expect(samples.every((s) => s.upstream === 'live')).toBe(true);
      expect(samples.at(-1)!.hubClients).toBe(CLIENTS);
      // Each sampled screen got the next event (within 10 s; the figures are in soak.json).
      expect(samples.filter((s) => !Number.isFinite(s.slowestClientLagMs))).toEqual([]);

      // Flat: the highest value in the last quarter is at most 1.2 times the
      // highest in the second (the first quarter is warm-up).
      const window = (from: number, to: number) =>
        samples.filter((s) => s.minute > from * MINUTES && s.minute <= to * MINUTES);
      const peak = (list: Sample[], key: 'rssMiB' | 'walKiB' | 'eventRows') =>
        Math.max(...list.map((s) => s[key]));
      const early = window(0.25, 0.5);
      const late = window(0.75, 1);
      const perSecond =
        (samples.at(-1)!.seq - samples[0]!.seq) / ((samples.at(-1)!.minute - samples[0]!.minute) * 60);
      // Pruning keeps at most retention + one prune interval of events.
      const rowBound = Math.ceil(perSecond * ((RETENTION_MS + PRUNE_EVERY_MS) / 1000) * 1.2) + 1_000;
      const verdict = {
        eventsPerSecond: round(perSecond),
        rss: { earlyPeakMiB: peak(early, 'rssMiB'), latePeakMiB: peak(late, 'rssMiB') },
        wal: { earlyPeakKiB: peak(early, 'walKiB'), latePeakKiB: peak(late, 'walKiB') },
        rows: { earlyPeak: peak(early, 'eventRows'), latePeak: peak(late, 'eventRows'), bound: rowBound },
        maxHealthMs: Math.max(...samples.map((s) => s.healthMs)),
        maxClientLagMs: Math.max(...samples.map((s) => s.slowestClientLagMs)),
      };
      write(verdict);

      expect(verdict.rss.latePeakMiB).toBeLessThanOrEqual(verdict.rss.earlyPeakMiB * 1.2);
      expect(verdict.wal.latePeakKiB).toBeLessThanOrEqual(
        Math.max(verdict.wal.earlyPeakKiB * 1.2, 4_096 + 64),
      );
      const steady = samples.filter((s) => s.minute * 60_000 > RETENTION_MS + 2 * PRUNE_EVERY_MS);
      for (const s of steady) expect(s.eventRows, `rows at minute ${s.minute}`).toBeLessThanOrEqual(rowBound);
      // Both windows must hold a full prune cycle past warm-up for their peaks to compare.
      if (DURATION_MS / 4 >= RETENTION_MS + PRUNE_EVERY_MS)
        expect(verdict.rows.latePeak).toBeLessThanOrEqual(verdict.rows.earlyPeak * 1.2);
    },
    DURATION_MS + 10 * 60_000,
  );
});

/**
 * Commit-to-screen latency: waits for the next event after `seq` to reach
 * every sampled client and returns the slowest arrival minus the time the
 * hub stamped on it when committing (same machine, same clock).
 */
async function lagOf(sampled: CountingClient[], seq: number, dbFile: string): Promise<number> {
  const target = seq + 1;
  const t0 = performance.now();
  while (!sampled.every((c) => (c.lastId ?? 0) >= target)) {
    if (performance.now() - t0 > 10_000) return Number.POSITIVE_INFINITY;
    await new Promise((r) => setTimeout(r, 2));
  }
  const db = new Database(dbFile, { readonly: true });
  const at = db.prepare('SELECT at FROM events WHERE seq = ?').pluck().get(target) as number;
  db.close();
  return Math.max(...sampled.map((c) => (c.receivedAt(target) ?? Number.POSITIVE_INFINITY) - at));
}
