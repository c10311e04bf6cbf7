import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../main/domain/events.ts';
import { type FeedServer, startFeedServer } from '../../../main/feed-sim/feed-server.ts';
import { type Hub, startHub } from '../../../main/hub.ts';
import { memoryLogger } from '../../../main/log.ts';
import { UPSTREAM_ID_KEY } from '../../../main/store/store.ts';
import { call } from '../../support/http.ts';
import { seqOf } from '../../support/event-ids.ts';
import { SseClient } from '../../support/sse-client.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { until } from './support/test-upstream.ts';

const START = Date.parse('2026-11-20T09:00:00Z');

type Plain = Record<string, unknown>;

/** A record as the feed defines it: versions and ownership are each side's own business. */
function plain(record: unknown): Plain {
  const { version: _v, source: _s, settings: _settings, ...rest } = record as Plain;
  return rest;
}

const byId = (list: readonly unknown[]) =>
  Object.fromEntries(list.map((r) => [(r as { id: string }).id, plain(r)]));

/** The upstream-owned records of a hub, as stored, next to the same view of a feed. */
function upstreamState(hub: Hub) {
  const r = hub.store.records;
  const up = (list: { source?: string }[]) => list.filter((x) => x.source === 'upstream');
  return {
    venue: plain(hub.store.venue()),
    auditoriums: byId(up(r.auditoriums.all())),
    films: byId(up(r.films.all())),
    showtimes: byId(up(r.showtimes.all())),
    announcements: byId(up(r.announcements.all())),
  };
}
function feedState(snapshot: Snapshot) {
  return {
    venue: plain(snapshot.venue),
    auditoriums: byId(snapshot.auditoriums),
    films: byId(snapshot.films),
    showtimes: byId(snapshot.showtimes),
    announcements: byId(snapshot.announcements),
  };
}

describe('a hub following feed-sim', () => {
  let clock: number;
  let hubDir: ReturnType<typeof tempDir>;
  let feedDir: ReturnType<typeof tempDir>;
  let feed: FeedServer | undefined;
  let hub: Hub | undefined;
  let port = 0;
  const clients: SseClient[] = [];

  beforeEach(() => {
    clock = START;
    hubDir = tempDir();
    feedDir = tempDir();
  });
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await hub?.close();
    await feed?.close();
    hub = feed = undefined;
    hubDir.remove();
    feedDir.remove();
  });

  const startFeed = async () => {
    feed = await startFeedServer({
      port,
      seed: 7,
      rate: 20,
      dataDir: feedDir.path,
      autoRun: false,
      retryMs: 20,
      now: () => clock,
    });
    port = feed.port;
    return feed;
  };
  const openHub = async () => {
    hub = await startHub({
      dataDir: hubDir.path,
      port: 0,
      log: memoryLogger(),
      upstream: { url: `http://127.0.0.1:${port}/events`, backoff: { capMs: 200 } },
    });
    return hub;
  };
  /** The simulation moves on by `ms`, a second at a time, sending events as it goes. */
  const sell = (ms: number) => {
    for (const end = clock + ms; clock < end;) {
      clock = Math.min(end, clock + 1_000);
      feed!.sim.runUntil(clock);
    }
  };
  const caughtUp = () => hub!.store.meta.get(UPSTREAM_ID_KEY) === String(feed!.sim.seq);
  const waitCaughtUp = () => until(caughtUp, `hub at upstream seq ${feed!.sim.seq}`, 15_000);

  /** Changes the hub logged from the feed since `hubSeq`, as the feed logged them since `feedSeq`. */
  const relayedSince = (hubSeq: number) =>
    (hub!.store.eventsAfter(hubSeq) ?? [])
      .filter((e) => e.type !== 'status')
      .map((e) => [e.type, plain(JSON.parse(e.json))]);
  const sentSince = (feedSeq: number) =>
    (feed!.sim.log.after(feedSeq) ?? []).map((e) => [e.type, plain(JSON.parse(e.json))]);

  it('mirrors the feed, shows live seat sales to screens, and reports its link in health', async () => {
    await startFeed();
    await openHub();
    await waitCaughtUp();
    expect(upstreamState(hub!)).toEqual(feedState(feed!.sim.snapshot()));

    const screen = await SseClient.connect(`${hub!.url}/events`);
    clients.push(screen);
    await screen.count(1);
    const before = hub!.store.seq;
    sell(5_000);
    await waitCaughtUp();
    await screen.until(() => seqOf(screen.lastId()) >= hub!.store.seq, 'the screen to catch up');
    expect(screen.events.some((e) => e.event === 'availability')).toBe(true);
    expect(upstreamState(hub!)).toEqual(feedState(feed!.sim.snapshot()));

    const health = await call<Record<string, unknown>>(`${hub!.url}/api/health`);
    expect(health.body['upstream']).toBe('live');
    expect(Date.parse(String(health.body['lastUpstreamEventAt']))).toBeGreaterThan(Date.now() - 60_000);
    const states = (hub!.store.eventsAfter(0) ?? [])
      .filter((e) => e.type === 'status')
      .map((e) => (JSON.parse(e.json) as { upstream: string }).upstream);
    expect(states).toEqual(['connecting', 'live']);
    expect(hub!.store.seq).toBeGreaterThan(before);
  });

  it('loses nothing and applies nothing twice through cuts, a hub restart and a feed restart', async () => {
    await startFeed();
    await openHub();
    await waitCaughtUp();
    const feedSeq0 = feed!.sim.seq;
    const hubSeq0 = hub!.store.seq;

    // Connections cut while events flow, some inside an event in flight.
    for (let i = 0; i < 12; i++) {
      sell(1_000);
      if (i % 4 === 1) {
        feed!.dropClients();
        await until(() => feed!.clients === 1, 'the relay to reconnect');
      }
    }
    // The hub goes down while seats keep selling, then comes back.
    await hub!.close();
    sell(5_000);
    await openHub();
    await waitCaughtUp();
    // The feed goes down (its history on disk) and comes back on the same port.
    const earlier = feed!.streams.map((s) => s.snapshot);
    await feed!.close();
    await until(() => hub!.status().upstream === 'reconnecting', 'the hub to notice');
    await startFeed();
    sell(5_000);
    await waitCaughtUp();

    expect(upstreamState(hub!)).toEqual(feedState(feed!.sim.snapshot()));
    // Every feed event after the first snapshot reached the hub exactly once, in order.
    const sent = sentSince(feedSeq0);
    expect(sent.length).toBeGreaterThan(200);
    expect(relayedSince(hubSeq0)).toEqual(sent);
    // One snapshot only: every reconnect resumed from the id stored with the last change.
    const later = feed!.streams.map((s) => s.snapshot);
    expect(earlier.length).toBeGreaterThanOrEqual(5);
    expect([...earlier, ...later]).toEqual([true, ...Array(earlier.length + later.length - 1).fill(false)]);
  });

  it('takes a fresh snapshot when the feed restarts as a new history', async () => {
    await startFeed();
    await openHub();
    sell(3_000);
    await waitCaughtUp();
    await feed!.close();
    feedDir.remove();
    feedDir = tempDir();
    clock += 60_000;
    await startFeed();
    sell(2_000);
    await waitCaughtUp();
    expect(feed!.streams[0]).toMatchObject({ snapshot: true });
    expect(upstreamState(hub!)).toEqual(feedState(feed!.sim.snapshot()));
  });
});
