import { describe, expect, it } from 'vitest';
import type { Showtime } from '../../main/domain/records.ts';
import { type BoardView, buildBoard, layoutKey } from '../../renderer/lib/board-view.ts';
import { ShowtimeMap } from '../../renderer/lib/showtime-map.svelte.ts';
import { type VenueData, applyChange } from '../../renderer/lib/venue-data.ts';
import { at, film, show, venue, venueData } from './support/fixtures.ts';

// What each kind of change does to the board: which views are rebuilt (and so
// redrawn) and whether the cards must be measured again.

const tz = 'Asia/Singapore';
const t = (hhmm: string) => at(`2026-11-21 ${hhmm}`, tz);
const films = [film('kite', { title: 'Kite Kids' }), film('orbit', { title: 'Orbit Nine' })];
const shows = () => [
  show('k1', 'kite', t('17:00')),
  show('k2', 'kite', t('19:00')),
  show('o1', 'orbit', t('18:00'), { tags: ['IMAX'] }),
  show('o2', 'orbit', t('21:00')),
];

/** The demo data with the live store's showtime map, as a screen holds it. */
function liveData(): VenueData {
  const data = venueData(venue(tz), [], films);
  const map = new ShowtimeMap();
  for (const s of shows()) map.set(s.id, s);
  return { ...data, showtimes: map };
}

const filmOf = (board: BoardView, id: string) => board.films.find((f) => f.film.id === id)!;
const showOf = (board: BoardView, id: string) =>
  board.films.flatMap((f) => f.shows).find((s) => s.id === id)!;
const sell = (data: VenueData, showtimeId: string, seatsAvailable: number) =>
  applyChange(data, { type: 'availability', data: { showtimeId, seatsAvailable } });

describe('buildBoard given the previous board', () => {
  it('returns that board when nothing on it changed', () => {
    const data = liveData();
    const before = buildBoard(data, t('12:00'))!;
    expect(buildBoard(data, t('12:05'), before)).toBe(before);
  });

  it('on a seat sale in the live store, keeps the board, whose views follow the new count', () => {
    const data = liveData();
    const before = buildBoard(data, t('12:00'))!;
    expect(showOf(before, 'k1')).toMatchObject({ level: 'plenty', seatsAvailable: 80 });
    sell(data, 'k1', 5);
    expect(buildBoard(data, t('12:00'), before)).toBe(before);
    expect(showOf(before, 'k1')).toMatchObject({ level: 'few', seatsAvailable: 5 });
    sell(data, 'k1', 0);
    expect(showOf(before, 'k1')).toMatchObject({ level: 'soldout', seatsAvailable: 0 });
  });

  it('when a show starts seating, makes new views only for it and its film', () => {
    const data = liveData();
    const before = buildBoard(data, t('12:00'))!;
    const after = buildBoard(data, t('16:45'), before)!;
    expect(after).not.toBe(before);
    expect(showOf(after, 'k1')).not.toBe(showOf(before, 'k1'));
    expect(showOf(after, 'k1').phase).toBe('seating');
    expect(showOf(after, 'k2')).toBe(showOf(before, 'k2'));
    expect(filmOf(after, 'kite')).not.toBe(filmOf(before, 'kite'));
    expect(filmOf(after, 'orbit')).toBe(filmOf(before, 'orbit'));
  });

  it('over plain maps, where a sale replaces the record, makes a new view for that show', () => {
    const data = venueData(venue(tz), shows(), films);
    const before = buildBoard(data, t('12:00'))!;
    sell(data, 'o2', 3);
    const after = buildBoard(data, t('12:00'), before)!;
    expect(showOf(after, 'o2')).not.toBe(showOf(before, 'o2'));
    expect(showOf(after, 'o2').seatsAvailable).toBe(3);
    expect(showOf(after, 'o1')).toBe(showOf(before, 'o1'));
    expect(filmOf(after, 'kite')).toBe(filmOf(before, 'kite'));
  });

  it('rebuilds the views when the venue settings change (the "few left" threshold)', () => {
    const data = liveData();
    const before = buildBoard(data, t('12:00'))!;
    data.venue = venue(tz, ['en'], { fewSeatsThreshold: 90 });
    const after = buildBoard(data, t('12:00'), before)!;
    expect(showOf(after, 'k1')).not.toBe(showOf(before, 'k1'));
    expect(showOf(after, 'k1').level).toBe('few');
  });
});

describe('layoutKey', () => {
  const key = (data: VenueData, now = t('12:00')) => layoutKey(buildBoard(data, now));
  const upsert = (data: VenueData, s: Showtime) => applyChange(data, { type: 'showtime.upsert', data: s });

  it('ignores what never changes a card size: seat counts and phases', () => {
    const data = liveData();
    const first = key(data);
    for (const seats of [5, 0, 300]) {
      sell(data, 'k1', seats);
      expect(key(data)).toBe(first);
    }
    const plain = venueData(venue(tz), shows(), films);
    sell(plain, 'o1', 0);
    expect(key(plain)).toBe(first);
    // k1 seating, o1 not yet: same shows, same card sizes.
    expect(key(data, t('16:45'))).toBe(first);
  });

  it('changes with films, shows, times, tags, cancellations and the day', () => {
    const base = key(liveData());
    const variants: [string, (d: VenueData) => void][] = [
      ['film retitled', (d) => d.films.set('kite', { ...films[0]!, title: 'Kite Kids 2' })],
      ['title translated', (d) => d.films.set('kite', { ...films[0]!, titles: { 'zh-CN': '风筝' } })],
      ['film tagged', (d) => d.films.set('kite', { ...films[0]!, tags: ['3D'] })],
      ['show added', (d) => upsert(d, show('k3', 'kite', t('22:00')))],
      ['show removed', (d) => applyChange(d, { type: 'showtime.remove', data: { id: 'o2' } })],
      [
        'show moved',
        (d) => upsert(d, { ...d.showtimes.get('o2')!, startsAt: new Date(t('21:30')).toISOString() }),
      ],
      ['show cancelled', (d) => upsert(d, { ...d.showtimes.get('o2')!, status: 'cancelled' })],
      ['show tagged', (d) => upsert(d, { ...d.showtimes.get('o2')!, tags: ['3D'] })],
      ['film removed', (d) => d.films.delete('orbit')],
    ];
    for (const [name, change] of variants) {
      const data = liveData();
      change(data);
      expect(key(data), name).not.toBe(base);
    }
    // Past the last show's grace period: the day is over, its cards gone.
    expect(key(liveData(), t('21:15'))).not.toBe(base);
  });
});
