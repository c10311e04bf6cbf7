import type { Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Change } from '../../../main/domain/events.ts';
import type { HubOptions } from '../../../main/hub.ts';
import { seqOf } from '../../support/event-ids.ts';
import { RawStream } from '../../support/raw-stream.ts';
import { SseClient } from '../../support/sse-client.ts';
import { type TestHub, startTestHub } from '../../support/test-hub.ts';
import { basics } from '../store/fixtures.ts';

/** `n` seat sales on s1, in transactions of 5,000. */
function sell(hub: TestHub, n: number): void {
  for (let done = 0; done < n;) {
    const batch: Change[] = [];
    for (; batch.length < 5_000 && done < n; done++)
      batch.push({ type: 'availability', data: { showtimeId: 's1', seatsAvailable: done % 100 } });
    hub.store.apply(batch);
  }
}

/** `batches` × 500 announcement changes of ~600 bytes each. */
function announce(hub: TestHub, batches: number): void {
  for (let b = 0; b < batches; b++) {
    hub.store.apply(
      Array.from({ length: 500 }, (_, i) => ({
        type: 'announcement.upsert' as const,
        data: { id: `a${i}`, text: `batch ${b} ` + 'x'.repeat(560), priority: 0, source: 'local' as const },
      })),
    );
  }
}

/**
 * What this hub writes before a seq in its ids, read from its own snapshot
 * id: the tests build every Last-Event-ID from it, so they ask any build of
 * the hub the same question.
 */
async function idPrefix(hub: TestHub): Promise<string> {
  const c = await SseClient.connect(`${hub.url}/events`);
  await c.count(1);
  c.close();
  return (c.events[0]?.id ?? '').replace(/\d+$/, '');
}

