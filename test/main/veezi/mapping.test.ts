import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Venue } from '../../../main/domain/records.ts';
import { VEEZI_ANSWERS, type VeeziSession } from '../../../main/veezi/api-schemas.ts';
import {
  type VeeziCatalog,
  formatTags,
  genreTags,
  hasSales,
  mapPoll,
  unknownReferences,
} from '../../../main/veezi/mapping.ts';

/** The recorded answers in test/fixtures/veezi/, read through the same schemas the hub uses. */
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/veezi/${name}`, import.meta.url), 'utf8'));
const catalog = (): VeeziCatalog => ({
  site: VEEZI_ANSWERS['/v1/site'].parse(fixture('site.json')),
  screens: VEEZI_ANSWERS['/v1/screen'].parse(fixture('screens.json')),
  films: VEEZI_ANSWERS['/v4/film'].parse(fixture('films.json')),
  attributes: VEEZI_ANSWERS['/v1/attribute'].parse(fixture('attributes.json')),
});
const sessions = () => VEEZI_ANSWERS['/v1/session'].parse(fixture('sessions.json'));
const VENUE = Venue.parse({ id: 'venue', name: 'Configured', timezone: 'Europe/Paris', locales: ['en'] });

const mapped = () => mapPoll(catalog(), sessions(), VENUE);
const show = (veeziId: number) => mapped().showtimes.find((s) => s.externalId === String(veeziId));

describe('Veezi site → venue', () => {
  it('takes the name and the Windows zone through CLDR, keeping the venue id, locales and settings', () => {
    const { venue, zoneProblem } = mapped();
    expect(venue).toEqual({ ...VENUE, name: 'Paragon Picture House', timezone: 'Australia/Sydney' });
    expect(zoneProblem).toBeUndefined();
  });

  it('accepts an IANA name as given', () => {
    const c = catalog();
    c.site = { ...c.site, TimeZoneIdentifier: 'Pacific/Auckland' };
    expect(mapPoll(c, [], VENUE).venue.timezone).toBe('Pacific/Auckland');
  });

  it('keeps the configured zone for an unknown one, and says why', () => {
    const c = catalog();
    c.site = { ...c.site, TimeZoneIdentifier: 'Middle Earth Time' };
    const m = mapPoll(c, sessions(), VENUE);
    expect(m.venue.timezone).toBe('Europe/Paris');
    expect(m.zoneProblem).toMatch(/unknown time zone "Middle Earth Time"/);
    // Sessions are still read, in the zone kept.
    expect(m.showtimes.find((s) => s.externalId === '24871')?.startsAt).toBe('2026-10-03T17:00:00.000Z');
  });
});

describe('Veezi screens → auditoriums', () => {
  it('labels from ScreenNumber (a number in some answers), capacity TotalSeats, the Veezi id kept', () => {
    expect(mapped().auditoriums).toEqual([
      {
        id: 'veezi-screen-1',
        name: 'Cinema 1',
        label: '1',
        capacity: 212,
        externalId: '1',
        source: 'upstream',
      },
      {
        id: 'veezi-screen-2',
        name: 'Cinema 2',
        label: '2',
        capacity: 148,
        externalId: '2',
        source: 'upstream',
      },
      {
        id: 'veezi-screen-3',
        name: 'The Lounge',
        label: '3A',
        capacity: 36,
        externalId: '3',
        source: 'upstream',
      },
      {
        id: 'veezi-screen-4',
        name: 'Gold Class',
        label: '4',
        capacity: 28,
        externalId: '4',
        source: 'upstream',
      },
    ]);
  });
});

describe('Veezi films → films', () => {
  it('maps title, rating, runtime, genres and the poster address (fetched later by the poster cache)', () => {
    const films = mapped().films;
    expect(films[0]).toEqual({
      id: 'veezi-film-ST00000069',
      title: "The Cartographer's Daughter",
      rating: 'M',
      runtimeMinutes: 118,
      posterUrl: 'https://images.example.test/media/0000001008',
      tags: ['Drama', 'Adventure'],
      externalId: 'ST00000069',
      source: 'upstream',
    });
    const unrated = films.find((f) => f.externalId === 'ST00000074')!;
    expect(unrated.rating).toBeUndefined();
    // No poster: the thumbnail stands in.
    expect(unrated.posterUrl).toBe('https://images.example.test/media/0000001026');
  });

  it('splits genres on commas, trims, drops repeats', () => {
    expect(genreTags('Drama, Comedy , drama,,')).toEqual(['Drama', 'Comedy']);
    expect(genreTags(null)).toEqual([]);
  });
});

describe('Veezi sessions → showtimes', () => {
  it('reads PreShowStartTime and FeatureStartTime as venue wall time, keeps the Veezi id', () => {
    expect(show(24871)).toEqual({
      id: 'veezi-session-24871',
      filmId: 'veezi-film-ST00000069',
      auditoriumId: 'veezi-screen-1',
      // 19:00 AEST (+10): the night before clocks go forward.
      startsAt: '2026-10-03T09:00:00.000Z',
      featureStartsAt: '2026-10-03T09:15:00.000Z',
      tags: [],
      audio: 'en',
      capacity: 212,
      // TicketsSoldOut wins.
      seatsAvailable: 0,
      status: 'scheduled',
      externalId: '24871',
      source: 'upstream',
    });
  });

  it('gives 3D and HFR for "3D HFR", and keeps an attribute Marquee does not know by its name', () => {
    expect(show(24872)).toMatchObject({ tags: ['3D', 'HFR', 'No Free List'], seatsAvailable: 9 });
  });

  it('shows a Closed session (sales over) as scheduled, tags attributes through the vocabulary', () => {
    // Attribute ids come as strings and as numbers (7): both are found.
    expect(show(24873)).toMatchObject({
      status: 'scheduled',
      tags: ['Subtitled', 'Open captions'],
      audio: 'fr',
    });
  });

  it('leaves Private sessions out', () => {
    expect(show(24874)).toBeUndefined();
    expect(mapped().showtimes).toHaveLength(3);
  });

  it('reads format tags from the vocabulary; 2D digital says nothing', () => {
    expect(formatTags('3D Digital')).toEqual(['3D']);
    expect(formatTags('2D Digital')).toEqual([]);
    expect(formatTags('2D Film')).toEqual(['35mm']);
    expect(formatTags('Not a Film')).toEqual([]);
    expect(formatTags('D-Cinema')).toEqual([]);
    expect(formatTags('imax')).toEqual(['IMAX']);
    expect(formatTags(null)).toEqual([]);
  });

  it('clamps seats to the screen and treats a negative count as none', () => {
    const [first] = sessions() as [VeeziSession];
    const m = mapPoll(catalog(), [{ ...first, TicketsSoldOut: false, SeatsAvailable: 999 }], VENUE);
    expect(m.showtimes[0]?.seatsAvailable).toBe(212);
    const n = mapPoll(catalog(), [{ ...first, TicketsSoldOut: false, SeatsAvailable: -3 }], VENUE);
    expect(n.showtimes[0]?.seatsAvailable).toBe(0);
  });

  it('leaves out a session whose screen or film is unknown, and says so', () => {
    const [first] = sessions() as [VeeziSession];
    const m = mapPoll(catalog(), [{ ...first, ScreenId: 99 }], VENUE);
    expect(m.showtimes).toEqual([]);
    expect(m.problems).toEqual(['session 24871: screen 99 is not in /v1/screen; left out']);
  });

  it('names what the catalogue lacks, so the poller fetches it again', () => {
    const [first] = sessions() as [VeeziSession];
    expect(unknownReferences(catalog(), sessions())).toEqual([]);
    expect(unknownReferences(catalog(), [{ ...first, FilmId: 'ST9', Attributes: ['42'] }])).toEqual([
      'film ST9',
      'attribute 42',
    ]);
  });

  it('knows sales from SeatsSold, or in 2013 answers from seats no hold explains', () => {
    const [old] = VEEZI_ANSWERS['/v1/session'].parse(fixture('sessions-2013.json')) as [VeeziSession];
    expect(hasSales(old, 75)).toBe(true);
    expect(hasSales({ ...old, SeatsSold: undefined }, 73)).toBe(false);
    expect(hasSales({ ...old, SeatsSold: undefined }, 80)).toBe(true);
    expect(mapped().sold).toEqual(['veezi-session-24871', 'veezi-session-24872', 'veezi-session-24873']);
    const [first] = sessions() as [VeeziSession];
    expect(mapPoll(catalog(), [{ ...first, SeatsSold: 0 }], VENUE).sold).toEqual([]);
  });
});

describe('DST: venue wall time to UTC', () => {
  const at = (zone: string, time: string) => {
    const c = catalog();
    c.site = { ...c.site, TimeZoneIdentifier: zone, Country: null };
    const [first] = sessions() as [VeeziSession];
    const s = { ...first, PreShowStartTime: time, FeatureStartTime: time };
    return mapPoll(c, [s], VENUE).showtimes[0]?.startsAt;
  };

  it('AUS Eastern Standard Time: a time in the gap moves to the jump, an overlap takes the earlier', () => {
    // 2026-10-04 02:00 AEST → 03:00 AEDT.
    expect(at('AUS Eastern Standard Time', '2026-10-04T01:59:00')).toBe('2026-10-03T15:59:00.000Z');
    expect(at('AUS Eastern Standard Time', '2026-10-04T02:30:00')).toBe('2026-10-03T16:00:00.000Z');
    expect(at('AUS Eastern Standard Time', '2026-10-04T03:00:00')).toBe('2026-10-03T16:00:00.000Z');
    // 2026-04-05 03:00 AEDT → 02:00 AEST: 02:30 happens twice; the first (+11) wins.
    expect(at('AUS Eastern Standard Time', '2026-04-05T02:30:00')).toBe('2026-04-04T15:30:00.000Z');
    expect(at('AUS Eastern Standard Time', '2026-04-05T03:00:00')).toBe('2026-04-04T17:00:00.000Z');
  });

  it('GMT Standard Time: the same rules in London', () => {
    // 2026-03-29 01:00 GMT → 02:00 BST.
    expect(at('GMT Standard Time', '2026-03-29T01:30:00')).toBe('2026-03-29T01:00:00.000Z');
    expect(at('GMT Standard Time', '2026-03-29T02:00:00')).toBe('2026-03-29T01:00:00.000Z');
    // 2026-10-25 02:00 BST → 01:00 GMT: 01:30 BST first.
    expect(at('GMT Standard Time', '2026-10-25T01:30:00')).toBe('2026-10-25T00:30:00.000Z');
    expect(at('GMT Standard Time', '2026-10-25T02:30:00')).toBe('2026-10-25T02:30:00.000Z');
    expect(at('GMT Standard Time', '2026-07-01T20:00:00')).toBe('2026-07-01T19:00:00.000Z');
  });
});
