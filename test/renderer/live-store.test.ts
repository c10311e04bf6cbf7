import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Showtime } from '../../main/domain/records.ts';
import { FLASH_MS, FeedStore } from '../../renderer/lib/feed-store.svelte.ts';
import { Flashes } from '../../renderer/lib/flashes.svelte.ts';
import { ShowtimeMap } from '../../renderer/lib/showtime-map.svelte.ts';
import { applyChange, emptyVenueData } from '../../renderer/lib/venue-data.ts';
import { film, show, venue } from './support/fixtures.ts';

// What these stores do with records and cells. That a seat sale re-renders only
// its own chip is checked where Svelte's reactivity runs: in Chromium
// (test/e2e/board-live.test.ts).

const s1 = show('s1', 'f1', Date.UTC(2026, 10, 21, 11), { tags: ['IMAX'] });

describe('ShowtimeMap', () => {
  it('keeps the record it holds when only the seats differ, with the new count', () => {
    const map = new ShowtimeMap();
    map.set('s1', s1);
    const held = map.get('s1')!;
    map.set('s1', { ...s1, seatsAvailable: 7 });
    expect(map.get('s1')).toBe(held);
    expect(held.seatsAvailable).toBe(7);
    // A copy or its JSON carries the count as it is now, like any plain record.
    expect({ ...held }).toEqual({ ...s1, seatsAvailable: 7 });
    expect(JSON.parse(JSON.stringify(held))).toEqual({ ...s1, seatsAvailable: 7 });
  });

  it('replaces the record when anything else changes, even a tag or the version', () => {
    const map = new ShowtimeMap();
    map.set('s1', s1);
    const changes: Partial<Showtime>[] = [
      { status: 'cancelled' },
      { startsAt: new Date(Date.UTC(2026, 10, 21, 12)).toISOString() },
      { tags: ['IMAX', '3D'] },
      { tags: ['3D'] },
      { version: 4 },
      { auditoriumId: 'a2', seatsAvailable: 3 },
    ];
    for (const [i, change] of changes.entries()) {
      const before = map.get('s1')!;
      const next = { ...before, ...change };
      map.set('s1', next);
      expect(map.get('s1'), JSON.stringify(change)).not.toBe(before);
      expect(map.get('s1')).toEqual(next);
      // The record replaced no longer follows sales.
      const seats = 10 + i;
      map.set('s1', { ...next, seatsAvailable: seats });
      expect(before.seatsAvailable).not.toBe(seats);
      expect(map.get('s1')!.seatsAvailable).toBe(seats);
    }
  });

  it('forgets deleted and cleared records, so a new one with the same id starts afresh', () => {
    const map = new ShowtimeMap();
    map.set('s1', s1);
    const first = map.get('s1')!;
    map.delete('s1');
    map.set('s1', { ...s1, seatsAvailable: 5 });
    expect(map.get('s1')).not.toBe(first);
    expect(first.seatsAvailable).toBe(s1.seatsAvailable);
    map.clear();
    expect(map.size).toBe(0);
    map.set('s1', s1);
    expect(map.get('s1')!.seatsAvailable).toBe(s1.seatsAvailable);
  });

  it('takes availability deltas through the shared venue-data rules', () => {
    const map = new ShowtimeMap();
    map.set('s1', s1);
    const held = map.get('s1')!;
    const data = { ...emptyVenueData(), showtimes: map };
    expect(
      applyChange(data, { type: 'availability', data: { showtimeId: 's1', seatsAvailable: 0 } }),
    ).toEqual(['s1']);
    expect(
      applyChange(data, { type: 'availability', data: { showtimeId: 's1', seatsAvailable: 0 } }),
    ).toEqual([]);
    expect(map.get('s1')).toBe(held);
    expect(held.seatsAvailable).toBe(0);
  });
});

