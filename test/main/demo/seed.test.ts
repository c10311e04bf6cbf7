import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Snapshot } from '../../../main/domain/events.ts';
import { localDateKey, toLocal } from '../../../main/domain/time.ts';
import { seedDemoVenue } from '../../../main/demo/seed.ts';
import { auditoriumLabel } from '../../../main/domain/auditorium-label.ts';
import { isScreeningTag, tagKind } from '../../../main/domain/tags.ts';
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

  it('puts formats on screenings: rooms have features, films only descriptors, shows their own tags and languages', () => {
    dir = tempDir();
    const store = Store.open({ file: join(dir.path, 'm.db') });
    seedDemoVenue(store, dir.path, { now });
    const snap = Snapshot.parse(store.snapshot());
    store.close();
    for (const f of snap.films)
      expect(
        f.tags.filter((t) => isScreeningTag(t)),
        f.id,
      ).toEqual([]);
    const room = new Map(snap.auditoriums.map((a) => [a.id, a]));
    expect(room.get('aud-1')?.features).toContain('IMAX');
    expect(room.get('aud-2')).toMatchObject({
      label: 'DC',
      features: expect.arrayContaining(['Dolby Cinema']),
    });
    expect(auditoriumLabel(room.get('aud-11')!)).toBe('GC1');
    expect(auditoriumLabel(room.get('aud-4')!)).toBe('4');
    // No show in a room with a format of its own carries another format.
    for (const s of snap.showtimes) {
      const roomFormat = (room.get(s.auditoriumId)?.features ?? []).some((t) => tagKind(t) === 'format');
      if (roomFormat)
        expect(
          s.tags.filter((t) => tagKind(t) === 'format'),
          s.id,
        ).toEqual([]);
      expect(s.audio, s.id).toBeDefined();
      expect(s.subtitles?.length, s.id).toBeGreaterThan(0);
    }
    const orbit = snap.showtimes.filter((s) => s.filmId === 'film-orbit-nine');
    expect(orbit.some((s) => s.tags.includes('3D'))).toBe(true);
    expect(orbit.some((s) => !s.tags.includes('3D'))).toBe(true);
    expect(orbit.every((s) => s.audio === 'cmn')).toBe(true);
    const kite = snap.showtimes.filter((s) => s.filmId === 'film-kite-runner-kids');
    expect(new Set(kite.map((s) => s.audio))).toEqual(new Set(['en', 'cmn']));
    const harbour = snap.showtimes.filter((s) => s.filmId === 'film-quiet-harbour');
    expect(harbour.every((s) => s.audio === 'ko' && s.subtitles?.join() === 'en,zh-Hans')).toBe(true);
    expect(snap.showtimes.some((s) => s.tags.includes('AD'))).toBe(true);
    expect(snap.venue).toMatchObject({
      names: { 'zh-CN': 'Marquee 海港影城' },
      settings: { preShowMinutes: 20 },
    });
  });
});
