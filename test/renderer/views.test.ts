import { describe, expect, it } from 'vitest';
import { activeAnnouncements } from '../../renderer/lib/announcements.ts';
import { seatLevel } from '../../renderer/lib/availability.ts';
import { buildBoard, layoutKey } from '../../renderer/lib/board-view.ts';
import { buildDoor, minutesToStart } from '../../renderer/lib/door-view.ts';
import { posterSrc } from '../../renderer/lib/poster.ts';
import {
  MissingRecordError,
  applyChange,
  applySnapshot,
  emptyVenueData,
} from '../../renderer/lib/venue-data.ts';
import { at, film, show, venue, venueData } from './support/fixtures.ts';

const tz = 'Asia/Singapore';
const MIN = 60_000;

describe('seatLevel', () => {
  it('ranks cancelled, sold out, few left (at or below the threshold), plenty', () => {
    expect(seatLevel({ status: 'cancelled', seatsAvailable: 50 }, 20)).toBe('cancelled');
    expect(seatLevel({ status: 'scheduled', seatsAvailable: 0 }, 20)).toBe('soldout');
    expect(seatLevel({ status: 'scheduled', seatsAvailable: 20 }, 20)).toBe('few');
    expect(seatLevel({ status: 'scheduled', seatsAvailable: 21 }, 20)).toBe('plenty');
    expect(seatLevel({ status: 'scheduled', seatsAvailable: 1 }, 0)).toBe('plenty');
  });
});

describe('buildBoard', () => {
  const films = [
    film('lantern', { title: 'The Last Lantern' }),
    film('kite', { title: 'Kite Kids' }),
    film('orbit', { title: 'Orbit Nine', tags: ['3D'] }),
  ];
  const t = (hhmm: string) => at(`2026-11-21 ${hhmm}`, tz);
  const shows = [
    show('o2', 'orbit', t('21:00'), { tags: ['IMAX', '3D'] }),
    show('o1', 'orbit', t('18:00'), { tags: ['3D'] }),
    show('k1', 'kite', t('17:00'), { seatsAvailable: 5 }),
    show('l1', 'lantern', t('19:00'), { status: 'cancelled' }),
  ];

  it('groups by film in title order (ignoring "The"), shows in time order, with levels and phases', () => {
    const view = buildBoard(venueData(venue(tz), shows, films), t('16:45'))!;
    expect(view.films.map((f) => f.film.id)).toEqual(['kite', 'lantern', 'orbit']);
    expect(view.films[2]!.shows.map((s) => s.id)).toEqual(['o1', 'o2']);
    expect(view.films[0]!.shows[0]).toMatchObject({ phase: 'seating', level: 'few', seatsAvailable: 5 });
    expect(view.films[1]!.shows[0]!.level).toBe('cancelled');
  });

  it("gives each show its screen and what it offers (its tags, its room's features), never the film's", () => {
    const data = venueData(venue(tz), shows, films);
    data.auditoriums.set('imax', {
      id: 'imax',
      name: 'IMAX',
      capacity: 400,
      features: ['IMAX', 'Laser', 'Wheelchair'],
      source: 'local',
    });
    data.auditoriums.set('s3', {
      id: 's3',
      name: 'Screen 3',
      capacity: 100,
      features: ['Laser'],
      source: 'local',
    });
    data.showtimes.set('o2', { ...data.showtimes.get('o2')!, auditoriumId: 'imax', tags: ['IMAX'] });
    data.showtimes.set('o1', {
      ...data.showtimes.get('o1')!,
      auditoriumId: 's3',
      tags: [],
      audio: 'cmn',
      subtitles: ['en'],
    });
    const orbit = buildBoard(data, t('12:00'))!.films[2]!;
    expect(orbit.shows.map((s) => [s.id, s.screen, s.tags])).toEqual([
      ['o1', '3', ['Laser']],
      ['o2', 'IMAX', ['IMAX', 'Laser', 'Wheelchair']],
    ]);
    // The film's "3D" is a screening tag: no show claims it, and the card does not either.
    expect(orbit.filmTags).toEqual([]);
    expect(orbit.shows[0]).toMatchObject({ audio: 'cmn', subtitles: ['en'] });
    // A show in a room the screen does not know has no label, never a raw id.
    expect(
      buildBoard(
        venueData(venue(tz), [show('x', 'kite', t('20:00'), { auditoriumId: 'nope' })], films),
        t('12:00'),
      )!.films[0]!.shows[0]!.screen,
    ).toBe('');
  });

  it("says few seats by the venue's rule: a share of the room, at least the floor", () => {
    const v = venue(tz, ['en'], { fewSeats: { percent: 10, floor: 5 } });
    const big = show('big', 'kite', t('20:00'), { capacity: 400, seatsAvailable: 40 });
    const small = show('small', 'kite', t('21:00'), { capacity: 30, seatsAvailable: 6 });
    const levels = buildBoard(venueData(v, [big, small], films), t('12:00'))!.films[0]!.shows.map(
      (s) => s.level,
    );
    expect(levels).toEqual(['few', 'plenty']);
  });

  it('says once on the card what every show offers, and nowhere what every room has', () => {
    const data = venueData(
      venue(tz),
      [
        show('o1', 'orbit', t('18:00'), { auditoriumId: 'imax', tags: ['3D'] }),
        show('o2', 'orbit', t('21:00'), { auditoriumId: 's3', tags: ['3d'] }),
        show('k1', 'kite', t('17:00'), { auditoriumId: 's3' }),
      ],
      films,
    );
    const room = (id: string, label: string, features: string[]) =>
      data.auditoriums.set(id, { id, name: id, label, capacity: 100, features, source: 'local' });
    room('a1', '1', ['Wheelchair']);
    room('imax', 'IMAX', ['IMAX', 'Laser', 'Wheelchair']);
    room('s3', '3', ['Laser', 'wheelchair', 'Hearing loop']);
    const board = buildBoard(data, t('12:00'))!;
    expect(board.standardTags).toEqual(['wheelchair']);
    const [kite, orbit] = board.films;
    // 3D (spelt two ways) and Laser are in both Orbit Nine shows: on its card, left off its chips.
    expect(orbit!.sharedTags).toEqual(['3D', 'Laser']);
    expect(orbit!.chipOmits).toEqual(['wheelchair', '3d', 'laser']);
    // The shows still list everything they offer; IMAX is only in one room, so its chip says it.
    expect(orbit!.shows.map((s) => s.tags)).toEqual([
      ['3D', 'IMAX', 'Laser', 'Wheelchair'],
      ['3d', 'Laser', 'wheelchair', 'Hearing loop'],
    ]);
    // One show: all it offers but the standard is its card's.
    expect(kite!.sharedTags).toEqual(['Laser', 'Hearing loop']);
    // A room without wheelchair spaces: no longer standard, and every show says it again.
    room('a1', '1', []);
    const after = buildBoard(data, t('12:00'), board)!;
    expect(after).not.toBe(board);
    expect(after.standardTags).toEqual([]);
    expect(after.films[1]!.sharedTags).toEqual(['3D', 'Laser', 'Wheelchair']);
    expect(layoutKey(after)).not.toBe(layoutKey(board));
    // One room only: nothing is standard, everything is said.
    data.auditoriums.delete('imax');
    data.auditoriums.delete('s3');
    expect(buildBoard(data, t('12:00'))!.standardTags).toEqual([]);
  });

  it('is empty, not missing, for a venue with no shows', () => {
    expect(buildBoard(venueData(venue(tz), [], films), t('12:00'))!.films).toEqual([]);
    expect(buildBoard(emptyVenueData(), t('12:00'))).toBeUndefined();
  });
});

