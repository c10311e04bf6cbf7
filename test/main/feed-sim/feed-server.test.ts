import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Snapshot } from '../../../main/domain/events.ts';
import { type FeedServer, startFeedServer } from '../../../main/feed-sim/feed-server.ts';
import { SseClient } from '../../support/sse-client.ts';
import { tempDir } from '../../support/temp-dir.ts';

const START = Date.parse('2026-11-20T09:00:00Z');

describe('feed-sim server', () => {
  let clock: number;
  let dir: ReturnType<typeof tempDir>;
  const servers: FeedServer[] = [];
  const clients: SseClient[] = [];

  beforeEach(() => {
    clock = START;
    dir = tempDir();
  });
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    for (const s of servers.splice(0)) await s.close();
    dir.remove();
  });

  const start = async (
    options: { port?: number; dataDir?: string; maxEvents?: number; heartbeatMs?: number } = {},
  ) => {
    const feed = await startFeedServer({
      port: 0,
      seed: 42,
      rate: 10,
      autoRun: false,
      now: () => clock,
      ...options,
    });
    servers.push(feed);
    return feed;
  };
  const connect = async (feed: FeedServer, lastEventId?: string | number) => {
    const c = await SseClient.connect(
      feed.eventsUrl,
      lastEventId === undefined ? {} : { 'Last-Event-ID': String(lastEventId) },
    );
    clients.push(c);
    return c;
  };
  /** Moves the simulated clock on, a second at a time, and makes the events due. */
  const run = (feed: FeedServer, ms: number) => {
    const made = [];
    for (const end = clock + ms; clock < end;) {
      clock = Math.min(end, clock + 1_000);
      made.push(...feed.sim.runUntil(clock));
    }
    return made;
  };

  it('sends retry, then a snapshot whose id is its seq, then live events in order', async () => {
    const feed = await start();
    const c = await connect(feed);
    expect(c.response?.headers['content-type']).toBe('text/event-stream');
    expect(c.response?.headers['cache-control']).toBe('no-cache');
    await c.count(1);
    expect(c.retry).toBe(2000);
    const [first] = c.events;
    expect(first?.event).toBe('snapshot');
    const snap = Snapshot.parse(JSON.parse(first!.data));
    expect(first?.id).toBe(String(snap.seq));
    expect(snap.seq).toBe(feed.sim.seq);
    expect(snap.showtimes.length).toBeGreaterThan(100);

    const made = run(feed, 10_000);
    expect(made.length).toBeGreaterThan(50);
    await c.count(1 + made.length);
    expect(c.events.slice(1).map((e) => [Number(e.id), e.event])).toEqual(made.map((e) => [e.seq, e.type]));
    expect(feed.streams).toEqual([{ lastEventId: undefined, snapshot: true }]);
  });

  it('resumes after Last-Event-ID with exactly the missed events; an unknown id gets a snapshot', async () => {
    const feed = await start();
    const seen = feed.sim.seq;
    const missed = run(feed, 5_000);
    const c = await connect(feed, seen);
    run(feed, 5_000);
    await c.count(missed.length);
    expect(c.events.slice(0, missed.length).map((e) => Number(e.id))).toEqual(missed.map((e) => e.seq));
    expect(c.events.some((e) => e.event === 'snapshot')).toBe(false);

    for (const id of [feed.sim.seq + 1, 5, 'not-a-number']) {
      const fresh = await connect(feed, id);
      await fresh.count(1);
      expect(fresh.events[0]?.event).toBe('snapshot');
    }
    const upToDate = await connect(feed, feed.sim.seq);
    const made = run(feed, 2_000);
    await upToDate.count(made.length);
    expect(upToDate.events[0]?.id).toBe(String(made[0]!.seq));
    expect(feed.streams.map((s) => s.snapshot)).toEqual([false, true, true, true, false]);
  });

  it('keeps links open with comments', async () => {
    const feed = await start({ heartbeatMs: 20 });
    const c = await connect(feed);
    await c.until(() => c.comments.length >= 2, 'two heartbeats');
    expect(c.comments[0]).toBe('ping');
  });

  it('serves its snapshot as JSON and the films’ posters', async () => {
    const feed = await start();
    const snap = (await (await fetch(`${feed.url}/api/snapshot`)).json()) as Snapshot;
    expect(snap).toEqual(JSON.parse(JSON.stringify(feed.sim.snapshot())));
    const poster = snap.films[0]!.posterUrl!;
    expect(poster).toBe(`${feed.url}/posters/${snap.films[0]!.id}.svg`);
    const res = await fetch(poster);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(await res.text()).toContain('<svg');
    expect((await fetch(`${feed.url}/posters/nope.svg`)).status).toBe(404);
  });

  it('numbers a new in-memory history above any earlier one, so old ids get a snapshot', async () => {
    const first = await start();
    run(first, 5_000);
    const oldSeq = first.sim.seq;
    await first.close();
    clock += 1_000;
    const second = await start();
    expect(second.sim.log.held()[0]!.seq).toBeGreaterThan(oldSeq);
    const c = await connect(second, oldSeq);
    await c.count(1);
    expect(c.events[0]?.event).toBe('snapshot');
  });

  describe('with --data', () => {
    it('continues the same history after a restart, so a client resumes without a snapshot', async () => {
      const first = await start({ dataDir: dir.path });
      run(first, 10_000);
      const seen = first.sim.seq;
      const missed = run(first, 10_000);
      const state = first.sim.snapshot();
      await first.close();

      const second = await start({ dataDir: dir.path, port: first.port });
      expect(second.sim.seq).toBe(state.seq);
      expect(second.sim.snapshot()).toEqual(state);
      const c = await connect(second, seen);
      await c.count(missed.length);
      expect(c.events.map((e) => Number(e.id))).toEqual(missed.map((e) => e.seq));
      const more = run(second, 2_000);
      expect(more[0]!.seq).toBe(state.seq + 1);
    });

    it('compacts a long log into a checkpoint and the newest events, losing no state', async () => {
      const first = await start({ dataDir: dir.path, maxEvents: 200 });
      run(first, 120_000);
      const state = first.sim.snapshot();
      await first.close();
      const file = join(dir.path, 'feed-sim.jsonl');
      expect(readFileSync(file, 'utf8').split('\n').length).toBeGreaterThan(400);

      const second = await start({ dataDir: dir.path, maxEvents: 200, port: first.port });
      expect(second.sim.snapshot()).toEqual(state);
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
      expect(lines).toHaveLength(201);
      expect(JSON.parse(lines[0]!)).toMatchObject({ type: 'snapshot', seq: state.seq - 200 });
      // Resume works inside what was kept; before it, a snapshot.
      const inside = await connect(second, state.seq - 50);
      await inside.count(50);
      expect(inside.events[0]?.id).toBe(String(state.seq - 49));
      const before = await connect(second, state.seq - 500);
      await before.count(1);
      expect(before.events[0]?.event).toBe('snapshot');
    });

    it('updates poster addresses when it comes back on another port', async () => {
      const first = await start({ dataDir: dir.path });
      await first.close();
      const second = await start({ dataDir: dir.path });
      const films = second.sim.snapshot().films;
      expect(films.every((f) => f.posterUrl?.startsWith(`${second.url}/posters/`))).toBe(true);
      expect(second.sim.log.held().filter((e) => e.type === 'film.upsert').length).toBe(2 * films.length);
    });

    it('survives a last line torn by a crash', async () => {
      const first = await start({ dataDir: dir.path });
      run(first, 5_000);
      const state = first.sim.snapshot();
      await first.close();
      appendFileSync(join(dir.path, 'feed-sim.jsonl'), '{"seq":999999999,"type":"availab');
      const second = await start({ dataDir: dir.path, port: first.port });
      expect(second.sim.snapshot()).toEqual(state);
      expect(readFileSync(join(dir.path, 'feed-sim.jsonl'), 'utf8').endsWith('\n')).toBe(true);
    });
  });
});
