import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Hub } from '../../../main/hub.ts';
import { Snapshot } from '../../../main/domain/events.ts';
import { idOf, seqOf } from '../../support/event-ids.ts';
import { SseClient } from '../../support/sse-client.ts';
import { startTestHub } from '../../support/test-hub.ts';
import { availability, basics } from '../store/fixtures.ts';

describe('GET /events', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  const clients: SseClient[] = [];
  const connect = async (headers: Record<string, string> = {}) => {
    const c = await SseClient.connect(`${hub.url}/events`, headers);
    clients.push(c);
    return c;
  };
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    vi.useRealTimers();
    await hub.stop();
  });

  const sell = (h: Hub, n: number, from = 0) => {
    for (let i = 0; i < n; i++) h.store.apply([availability('s1', (from + i) % 100)]);
  };

  it('sends the contract headers, retry, then a snapshot with the current seq', async () => {
    hub = await startTestHub();
    hub.store.apply(basics());
    const c = await connect();
    expect(c.response?.statusCode).toBe(200);
    expect(c.response?.headers['content-type']).toBe('text/event-stream');
    expect(c.response?.headers['cache-control']).toBe('no-cache');
    expect(c.response?.headers['x-accel-buffering']).toBe('no');
    await c.count(1);
    expect(c.body.startsWith('retry: 2000\n\n')).toBe(true);
    expect(c.retry).toBe(2000);
    const [snap] = c.events;
    expect(snap?.event).toBe('snapshot');
    expect(snap?.id).toBe(idOf(hub.store, 3));
    expect(snap?.id).toMatch(/^[0-9a-f]{8}-3$/);
    const parsed = Snapshot.parse(JSON.parse(snap!.data));
    expect(parsed.seq).toBe(3);
    expect(parsed.epoch).toBe(hub.store.history.epoch);
    expect(parsed.showtimes.map((s) => s.id)).toEqual(['s1']);
    expect(parsed.status).toEqual({ upstream: 'none', lastUpstreamEventAt: null });
  });

  it("puts the hub's clock as of each send in the snapshot, the rest of the cached frame unchanged", async () => {
    hub = await startTestHub();
    hub.store.apply(basics());
    // Only Date is faked: the server and its sockets run on real timers.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.UTC(2026, 11, 2, 12));
      const first = await connect();
      await first.count(1);
      vi.setSystemTime(Date.UTC(2026, 11, 2, 12, 5));
      const second = await connect();
      await second.count(1);
      const [a, b] = [first, second].map((c) => Snapshot.parse(JSON.parse(c.events[0]!.data)));
      expect([a!.now, b!.now]).toEqual(['2026-12-02T12:00:00.000Z', '2026-12-02T12:05:00.000Z']);
      expect({ ...a, now: undefined }).toEqual({ ...b, now: undefined });
    } finally {
      vi.useRealTimers();
    }
  });

  it('delivers live events to every client with strictly increasing ids', async () => {
    hub = await startTestHub();
    hub.store.apply(basics());
    const a = await connect();
    const b = await connect();
    await Promise.all([a.count(1), b.count(1)]);
    sell(hub, 20);
    await Promise.all([a.count(21), b.count(21)]);
    for (const c of [a, b]) {
      const ids = c.events.slice(1).map((e) => e.id);
      expect(ids).toEqual(Array.from({ length: 20 }, (_, i) => idOf(hub.store, 4 + i)));
      expect(c.events[1]).toEqual({
        id: idOf(hub.store, 4),
        event: 'availability',
        data: '{"showtimeId":"s1","seatsAvailable":0}',
      });
    }
  });

  it('replays exactly the missed events after Last-Event-ID', async () => {
    hub = await startTestHub();
    hub.store.apply(basics());
    sell(hub, 10); // seq 4..13
    const c = await connect({ 'Last-Event-ID': idOf(hub.store, 6) });
    await c.count(7);
    expect(c.events.map((e) => seqOf(e.id))).toEqual([7, 8, 9, 10, 11, 12, 13]);
    expect(c.events.every((e) => e.event === 'availability')).toBe(true);
    sell(hub, 1, 50);
    await c.count(8);
    expect(c.events.at(-1)?.id).toBe(idOf(hub.store, 14));
  });

  it('sends nothing but live events to a client that is up to date', async () => {
    hub = await startTestHub();
    hub.store.apply(basics());
    const c = await connect({ 'Last-Event-ID': idOf(hub.store, 3) });
    sell(hub, 1);
    await c.count(1);
    expect(c.events.map((e) => e.id)).toEqual([idOf(hub.store, 4)]);
  });

  it.each([
    ['999'],
    ['abc'],
    ['-1'],
    ['1e3'],
    ['12345678901234567890'],
    [''],
    // A bare seq from before epochs, on a hub whose history did not start from one.
    ['2'],
    // Another history, and one from the future of this one.
    ['0badf00d-2'],
    ['EPOCH-999'],
    ['EPOCH--2'],
    ['-EPOCH-2'],
  ])('answers an unknown or malformed Last-Event-ID %j with a fresh snapshot', async (id) => {
    hub = await startTestHub();
    hub.store.apply(basics());
    const c = await connect({ 'Last-Event-ID': id.replace('EPOCH', hub.store.history.epoch) });
    await c.count(1);
    expect(c.events[0]?.event).toBe('snapshot');
    expect(c.events[0]?.id).toBe(idOf(hub.store, 3));
  });

  it('answers an id older than the retained log with a snapshot', async () => {
    hub = await startTestHub({ retention: { maxAgeMs: 3_600_000, minEvents: 2, maxEvents: 5 } });
    hub.store.apply(basics());
    sell(hub, 10); // seq 13
    while (hub.store.prune() > 0);
    expect(hub.store.log.oldestSeq()).toBe(9);
    const old = await connect({ 'Last-Event-ID': idOf(hub.store, 7) });
    const edge = await connect({ 'Last-Event-ID': idOf(hub.store, 8) });
    await Promise.all([old.count(1), edge.count(5)]);
    expect(old.events[0]?.event).toBe('snapshot');
    expect(edge.events.map((e) => seqOf(e.id))).toEqual([9, 10, 11, 12, 13]);
  });

  it('refuses streams beyond the global cap with 503 and beyond the per-address cap with 429', async () => {
    hub = await startTestHub({ streams: { maxClients: 3, maxClientsPerAddress: 2 } });
    const from = (localAddress: string) =>
      new Promise<number>((resolve, reject) => {
        // Every 127.x address is this machine, so one test can be several client addresses.
        void import('node:http').then(({ request }) => {
          const req = request(`${hub.url}/events`, { localAddress }, (res) => {
            resolve(res.statusCode ?? 0);
            if (res.statusCode !== 200) res.resume();
            else clientsToClose.push(req);
          });
          req.on('error', reject).end();
        });
      });
    const clientsToClose: { destroy(): void }[] = [];
    expect(await from('127.0.0.1')).toBe(200);
    expect(await from('127.0.0.1')).toBe(200);
    expect(await from('127.0.0.1')).toBe(429);
    expect(await from('127.0.0.2')).toBe(200);
    expect(await from('127.0.0.3')).toBe(503);
    expect(hub.broadcaster.size).toBe(3);
    clientsToClose.forEach((r) => r.destroy());
  });

  it('writes a comment at least every 15 seconds to an idle stream', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    hub = await startTestHub();
    const c = await connect();
    await c.count(1);
    expect(c.comments).toEqual([]);
    vi.advanceTimersByTime(15_000);
    await c.until(() => c.comments.length >= 1, 'a heartbeat');
    vi.advanceTimersByTime(15_000);
    await c.until(() => c.comments.length >= 2, 'a second heartbeat');
    expect(c.comments[0]?.trim()).toBe('ping');
  });

  it('closes every stream on shutdown', async () => {
    hub = await startTestHub();
    const c = await connect();
    await c.count(1);
    await hub.close();
    await c.until(() => c.ended, 'the stream to end');
  });
});