describe('buildDoor', () => {
  const f = film('f', { runtimeMinutes: 100 });
  const t = (hhmm: string) => at(`2026-11-21 ${hhmm}`, tz);
  const aud = (id: string, start: number, extra = {}) => show(id, 'f', start, extra);
  const ids = (door: { lines: { id: string }[] }) => door.lines.map((l) => l.id);

  it('lists now, next and later in time order, a cancelled show in its place', () => {
    const data = venueData(
      venue(tz),
      [
        aud('s4', t('21:30')),
        aud('s3', t('19:00')),
        aud('s2', t('16:30'), { status: 'cancelled' }),
        aud('s1', t('14:00')),
      ],
      [f],
    );
    const door = buildDoor(data, 'a1', t('15:00'))!;
    expect([door.currentState, ...ids(door)]).toEqual(['running', 's1', 's2', 's3']);
    expect(door.lines[1]!.cancelled).toBe(true);
    // Past its advertised start a cancelled show is gone: nobody is waiting for it any more.
    expect(ids(buildDoor(data, 'a1', t('16:31'))!)).toEqual(['s3', 's4']);
  });

  it('ends about the feature start plus the runtime: trailers and extra minutes count', () => {
    const data = venueData(
      venue(tz, ['en'], { preShowMinutes: 20 }),
      [
        aud('s1', t('14:00')),
        aud('s2', t('18:00'), { featureStartsAt: new Date(t('18:25')).toISOString(), extraMinutes: 30 }),
      ],
      [f],
    );
    const door = buildDoor(data, 'a1', t('15:00'))!;
    expect(door.lines[0]!.featureStartsAt).toBe(t('14:20'));
    expect(door.lines[0]!.endsAt).toBe(t('16:00'));
    expect(door.lines[1]!.endsAt).toBe(t('20:35'));
    // Still running after startsAt + runtime (15:40): the film is not over.
    expect(buildDoor(data, 'a1', t('15:50'))!.currentState).toBe('running');
  });

  it('with nothing inside, features the next show and lists the ones after; tomorrow is flagged', () => {
    const data = venueData(venue(tz), [aud('s1', t('21:00')), aud('s2', at('2026-11-22 10:00', tz))], [f]);
    const door = buildDoor(data, 'a1', t('12:00'))!;
    expect([door.currentState, ...ids(door), door.lines[1]?.dayOffset]).toEqual([undefined, 's1', 's2', 1]);
    expect(door.changesAt).toBe(t('20:40'));
  });

  it('knows when it does not know the auditorium', () => {
    const door = buildDoor(venueData(venue(tz), [], [f]), 'nowhere', t('12:00'))!;
    expect([door.auditorium, door.lines]).toEqual([undefined, []]);
    expect(buildDoor(venueData(venue(tz), [], [f]), '', t('12:00'))!.auditorium).toBeUndefined();
  });

  it('counts down the last hour in whole minutes, rounded up', () => {
    expect(minutesToStart(t('19:30'), t('18:29'))).toBeUndefined();
    expect(minutesToStart(t('19:30'), t('18:30'))).toBe(60);
    expect(minutesToStart(t('19:30'), t('19:18') + 1)).toBe(12);
    expect(minutesToStart(t('19:30'), t('19:30'))).toBeUndefined();
  });
});

