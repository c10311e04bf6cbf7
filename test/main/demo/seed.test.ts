import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Snapshot } from '../../../main/domain/events.ts';
import { localDateKey, toLocal } from '../../../main/domain/time.ts';
import { seedDemoVenue } from '../../../main/demo/seed.ts';
import { Store } from '../../../main/store/store.ts';
import { tempDir } from '../../support/temp-dir.ts';

describe('demo venue', () => {
  let dir: ReturnType<typeof tempDir>;
  afterEach(() => dir.remove());
  const now = Date.parse('2026-11-21T02:00:00Z'); // 10:00 in Singapore

  it('seeds a realistic multiplex once, valid against the feed schemas', () => {
    dir = tempDir();
    const store = Store.open({ file: join(dir.path, 'm.db') });
    expect(seedDemoVenue(store, dir.path, { now })).toBe(true);
    expect(seedDemoVenue(store, dir.path, { now })).toBe(false);
    const snap = Snapshot.parse(store.snapshot());
    store.close();

    expect(snap.auditoriums.length).toBeGreaterThanOrEqual(10);
    expect(snap.films).toHaveLength(20);
    expect(snap.announcements.length).toBeGreaterThanOrEqual(3);
    for (const f of snap.films) expect(existsSync(join(dir.path, `${f.id}.svg`))).toBe(true);

    const tz = snap.venue.timezone;
    const days = new Set(snap.showtimes.map((s) => localDateKey(Date.parse(s.startsAt), tz)));
    expect(days.size).toBe(7);
    expect([...days].sort()[0]).toBe('2026-11-21');

    const byAuditorium = new Map<string, typeof snap.showtimes>();
    for (const s of snap.showtimes)
      byAuditorium.set(s.auditoriumId, [...(byAuditorium.get(s.auditoriumId) ?? []), s]);
    const runtime = new Map(snap.films.map((f) => [f.id, f.runtimeMinutes]));
    for (const shows of byAuditorium.values()) {
      const sorted = shows.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
      for (let i = 1; i < sorted.length; i++) {
        const prev = sorted[i - 1]!;
        const end = Date.parse(prev.startsAt) + runtime.get(prev.filmId)! * 60_000;
        expect(Date.parse(sorted[i]!.startsAt)).toBeGreaterThan(end); // no overlaps in a room
      }
    }
    for (const s of snap.showtimes) {
      const { hour, minute } = toLocal(Date.parse(s.startsAt), tz);
      expect(hour * 60 + minute).toBeGreaterThanOrEqual(10 * 60);
      expect(hour * 60 + minute).toBeLessThanOrEqual(23 * 60 + 30);
      expect(minute % 5).toBe(0);
    }
    const soldOut = snap.showtimes.filter((s) => s.seatsAvailable === 0).length;
    const plenty = snap.showtimes.filter((s) => s.seatsAvailable > s.capacity / 2).length;
    expect(soldOut).toBeGreaterThan(0);
    expect(plenty).toBeGreaterThan(snap.showtimes.length / 4);
    expect(snap.showtimes.some((s) => s.status === 'cancelled')).toBe(true);
  });
});
