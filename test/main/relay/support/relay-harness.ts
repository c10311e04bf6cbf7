import { join } from 'node:path';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import type { Status } from '../../../../main/domain/status.ts';
import { memoryLogger } from '../../../../main/log.ts';
import { type UpstreamOptions, UpstreamRelay } from '../../../../main/relay/relay.ts';
import { Store, UPSTREAM_ID_KEY } from '../../../../main/store/store.ts';
import { tempDir } from '../../../support/temp-dir.ts';
import { TestUpstream, frame } from './test-upstream.ts';

/** A small upstream world: one screen, one film, one show of 100 seats. */
export const WORLD = {
  seq: 10,
  venue: { id: 'central', name: 'Central', timezone: 'Europe/London', locales: ['en'] },
  auditoriums: [{ id: 'ua1', name: 'Screen 1', capacity: 100 }],
  films: [{ id: 'uf1', title: 'Tidewater', runtimeMinutes: 120, tags: [] }],
  showtimes: [
    {
      id: 'us1',
      filmId: 'uf1',
      auditoriumId: 'ua1',
      startsAt: '2030-01-01T19:00:00Z',
      tags: [],
      capacity: 100,
      seatsAvailable: 100,
      status: 'scheduled',
    },
  ],
  announcements: [],
};
export const SNAPSHOT = frame('snapshot', WORLD, 10);
export const seats = (n: number, id: number | string) =>
  frame('availability', { showtimeId: 'us1', seatsAvailable: n }, id);

/**
 * A relay over a real SQLite file, following a scripted upstream on port 0;
 * fresh for every test of the calling suite.
 */
export function relayHarness() {
  const h = {
    upstream: undefined as unknown as TestUpstream,
    store: undefined as unknown as Store,
    log: memoryLogger(),
    statuses: [] as Status[],
    relay: undefined as UpstreamRelay | undefined,
    dir: undefined as unknown as ReturnType<typeof tempDir>,

    /** Starts a relay with a fixed jitter of 0.5, so every delay is exactly half its ceiling. */
    start(options: Partial<UpstreamOptions> = {}): UpstreamRelay {
      const relay = new UpstreamRelay(
        { url: h.upstream.url, ...options },
        { store: h.store, log: h.log, onStatus: (s) => h.statuses.push(s), random: () => 0.5 },
      );
      h.relay = relay;
      relay.start();
      return relay;
    },
    fakeTime: () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }),
    /**
     * Moves fake time on exactly to the next attempt, which the relay counts the
     * moment its timer fires; the request itself then travels in real time.
     * Returns the delay it waited.
     */
    async nextAttempt(maxMs = 600_000): Promise<number> {
      const n = h.relay!.stats().attempts;
      let waited = 0;
      while (h.relay!.stats().attempts === n) {
        if (waited >= maxMs) throw new Error(`no attempt within ${maxMs} ms`);
        await vi.advanceTimersByTimeAsync(1);
        waited++;
      }
      return waited;
    },
    /** Asserts the relay waits exactly `ms` before its next attempt. */
    async expectNextAttemptAfter(ms: number): Promise<void> {
      const n = h.relay!.stats().attempts;
      await vi.advanceTimersByTimeAsync(ms - 1);
      expect(h.relay!.stats().attempts).toBe(n);
      await vi.advanceTimersByTimeAsync(1);
      expect(h.relay!.stats().attempts).toBe(n + 1);
    },
    seatsOf: (id = 'us1') => h.store.records.showtimes.get(id)?.seatsAvailable,
    lastId: () => h.store.meta.get(UPSTREAM_ID_KEY),
    /** The link states reported, repeats folded. */
    states: () => h.statuses.map((s) => s.upstream).filter((s, i, all) => s !== all[i - 1]),
    messages: () => h.log.lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    /** Seat counts of us1 in the hub's event log, in order: a repeat or a gap would show here. */
    seatHistory: () =>
      (h.store.eventsAfter(0) ?? [])
        .filter((e) => e.type === 'availability')
        .map((e) => (JSON.parse(e.json) as { seatsAvailable: number }).seatsAvailable),
  };

  beforeEach(async () => {
    h.upstream = await TestUpstream.start();
    h.dir = tempDir();
    h.store = Store.open({ file: join(h.dir.path, 'marquee.db') });
    h.log = memoryLogger();
    h.statuses = [];
  });
  afterEach(async () => {
    await h.relay?.stop();
    h.relay = undefined;
    vi.useRealTimers();
    h.store.close();
    h.dir.remove();
    await h.upstream.close();
  });
  return h;
}
