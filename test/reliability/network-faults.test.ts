import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../main/demo/random.ts';
import { type FeedServer, startFeedServer } from '../../main/feed-sim/feed-server.ts';
import { memoryLogger } from '../../main/log.ts';
import { UpstreamRelay } from '../../main/relay/relay.ts';
import { Store, UPSTREAM_ID_KEY } from '../../main/store/store.ts';
import { FaultProxy } from '../support/fault-proxy.ts';
import { tempDir } from '../support/temp-dir.ts';
import { upstreamRecords, feedRecords } from './support/compare.ts';

const SEED = Number(process.env['MARQUEE_SEED'] ?? 7);

/**
 * The relay follows a real feed-sim through a proxy that injects network
 * faults. After every fault it must catch up with the feed exactly: the same
 * records, every feed event dispatched once in all (no replay, no gap), and
 * the stored upstream id only ever moving forward.
 */
describe('relay ↔ upstream through a faulty network', () => {
  let feed: FeedServer;
  let proxy: FaultProxy;
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  let relay: UpstreamRelay;
  let clock: number;
  let random: () => number;
  /** Every upstream id committed, in commit order. */
  let committedIds: number[];

  beforeEach(async () => {
    random = seededRandom(SEED);
    clock = Date.now();
    // Driven by the test, not by real time: events come when `produce` says.
    feed = await startFeedServer({
      port: 0,
      seed: SEED,
      rate: 20,
      autoRun: false,
      now: () => clock,
      retryMs: 20,
      heartbeatMs: 100,
    });
    proxy = await FaultProxy.start(feed.url, random);
    dir = tempDir();
    store = Store.open({ file: join(dir.path, 'marquee.db') });
    committedIds = [];
    store.onCommit(() => committedIds.push(Number(store.meta.get(UPSTREAM_ID_KEY))));
    relay = new UpstreamRelay(
      {
        url: proxy.url('/events'),
        idleTimeoutMs: 600,
        connectTimeoutMs: 600,
        backoff: { baseMs: 10, capMs: 100 },
      },
      { store, log: memoryLogger(), onStatus: () => {} },
    );
    relay.start();
    await converged('the first snapshot');
  });

  afterEach(async () => {
    await relay.stop();
    await proxy.close();
    await feed.close();
    store.close();
    dir.remove();
  });

  /** Moves the feed's clock on by `seconds`, one second at a time: about 20 events each. */
  const produce = (seconds: number) => {
    for (let i = 0; i < seconds; i++) {
      clock += 1_000;
      feed.sim.runUntil(clock);
    }
  };

  const until = async (check: () => boolean, what: string, timeoutMs = 20_000) => {
    const start = performance.now();
    while (!check()) {
      if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };

  /** Waits until the relay has committed the feed's newest id. */
  const converged = (what: string) =>
    until(() => store.meta.get(UPSTREAM_ID_KEY) === String(feed.sim.seq), `${what}: id ${feed.sim.seq}`);

  /** The promise of the whole suite, checked after every scenario. */
  const expectExactlyTheFeed = async () => {
    await converged('convergence');
    expect(upstreamRecords(store)).toEqual(feedRecords(feed.sim.snapshot()));
    const stats = relay.stats();
    // One snapshot, then every later event exactly once over all the connections.
    expect(stats.snapshots).toBe(1);
    const first = feed.streams[0]!;
    expect(first.snapshot).toBe(true);
    expect(feed.streams.slice(1).every((s) => !s.snapshot)).toBe(true);
    const snapshotSeq = committedIds[0]!;
    expect(stats.received).toBe(1 + feed.sim.seq - snapshotSeq);
    expect(stats.skipped).toBe(0);
    for (let i = 1; i < committedIds.length; i++) {
      expect(committedIds[i], `commit ${i}`).toBeGreaterThan(committedIds[i - 1]!);
    }
  };

  it('keeps up through latency, and every event arrives once', async () => {
    proxy.set({ latencyMs: 40 });
    produce(20);
    await converged('events under latency');
    proxy.set({});
    produce(5);
    await expectExactlyTheFeed();
  });

  it('reads the same events when every chunk arrives in pieces of 1 to 3 bytes', async () => {
    proxy.set({ fragmentBytes: 3 });
    for (let i = 0; i < 10; i++) {
      produce(2);
      await new Promise((r) => setTimeout(r, 20));
    }
    await expectExactlyTheFeed();
    expect(relay.stats().connections).toBe(1);
  });

  it('resumes after connections dropped and reset at random moments, also inside an event', async () => {
    proxy.set({ fragmentBytes: 64 });
    let cuts = 0;
    for (let round = 0; round < 30; round++) {
      await until(() => relay.state === 'live' && proxy.open > 0, 'the stream to be open again');
      produce(1);
      // A moment while the bytes are in flight: the cut may land anywhere in an event.
      await new Promise((r) => setTimeout(r, random() * 15));
      cuts += round % 2 === 0 ? proxy.reset() : proxy.drop();
    }
    expect(cuts).toBe(30);
    proxy.set({});
    produce(3);
    await expectExactlyTheFeed();
    expect(relay.stats().connections).toBeGreaterThan(30);
  });

  it('takes a stalled link for dead after the idle limit, and catches up once it flows', async () => {
    const before = relay.stats().connections;
    proxy.set({ stalled: true });
    produce(5);
    // The stalled stream and the attempts made while stalled all time out.
    await until(() => relay.state === 'reconnecting', 'the idle limit to fire');
    await until(() => relay.stats().attempts > before + 2, 'attempts through the stall');
    proxy.set({});
    produce(5);
    await expectExactlyTheFeed();
    expect(relay.stats().connections).toBeGreaterThan(before);
  });

  it('keeps trying while the upstream host refuses connections, then resumes where it was', async () => {
    proxy.set({ refusing: true });
    proxy.reset();
    produce(10);
    const refusedBefore = proxy.accepted;
    await until(() => proxy.accepted > refusedBefore + 5, 'refused attempts');
    expect(relay.state).toBe('reconnecting');
    proxy.set({});
    await expectExactlyTheFeed();
  });

  it('converges after a seeded mix of every fault', async () => {
    for (let round = 0; round < 40; round++) {
      const r = random();
      if (r < 0.15) proxy.reset();
      else if (r < 0.3) proxy.drop();
      else if (r < 0.4) proxy.set({ stalled: true });
      else if (r < 0.5) proxy.set({ refusing: true });
      else if (r < 0.65) proxy.set({ fragmentBytes: 1 + Math.floor(random() * 8) });
      else if (r < 0.8) proxy.set({ latencyMs: Math.floor(random() * 60) });
      else proxy.set({});
      produce(1);
      await new Promise((resolve) => setTimeout(resolve, random() * 150));
    }
    proxy.set({});
    produce(2);
    await expectExactlyTheFeed();
  });
});