/** Resolves once `check` holds, checked every event-loop turn (timers may be faked); bounded in time. */
async function eventually(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The hub's side of the next connection it accepts. */
function nextServerSocket(hub: TestHub): Promise<Socket> {
  return new Promise((resolve) => hub.server.once('connection', resolve));
}

/** Until the hub has stopped writing to `socket`: it waits for the client, with the kernel's buffers full. */
async function stalled(socket: Socket): Promise<void> {
  let last = -1;
  let same = 0;
  await eventually(() => {
    const now = socket.bytesWritten;
    same = now === last ? same + 1 : 0;
    last = now;
    return same >= 200;
  }, 'the hub to stop writing to a client that does not read');
}

describe('replay limits', () => {
  let hub: TestHub;
  const streams: { close(): void }[] = [];
  const start = async (options: Partial<HubOptions> = {}) => {
    hub = await startTestHub(options);
    hub.store.apply(basics());
  };
  afterEach(async () => {
    streams.splice(0).forEach((s) => s.close());
    vi.useRealTimers();
    await hub.stop();
  });

  it('answers an id further back than the limit, and Last-Event-ID 0, with the snapshot', async () => {
    await start();
    sell(hub, 25_000); // past the default limit of 20,000 events
    const prefix = await idPrefix(hub);
    const seq = hub.store.seq;
    const zero = await SseClient.connect(`${hub.url}/events`, { 'Last-Event-ID': `${prefix}0` });
    const far = await SseClient.connect(`${hub.url}/events`, { 'Last-Event-ID': `${prefix}${seq - 20_001}` });
    const near = await SseClient.connect(`${hub.url}/events`, {
      'Last-Event-ID': `${prefix}${seq - 19_999}`,
    });
    streams.push(zero, far, near);
    await Promise.all([zero.count(1), far.count(1), near.count(19_999)]);
    expect(zero.events[0]?.event).toBe('snapshot');
    expect(far.events[0]?.event).toBe('snapshot');
    expect(seqOf(far.events[0]?.id)).toBe(seq);
    // Inside the limit: exactly the missed events, no snapshot.
    expect(near.events.map((e) => seqOf(e.id))).toEqual(
      Array.from({ length: 19_999 }, (_, i) => seq - 19_998 + i),
    );
  });

  it('answers a replay of more bytes than the limit with the snapshot', async () => {
    await start({ streams: { maxReplayBytes: 256 * 1024 } });
    announce(hub, 2); // 1,000 events of ~600 bytes
    const prefix = await idPrefix(hub);
    const seq = hub.store.seq;
    const big = await SseClient.connect(`${hub.url}/events`, { 'Last-Event-ID': `${prefix}${seq - 1_000}` });
    const small = await SseClient.connect(`${hub.url}/events`, { 'Last-Event-ID': `${prefix}${seq - 300}` });
    streams.push(big, small);
    await Promise.all([big.count(1), small.count(300)]);
    expect(big.events[0]?.event).toBe('snapshot');
    expect(small.events.every((e) => e.event === 'announcement.upsert')).toBe(true);
  });

  it('sends a long replay in pages: no write holds more than a page of events', async () => {
    await start({ streams: { replayPageEvents: 100 } });
    sell(hub, 3_000);
    const prefix = await idPrefix(hub);
    const seq = hub.store.seq;
    const s = await RawStream.open(hub.url, { 'Last-Event-ID': `${prefix}${seq - 3_000}` });
    streams.push(s);
    await eventually(() => s.events.length >= 3_000, '3,000 events');
    expect(s.events.map((e) => seqOf(e.id))).toEqual(
      Array.from({ length: 3_000 }, (_, i) => seq - 2_999 + i),
    );
    const frame = Math.max(
      ...s.events.map((e) => Buffer.byteLength(`id: ${e.id}\nevent: ${e.event}\ndata: ${e.data}\n\n`)),
    );
    // The first chunk is `retry:`; every other one is at most a page.
    expect(Math.max(...s.chunks)).toBeLessThanOrEqual(100 * frame);
    expect(s.chunks.length).toBeGreaterThanOrEqual(30);
  });

  it('holds at most a quarter of its buffer limit and a page for a client that never reads its replay, and resumes when it reads', async () => {
    await start({
      streams: { replayPageEvents: 200, maxReplayBytes: 64 * 1024 * 1024, maxReplayEvents: 100_000 },
    });
    announce(hub, 40); // 20,000 events, ~12 MB: far past the kernel's socket buffers
    const prefix = await idPrefix(hub);
    const from = hub.store.seq - 20_000;
    const server = nextServerSocket(hub);
    const s = await RawStream.open(hub.url, { 'Last-Event-ID': `${prefix}${from}` });
    streams.push(s);
    s.pause();
    const side = await server;
    await stalled(side);
    // 256 KiB in flight plus one page of ~600-byte events (~120 KB); before pages the whole replay waited here.
    expect(side.writableLength).toBeLessThan(256 * 1024 + 200 * 700);
    expect(hub.broadcaster.size).toBe(1);
    s.resume();
    await eventually(() => s.events.length >= 20_000, 'the whole replay');
    expect(s.events.map((e) => seqOf(e.id))).toEqual(Array.from({ length: 20_000 }, (_, i) => from + 1 + i));
  });

  it('drops a client that takes nothing of its replay for replayStallMs', async () => {
    await start({
      streams: { replayPageEvents: 200, maxReplayBytes: 64 * 1024 * 1024, replayStallMs: 30_000 },
    });
    announce(hub, 30);
    const prefix = await idPrefix(hub);
    const server = nextServerSocket(hub);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const s = await RawStream.open(hub.url, { 'Last-Event-ID': `${prefix}${hub.store.seq - 15_000}` });
    streams.push(s);
    s.pause();
    const side = await server;
    await stalled(side);
    expect(hub.broadcaster.size).toBe(1);
    vi.advanceTimersByTime(29_000);
    expect(side.destroyed).toBe(false);
    vi.advanceTimersByTime(1_000);
    await eventually(() => hub.broadcaster.size === 0, 'the stalled client to be dropped');
    expect(side.destroyed).toBe(true);
  });
});
