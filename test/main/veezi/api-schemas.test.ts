import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  VEEZI_ANSWERS,
  VeeziAttribute,
  VeeziFilm,
  VeeziFilmPackage,
  VeeziScreen,
  VeeziSession,
  VeeziSite,
  VeeziWebSession,
} from '../../../main/veezi/api-schemas.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/veezi');
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
const list = (name: string) => fixture(name) as Record<string, unknown>[];

describe('Veezi answers as recorded', () => {
  it('reads /v1/site, its screens as ids whether objects or numbers, and drops what the hub never reads', () => {
    const site = VeeziSite.parse(fixture('site.json'));
    expect(site).toMatchObject({
      Name: 'Paragon Picture House',
      TimeZoneIdentifier: 'AUS Eastern Standard Time',
      Country: 'Australia',
      Screens: [1, 2, 3, 4],
    });
    expect(site).not.toHaveProperty('Address1');
    expect(VeeziSite.parse({ Name: 'X', Screens: [3, { Id: 4 }] }).Screens).toEqual([3, 4]);
    const bare = VeeziSite.parse({ Name: 'X' });
    expect([bare.Screens, bare.TimeZoneIdentifier]).toEqual([[], undefined]);
  });

  it('reads /v1/screen with ScreenNumber always a string', () => {
    const screens = VEEZI_ANSWERS['/v1/screen'].parse(fixture('screens.json'));
    expect(screens.map((s) => [s.Id, s.ScreenNumber, s.TotalSeats])).toEqual([
      [1, '1', 212],
      [2, '2', 148],
      [3, '3A', 36],
      [4, '4', 28],
    ]);
  });

  it('reads /v4/film, nulls and odd formats included', () => {
    const films = VEEZI_ANSWERS['/v4/film'].parse(fixture('films.json'));
    expect(films.map((f) => [f.Id, f.Format, f.Rating, f.AudioLanguage])).toEqual([
      ['ST00000069', '2D Digital', 'M', 'English'],
      ['ST00000071', '3D HFR', 'PG', null],
      ['ST00000074', 'D-Cinema', null, 'French'],
      ['ST00000080', 'Not a Film', 'CTC', 'Italian'],
    ]);
    expect(films[0]!.People).toHaveLength(3);
    expect(films[2]!.People).toEqual([]);
    expect(films[0]).not.toHaveProperty('Attributes');
    expect(VEEZI_ANSWERS['/v4/film/:id'].parse(list('films.json')[1])).toMatchObject({ Duration: 131 });
  });

  it('reads /v1/session, attribute ids as strings and null lists as empty', () => {
    const sessions = VEEZI_ANSWERS['/v1/session'].parse(fixture('sessions.json'));
    expect(sessions.map((s) => [s.Id, s.Status, s.ShowType, s.SeatsAvailable, s.TicketsSoldOut])).toEqual([
      [24871, 'Open', 'Public', 0, true],
      [24872, 'Open', 'Public', 9, false],
      [24873, 'Closed', 'Public', 30, false],
      [24874, 'Planned', 'Private', 26, false],
    ]);
    expect(sessions[2]!.Attributes).toEqual(['0000000001', '7']);
    expect(sessions[3]!.Attributes).toEqual([]);
    expect(sessions[1]!.FeatureEndTime).toBe('2026-10-04T01:56:00');
  });

  it('reads an older session answer, which lacked the sell-out flags, format and cut-off', () => {
    const [old] = VEEZI_ANSWERS['/v1/session'].parse(fixture('sessions-2013.json'));
    expect(old).toMatchObject({ Id: 702, SeatsAvailable: 70, Attributes: [] });
    expect([old!.SalesCutOffTime, old!.TicketsSoldOut, old!.FilmFormat]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('reads /v1/websession with its booking link under either spelling', () => {
    const web = VEEZI_ANSWERS['/v1/websession'].parse(fixture('websessions.json'));
    expect(web.map((s) => s.Url)).toEqual([
      'https://ticketing.example.test/purchase/24872?siteToken=c2l0ZQ%3d%3d',
      'http://ticketing.example.test/purchase/703',
    ]);
    expect(web[1]).not.toHaveProperty('URL');
    expect(VeeziWebSession.parse(list('sessions.json')[0]).Url).toBeNull();
  });

  it('reads /v1/attribute and /v1/filmpackage', () => {
    const attributes = VEEZI_ANSWERS['/v1/attribute'].parse(fixture('attributes.json'));
    expect(attributes.map((a) => [a.Id, a.Description])).toEqual([
      ['0000000001', 'Subtitled'],
      ['0000000002', 'Kids'],
      ['0000000003', 'No Free List'],
      ['7', 'Open Caption'],
    ]);
    const [pkg] = VEEZI_ANSWERS['/v1/filmpackage'].parse(fixture('film-package.json'));
    expect(pkg!.Films.map((f) => f.FilmId)).toEqual(['ST00000071', 'ST00000069']);
  });
});

const session = list('sessions.json')[1]!;
const film = list('films.json')[0]!;
const screen = list('screens.json')[0]!;
const without = (o: Record<string, unknown>, key: string) => {
  const { [key]: _gone, ...rest } = o;
  return rest;
};

describe('strict where the hub keys or counts by a field', () => {
  it.each([
    ['an Id as a string', { ...session, Id: '24872' }],
    ['no Id', without(session, 'Id')],
    ['a fractional Id', { ...session, Id: 24872.5 }],
    ['an empty FilmId', { ...session, FilmId: '' }],
    ['no ScreenId', without(session, 'ScreenId')],
    ['a null ScreenId', { ...session, ScreenId: null }],
    ['no Status', without(session, 'Status')],
    ['seats as a string', { ...session, SeatsAvailable: '9' }],
    ['fractional seats', { ...session, SeatsAvailable: 9.5 }],
    ['no seats', without(session, 'SeatsAvailable')],
    ['no PreShowStartTime', without(session, 'PreShowStartTime')],
    ['a start that is no time', { ...session, PreShowStartTime: 'tonight' }],
    ['a start on no day', { ...session, FeatureStartTime: '2026-02-30T19:00:00' }],
    ['a null FeatureEndTime', { ...session, FeatureEndTime: null }],
    ['Attributes as one string', { ...session, Attributes: '0000000003' }],
    ['an empty attribute id', { ...session, Attributes: [''] }],
  ])('refuses a session with %s', (_what, value) => {
    expect(VeeziSession.safeParse(value).success).toBe(false);
  });

  it.each([
    ['no Id', without(film, 'Id')],
    ['a numeric Id', { ...film, Id: 69 }],
    ['an empty Title', { ...film, Title: '  ' }],
    ['Duration as a string', { ...film, Duration: '118' }],
    ['a negative Duration', { ...film, Duration: -1 }],
    ['no Duration', without(film, 'Duration')],
    ['an OpeningDate that is no date', { ...film, OpeningDate: 'soon' }],
  ])('refuses a film with %s', (_what, value) => {
    expect(VeeziFilm.safeParse(value).success).toBe(false);
  });

  it.each([
    ['an Id as a string', { ...screen, Id: '1' }],
    ['no TotalSeats', without(screen, 'TotalSeats')],
    ['negative TotalSeats', { ...screen, TotalSeats: -5 }],
    ['no Name', without(screen, 'Name')],
  ])('refuses a screen with %s', (_what, value) => {
    expect(VeeziScreen.safeParse(value).success).toBe(false);
  });

  it.each([
    ['no Name', { TimeZoneIdentifier: 'UTC' }],
    ['an empty Name', { Name: ' ' }],
    ['screen ids as strings', { Name: 'X', Screens: [{ Id: '1' }] }],
    ['Screens as an object', { Name: 'X', Screens: { Id: 1 } }],
  ])('refuses a site with %s', (_what, value) => {
    expect(VeeziSite.safeParse(value).success).toBe(false);
  });

  it('refuses an attribute without a description, and a package without an id', () => {
    expect(VeeziAttribute.safeParse({ Id: '1' }).success).toBe(false);
    expect(VeeziFilmPackage.safeParse({ Title: 'x' }).success).toBe(false);
  });

  it('fails a whole list for one bad entry, so no poll is applied in part', () => {
    const sessions = list('sessions.json');
    expect(VEEZI_ANSWERS['/v1/session'].safeParse(sessions).success).toBe(true);
    const broken = [...sessions.slice(0, 3), { ...sessions[3], SeatsAvailable: null }];
    expect(VEEZI_ANSWERS['/v1/session'].safeParse(broken).success).toBe(false);
  });

  it.each([
    ['an object', { Sessions: [] }],
    ['null', null],
    ['a string', '[]'],
    ['an HTML page', '<!DOCTYPE html><html><body>Access denied</body></html>'],
  ])('refuses %s where a list belongs', (_what, value) => {
    expect(VEEZI_ANSWERS['/v1/session'].safeParse(value).success).toBe(false);
  });
});

describe('tolerant where answers vary', () => {
  it.each([
    ['a status no library lists', { Status: 'Cancelled' }],
    ['a show type no library lists', { ShowType: 'Members' }],
    ['an unknown sales channel', { SalesVia: ['APP', 'WWW'] }],
    ['oversold seats, as given', { SeatsAvailable: -2 }],
    ['times with an offset', { PreShowStartTime: '2026-10-03T23:30:00+10:00' }],
    ['times with .NET ticks', { FeatureStartTime: '2026-10-03T23:45:00.0000000' }],
    ['nulls for the optional parts', { Title: null, Seating: null, FilmFormat: null, SeatsSold: null }],
    ['fields added later', { Rating: 'M', IsPremiere: true, Prices: [{ Amount: 12.5 }] }],
  ])('reads a session with %s', (_what, change) => {
    const parsed = VeeziSession.safeParse({ ...session, ...change });
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    if (parsed.success) expect(parsed.data).not.toHaveProperty('IsPremiere');
  });

  it('keeps numbers as given', () => {
    const parsed = VeeziFilm.parse({ ...film, Duration: 118.5, DisplaySequence: -1 });
    expect([parsed.Duration, parsed.DisplaySequence]).toEqual([118.5, -1]);
  });
});