describe('venue data', () => {
  it('applies every kind of delta and reports the showtimes a visitor should notice', () => {
    const data = emptyVenueData();
    const s1 = show('s1', 'f1', at('2026-11-21 19:00', tz));
    applySnapshot(data, {
      seq: 1,
      venue: venue(tz),
      auditoriums: [],
      films: [film('f1')],
      showtimes: [s1],
      announcements: [],
    });
    expect(
      applyChange(data, { type: 'availability', data: { showtimeId: 's1', seatsAvailable: 3 } }),
    ).toEqual(['s1']);
    expect(
      applyChange(data, { type: 'availability', data: { showtimeId: 's1', seatsAvailable: 3 } }),
    ).toEqual([]);
    expect(
      applyChange(data, { type: 'showtime.upsert', data: { ...s1, seatsAvailable: 3, status: 'cancelled' } }),
    ).toEqual(['s1']);
    expect(applyChange(data, { type: 'showtime.upsert', data: show('s2', 'f1', 0) })).toEqual(['s2']);
    applyChange(data, { type: 'showtime.remove', data: { id: 's2' } });
    applyChange(data, { type: 'film.upsert', data: film('f2') });
    applyChange(data, { type: 'status', data: { upstream: 'offline', lastUpstreamEventAt: null } });
    expect([...data.showtimes.keys()]).toEqual(['s1']);
    expect([...data.films.keys()]).toEqual(['f1', 'f2']);
    expect(data.status.upstream).toBe('offline');
    expect(() =>
      applyChange(data, { type: 'availability', data: { showtimeId: 'zz', seatsAvailable: 1 } }),
    ).toThrow(MissingRecordError);
  });

  it('a snapshot after an outage replaces everything and names the shows that changed meanwhile', () => {
    const data = venueData(venue(tz), [show('a', 'f1', 0), show('b', 'f1', 0), show('gone', 'f1', 0)]);
    const touched = applySnapshot(data, {
      seq: 9,
      venue: venue(tz),
      auditoriums: [],
      films: [film('f1')],
      showtimes: [show('a', 'f1', 0), show('b', 'f1', 0, { seatsAvailable: 1 }), show('new', 'f1', 0)],
      announcements: [],
    });
    expect(touched).toEqual(['b']);
    expect([...data.showtimes.keys()]).toEqual(['a', 'b', 'new']);
  });
});

describe('announcements and posters', () => {
  it('shows announcements inside their window, highest priority first', () => {
    const now = Date.UTC(2026, 10, 21, 12);
    const iso = (ms: number) => new Date(ms).toISOString();
    const list = [
      { id: 'a', text: 'A', priority: 0, source: 'local' as const },
      { id: 'b', text: 'B', priority: 5, source: 'local' as const, endsAt: iso(now + MIN) },
      { id: 'c', text: 'C', priority: 9, source: 'local' as const, startsAt: iso(now + MIN) },
      { id: 'd', text: 'D', priority: 9, source: 'local' as const, endsAt: iso(now) },
    ];
    expect(activeAnnouncements(list, now).map((a) => a.id)).toEqual(['b', 'a']);
  });

  it('never sends the screen to the internet for a poster', () => {
    expect(posterSrc({ id: 'f', posterUrl: '/posters/f.svg' })).toBe('/posters/f.svg');
    expect(posterSrc({ id: 'f', posterUrl: 'https://cdn.example/p.jpg', version: 4 })).toBe(
      '/posters/film/f?v=4',
    );
    expect(posterSrc({ id: 'f' })).toBeUndefined();
  });
});