describe('Flashes', () => {
  it('holds a highlight only for the shows it keeps', () => {
    const flashes = new Flashes();
    flashes.keep(['a', 'b']);
    flashes.set('a', 100);
    flashes.set('zz', 100);
    expect([flashes.get('a'), flashes.get('b'), flashes.get('zz')]).toEqual([100, undefined, undefined]);
    flashes.set('a', undefined);
    expect(flashes.get('a')).toBeUndefined();
    flashes.set('b', 200);
    flashes.keep(['a']);
    expect(flashes.get('b')).toBeUndefined();
    flashes.keep(['a', 'b']);
    expect(flashes.get('b')).toBeUndefined();
  });
});

describe('FeedStore', () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  const snapshot = (shows: Showtime[]) => ({
    seq: 1,
    venue: venue('Asia/Singapore'),
    auditoriums: [],
    films: [film('f1')],
    showtimes: shows,
    announcements: [],
  });

  it('highlights a sold seat and a show added later, each for FLASH_MS', () => {
    vi.useFakeTimers();
    let now = 1_000;
    const store = new FeedStore(() => now);
    store.snapshot(snapshot([s1]));
    expect(store.flashes.get('s1')).toBeUndefined();
    store.change({ type: 'availability', data: { showtimeId: 's1', seatsAvailable: 3 } });
    expect(store.flashes.get('s1')).toBe(1_000);
    vi.advanceTimersByTime(1_000);
    now = 2_000;
    const s2 = show('s2', 'f1', Date.UTC(2026, 10, 21, 14));
    store.change({ type: 'showtime.upsert', data: s2 });
    expect(store.flashes.get('s2')).toBe(2_000);
    vi.advanceTimersByTime(FLASH_MS - 1_000); // the first highlight is over, the second is not
    expect([store.flashes.get('s1'), store.flashes.get('s2')]).toEqual([undefined, 2_000]);
    vi.advanceTimersByTime(1_000);
    expect(store.flashes.get('s2')).toBeUndefined();
    store.change({ type: 'availability', data: { showtimeId: 's1', seatsAvailable: 2 } });
    store.change({ type: 'showtime.remove', data: { id: 's1' } });
    expect(store.flashes.get('s1')).toBeUndefined();
  });

  it('sets a seat sale on the held record itself: no record copied, nothing put in the map', () => {
    const store = new FeedStore(() => 5);
    store.snapshot(snapshot([s1]));
    const held = store.showtimes.get('s1')!;
    const set = vi.spyOn(store.showtimes, 'set');
    store.change({ type: 'availability', data: { showtimeId: 's1', seatsAvailable: 4 } });
    expect(set).not.toHaveBeenCalled();
    expect(store.showtimes.get('s1')).toBe(held);
    expect(held.seatsAvailable).toBe(4);
    // A plain store (no seat signal) still replaces the record.
    const plain = emptyVenueData();
    plain.showtimes.set('s1', s1);
    applyChange(plain, { type: 'availability', data: { showtimeId: 's1', seatsAvailable: 4 } });
    expect(plain.showtimes.get('s1')).toEqual({ ...s1, seatsAvailable: 4 });
  });

  it('after a reconnect, keeps the records whose seats alone changed and highlights them', () => {
    vi.useFakeTimers();
    const store = new FeedStore(() => 5);
    const s2 = show('s2', 'f1', Date.UTC(2026, 10, 21, 14));
    store.snapshot(snapshot([s1, s2]));
    const [held1, held2] = [store.showtimes.get('s1'), store.showtimes.get('s2')];
    store.snapshot(
      snapshot([
        { ...s1, seatsAvailable: 2 },
        { ...s2, status: 'cancelled' },
      ]),
    );
    expect(store.showtimes.get('s1')).toBe(held1);
    expect(held1!.seatsAvailable).toBe(2);
    expect(store.showtimes.get('s2')).not.toBe(held2);
    expect([store.flashes.get('s1'), store.flashes.get('s2')]).toEqual([5, 5]);
  });
});
