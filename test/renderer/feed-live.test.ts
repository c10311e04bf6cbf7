import { EventSource } from 'eventsource';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Hub, startHub } from '../../main/hub.ts';
import { memoryLogger } from '../../main/log.ts';
import { FeedClient } from '../../renderer/lib/feed-client.ts';
import { idOf } from '../support/event-ids.ts';
import { tempDir } from '../support/temp-dir.ts';
import { PlainSink } from './support/plain-sink.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function hubAt(dataDir: string, port = 0): Promise<Hub> {
  const hub = await startHub({ dataDir, port, demo: true, log: memoryLogger(), streams: { retryMs: 200 } });
  cleanups.push(() => hub.close());
  return hub;
}

function subscribe(url: string) {
  const sink = new PlainSink();
  const client = new FeedClient(sink, {
    url: `${url}/events`,
    open: (u) => new EventSource(u),
    warn: () => {},
  });
  client.start();
  cleanups.push(() => client.stop());
  return { sink, client };
}

/** The screen's showtimes, as the hub holds them. */
const seatsOf = (sink: PlainSink) =>
  Object.fromEntries([...sink.data.showtimes.values()].map((s) => [s.id, s.seatsAvailable]));
const hubSeats = (hub: Hub) =>
  Object.fromEntries(hub.store.snapshot().showtimes.map((s) => [s.id, s.seatsAvailable]));

describe('FeedClient against a real hub', () => {
  it('follows live availability and, after the hub restarts, resumes by Last-Event-ID without a snapshot', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    let hub = await hubAt(dir.path);
    const { sink, client } = subscribe(hub.url);
    await vi.waitFor(() => expect(sink.log).toEqual([`snapshot@${hub.store.seq}`]));
    const [a, b] = hub.store.snapshot().showtimes;

    hub.store.apply([{ type: 'availability', data: { showtimeId: a!.id, seatsAvailable: 3 } }]);
    await vi.waitFor(() => expect(sink.seats(a!.id)).toBe(3));

    const port = hub.port;
    await hub.close();
    await vi.waitFor(() => expect(sink.links.at(-1)).toBe('offline'));
    hub = await hubAt(dir.path, port);
    // Changes made while the screen was away must reach it exactly once.
    hub.store.apply([{ type: 'availability', data: { showtimeId: a!.id, seatsAvailable: 2 } }]);
    hub.store.apply([{ type: 'availability', data: { showtimeId: b!.id, seatsAvailable: 0 } }]);
    hub.store.apply([{ type: 'showtime.upsert', data: { ...b!, status: 'cancelled', seatsAvailable: 0 } }]);

    await vi.waitFor(() => expect(client.lastEventId).toBe(idOf(hub.store, hub.store.seq)));
    expect(sink.log.filter((l) => l.startsWith('snapshot'))).toHaveLength(1);
    expect(sink.log.slice(1)).toEqual(['availability', 'availability', 'availability', 'showtime.upsert']);
    expect(sink.links.at(-1)).toBe('live');
    expect(seatsOf(sink)).toEqual(hubSeats(hub));
    expect(sink.data.showtimes.get(b!.id)?.status).toBe('cancelled');
  });

  it('ends in exactly the hub state after a burst of changes', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const hub = await hubAt(dir.path);
    const { sink, client } = subscribe(hub.url);
    await vi.waitFor(() => expect(sink.log).toHaveLength(1));
    const shows = hub.store.snapshot().showtimes.slice(0, 50);
    for (let round = 0; round < 4; round++) {
      for (const s of shows) {
        const seatsAvailable = Math.max(0, s.seatsAvailable - round - 1);
        hub.store.apply([{ type: 'availability', data: { showtimeId: s.id, seatsAvailable } }]);
      }
    }
    await vi.waitFor(() => expect(client.lastEventId).toBe(idOf(hub.store, hub.store.seq)));
    expect(seatsOf(sink)).toEqual(hubSeats(hub));
  });
});
