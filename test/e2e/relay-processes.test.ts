import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../main/domain/events.ts';
import { packageRoot } from '../../main/paths.ts';
import { seqOf } from '../support/event-ids.ts';
import { SseClient } from '../support/sse-client.ts';
import { tempDir } from '../support/temp-dir.ts';
import { type HubProcess, spawnHub } from './support/hub-process.ts';

/*
 * The "done when", with real processes from the built CLI (run
 * `npm run build:main` first): `marquee feed-sim` and `marquee serve
 * --upstream`, each killed and restarted in every order, SIGKILL included.
 * At the end the hub holds exactly the feed's records, and its event log
 * holds every feed event after the first snapshot exactly once, in order.
 */

interface FeedProcess {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

async function spawnFeedSim(args: string[]): Promise<FeedProcess> {
  const cli = join(packageRoot(), 'bin', 'marquee.js');
  const child = spawn(process.execPath, [cli, 'feed-sim', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:\d+\/events/.exec(out);
      if (m) resolve(m[0]);
    });
    child.once('exit', (code) => reject(new Error(`feed-sim exited with ${code}:\n${err}`)));
  });
  return {
    url,
    port: Number(new URL(url).port),
    child,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill(signal);
      await exited;
    },
  };
}

const json = async <T>(url: string) => (await (await fetch(url)).json()) as T;

/** JSON with sorted keys: equal records compare equal whatever order each side lists fields in. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v,
  );

/** Repeats `probe` (each try is a real request) until it holds. */
async function poll(probe: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

type Plain = Record<string, unknown>;
const plain = (record: unknown): Plain => {
  const { version: _v, source: _s, settings: _settings, ...rest } = record as Plain;
  return rest;
};
const byId = (list: readonly unknown[], upstreamOnly: boolean) =>
  Object.fromEntries(
    list
      .filter((r) => !upstreamOnly || (r as { source?: string }).source === 'upstream')
      .map((r) => [(r as { id: string }).id, plain(r)]),
  );
const records = (s: Snapshot, upstreamOnly: boolean) => ({
  venue: plain(s.venue),
  auditoriums: byId(s.auditoriums, upstreamOnly),
  films: byId(s.films, upstreamOnly),
  showtimes: byId(s.showtimes, upstreamOnly),
  announcements: byId(s.announcements, upstreamOnly),
});

/** Every event of an SSE log after `lastEventId`, up to `lastSeq`. */
async function readLog(url: string, lastEventId: string, lastSeq: number) {
  const client = await SseClient.connect(url, { 'Last-Event-ID': lastEventId });
  try {
    await client.until(() => seqOf(client.lastId()) >= lastSeq, `${url} up to ${lastSeq}`, 20_000);
    return client.events;
  } finally {
    client.close();
  }
}

describe('marquee feed-sim → marquee serve --upstream (separate processes)', () => {
  let feedDir: ReturnType<typeof tempDir>;
  let hubDir: ReturnType<typeof tempDir>;
  let feed: FeedProcess | undefined;
  let hub: HubProcess | undefined;
  let feedPort = 0;

  beforeEach(() => {
    feedDir = tempDir('marquee-feed-');
    hubDir = tempDir('marquee-hub-');
    feedPort = 0;
  });
  afterEach(async () => {
    await hub?.stop('SIGKILL');
    await feed?.stop('SIGKILL');
    feedDir.remove();
    hubDir.remove();
  });

  const startFeed = async (rate = 20) => {
    feed = await spawnFeedSim([
      '--port',
      String(feedPort),
      '--seed',
      '42',
      '--rate',
      String(rate),
      '--data',
      feedDir.path,
    ]);
    feedPort = feed.port;
  };
  const startHub = async () => {
    hub = await spawnHub([
      '--data',
      hubDir.path,
      '--port',
      '0',
      '--upstream',
      `http://127.0.0.1:${feedPort}/events`,
    ]);
  };
  const health = () => json<{ upstream: string; seq: number }>(`${hub!.url}/api/health`);
  const upstreamIs = (state: string) =>
    poll(async () => (await health()).upstream === state, `upstream ${state}`);
  const feedSeq = async () => (await json<Snapshot>(`${feed!.url.replace('/events', '')}/api/snapshot`)).seq;
  /** Lets the feed sell `n` more events. */
  const salesGoOn = async (n: number) => {
    const from = await feedSeq();
    await poll(async () => (await feedSeq()) >= from + n, `${n} more feed events`);
  };

  it('loses nothing and duplicates nothing when either side is killed and restarted, in any order', async () => {
    await startFeed();
    await startHub();
    await upstreamIs('live');
    await salesGoOn(20);
    const firstHubLog = hub!.stderr();

    // 1. The hub dies hard while seats sell, and comes back.
    await hub!.stop('SIGKILL');
    await salesGoOn(20);
    await startHub();
    await upstreamIs('live');

    // 2. The feed dies hard, and comes back on its port with its history.
    await feed!.stop('SIGKILL');
    await upstreamIs('reconnecting');
    await startFeed();
    await upstreamIs('live');
    await salesGoOn(20);

    // 3. Both go down, hub first; the feed comes back first.
    await hub!.stop('SIGTERM');
    await feed!.stop('SIGKILL');
    await startFeed();
    await salesGoOn(10);
    await startHub();
    await upstreamIs('live');

    // 4. Both go down, feed first; the hub comes back first and waits for it.
    await feed!.stop('SIGTERM');
    await hub!.stop('SIGKILL');
    await startHub();
    await upstreamIs('reconnecting');
    // Back slowly, so the two can be compared at rest.
    await startFeed(0.01);
    await upstreamIs('live');

    const feedBase = feed!.url.replace('/events', '');
    let final: Snapshot | undefined;
    await poll(async () => {
      const before = await json<Snapshot>(`${feedBase}/api/snapshot`);
      const mine = await json<Snapshot>(`${hub!.url}/api/snapshot`);
      const after = await json<Snapshot>(`${feedBase}/api/snapshot`);
      if (before.seq !== after.seq) return false;
      final = after;
      return canonical(records(mine, true)) === canonical(records(after, false));
    }, 'the hub to hold what the feed holds');
    expect(final!.showtimes.length).toBeGreaterThan(100);

    // Every feed event since the snapshot the hub started from, exactly once and in order.
    const applied = /"message":"upstream snapshot applied","id":"(\d+)","upserts":(\d+)/.exec(firstHubLog);
    expect(applied).not.toBeNull();
    const [snapshotId, upserts] = [Number(applied![1]), Number(applied![2])];
    const sent = (await readLog(feed!.url, String(snapshotId), final!.seq)).map((e) => [
      e.event,
      plain(JSON.parse(e.data)),
    ]);
    const hubSeq = (await health()).seq;
    // The hub's ids name its history (a new one after each hard kill); the log itself is whole.
    const { epoch } = await json<Snapshot>(`${hub!.url}/api/snapshot`);
    const relayed = (await readLog(`${hub!.url}/events`, `${epoch}-0`, hubSeq))
      .filter((e) => e.event !== 'status')
      .map((e) => [e.event, plain(JSON.parse(e.data))]);
    expect(sent.length).toBeGreaterThan(60);
    expect(relayed.slice(-sent.length)).toEqual(sent);
    // Before them: the first snapshot's records (and the venue), nothing else.
    expect(relayed.length - sent.length - upserts).toBeGreaterThanOrEqual(0);
    expect(relayed.length - sent.length - upserts).toBeLessThanOrEqual(1);
  });
});
