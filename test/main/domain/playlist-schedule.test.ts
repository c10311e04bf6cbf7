import { describe, expect, it } from 'vitest';
import {
  nextSlot,
  pageMs,
  pageRunsAt,
  passOf,
  timeline,
  weekdayOf,
} from '../../../main/domain/playlist-schedule.ts';
import { Playlist, PlaylistPage, playlistFor } from '../../../main/domain/playlists.ts';

const TZ = 'Europe/London';
const page = (extra: Record<string, unknown>) =>
  PlaylistPage.parse({ kind: 'image', mediaId: 'm1', seconds: 10, ...extra });

describe('pageRunsAt (venue clock)', () => {
  // 2030-11-01 is a Friday; London is on GMT then (UTC+0), 2030-07-05 (Friday) on BST (UTC+1).
  const table: [string, Record<string, unknown>, string, boolean][] = [
    ['no limits', {}, '2030-11-01T12:00:00Z', true],
    ['breakfast inside', { from: '06:00', until: '11:00' }, '2030-11-01T10:59:00Z', true],
    ['breakfast end is exclusive', { from: '06:00', until: '11:00' }, '2030-11-01T11:00:00Z', false],
    ['breakfast start is inclusive', { from: '06:00', until: '11:00' }, '2030-11-01T06:00:00Z', true],
    ['venue time, not UTC (BST)', { from: '06:00', until: '11:00' }, '2030-07-05T10:30:00Z', false],
    ['venue time, not UTC (BST) inside', { from: '06:00', until: '11:00' }, '2030-07-05T09:30:00Z', true],
    ['late night after 21:00', { from: '21:00' }, '2030-11-01T21:00:00Z', true],
    ['late night before 21:00', { from: '21:00' }, '2030-11-01T20:59:00Z', false],
    ['across midnight, evening part', { from: '21:00', until: '02:00' }, '2030-11-01T23:30:00Z', true],
    ['across midnight, after midnight', { from: '21:00', until: '02:00' }, '2030-11-02T01:59:00Z', true],
    ['across midnight, closed at 02:00', { from: '21:00', until: '02:00' }, '2030-11-02T02:00:00Z', false],
    ['across midnight, midday', { from: '21:00', until: '02:00' }, '2030-11-01T12:00:00Z', false],
    // Friday's window runs into Saturday morning; Saturday's own day is not listed.
    [
      'Fridays 21–02 at Sat 01:00',
      { days: [5], from: '21:00', until: '02:00' },
      '2030-11-02T01:00:00Z',
      true,
    ],
    [
      'Fridays 21–02 at Sat 23:00',
      { days: [5], from: '21:00', until: '02:00' },
      '2030-11-02T23:00:00Z',
      false,
    ],
    [
      'Fridays 21–02 at Fri 01:00 (Thursday night)',
      { days: [5], from: '21:00', until: '02:00' },
      '2030-11-01T01:00:00Z',
      false,
    ],
    ['weekends on Friday', { days: [6, 7] }, '2030-11-01T12:00:00Z', false],
    ['weekends on Sunday', { days: [6, 7] }, '2030-11-03T12:00:00Z', true],
    ['before its start date', { startDate: '2030-11-02' }, '2030-11-01T23:59:00Z', false],
    ['on its start date', { startDate: '2030-11-02' }, '2030-11-02T00:00:00Z', true],
    ['on its end date', { endDate: '2030-11-02' }, '2030-11-02T23:59:00Z', true],
    ['after its end date', { endDate: '2030-11-02' }, '2030-11-03T00:00:00Z', false],
    // A night that opened on the last day still runs after midnight.
    [
      'end date, after-midnight part',
      { endDate: '2030-11-02', from: '22:00', until: '03:00' },
      '2030-11-03T01:00:00Z',
      true,
    ],
    [
      'start date, night before it',
      { startDate: '2030-11-02', from: '22:00', until: '03:00' },
      '2030-11-02T01:00:00Z',
      false,
    ],
  ];
  it.each(table)('%s', (_name, when, at, runs) => {
    expect(pageRunsAt(page(when), Date.parse(at), TZ)).toBe(runs);
  });

  it('reads weekdays as ISO (Monday 1, Sunday 7)', () => {
    expect(['2030-11-04', '2030-11-01', '2030-11-03'].map(weekdayOf)).toEqual([1, 5, 7]);
  });

  it('refuses a window that starts and ends at the same time and dates out of order', () => {
    expect(
      PlaylistPage.safeParse({ kind: 'board', seconds: 10, from: '09:00', until: '09:00' }).success,
    ).toBe(false);
    expect(
      PlaylistPage.safeParse({ kind: 'board', seconds: 10, startDate: '2030-02-02', endDate: '2030-02-01' })
        .success,
    ).toBe(false);
  });
});

describe('passOf (weights)', () => {
  const pages = (...weights: number[]) => weights.map((weight) => page({ weight }));
  const table: [number[], number[]][] = [
    [[1], [0]],
    [
      [1, 1, 1],
      [0, 1, 2],
    ],
    [
      [2, 1],
      [0, 1, 0],
    ],
    [
      [3, 1, 1],
      [0, 1, 0, 2, 0],
    ],
    [
      [1, 3],
      [1, 0, 1, 1],
    ],
  ];
  it.each(table)('weights %j → %j', (weights, pass) => {
    expect(passOf(pages(...weights))).toEqual(pass);
  });
});

describe('nextSlot and timeline', () => {
  const list = Playlist.parse({
    id: 'p',
    name: 'Lobby',
    role: 'board',
    pages: [
      { kind: 'board', seconds: 20 },
      { kind: 'spotlight', filmId: 'f1', seconds: 12 },
      { kind: 'video', mediaId: 'clip' },
      { kind: 'image', mediaId: 'breakfast', seconds: 8, from: '06:00', until: '11:00' },
    ],
  });
  const length = (id: string) => (id === 'clip' ? 4.5 : undefined);

  it('plays each page for its duration, a clip for its length, in order', () => {
    const start = Date.parse('2030-11-01T14:00:00Z');
    const got = timeline(list, start, start + 80_000, TZ, length).map((e) => [
      e.page.kind,
      (e.endsAt - e.startsAt) / 1000,
    ]);
    expect(got).toEqual([
      ['board', 20],
      ['spotlight', 12],
      ['video', 4.5],
      ['board', 20],
      ['spotlight', 12],
      ['video', 4.5],
      ['board', 20],
    ]);
  });

  it('takes a daypart page only inside its hours', () => {
    const morning = Date.parse('2030-11-01T10:59:00Z');
    const kinds = timeline(list, morning, morning + 3 * 60_000, TZ, length).map((e) => e.page.kind);
    // The breakfast slide ran once, just before 11:00, and not after.
    expect(kinds.slice(0, 5)).toEqual(['board', 'spotlight', 'video', 'image', 'board']);
    expect(kinds.filter((k) => k === 'image')).toHaveLength(1);
  });

  it('plays the board when no page may run now, then picks up again', () => {
    const night = Playlist.parse({
      id: 'n',
      name: 'Night',
      role: 'board',
      pages: [{ kind: 'image', mediaId: 'late', seconds: 10, from: '21:00', until: '02:00' }],
    });
    const noon = nextSlot(night, -1, Date.parse('2030-11-01T12:00:00Z'), TZ);
    expect(noon).toMatchObject({ slot: -1, index: -1, page: { kind: 'board' } });
    expect(nextSlot(night, -1, Date.parse('2030-11-01T22:00:00Z'), TZ)).toMatchObject({ slot: 0, index: 0 });
  });

  it('gives a clip of unknown length a fixed time and a looped clip its seconds', () => {
    expect(pageMs(PlaylistPage.parse({ kind: 'video', mediaId: 'x' }))).toBe(30_000);
    expect(pageMs(PlaylistPage.parse({ kind: 'video', mediaId: 'x', seconds: 45 }), () => 4)).toBe(45_000);
  });
});

describe('playlistFor', () => {
  const of = (id: string, extra: Record<string, unknown>) =>
    Playlist.parse({ id, name: id, pages: [{ kind: 'board', seconds: 10 }], ...extra });
  const lists = [
    of('b-role', { role: 'board' }),
    of('a-named', { displays: ['Foyer left'] }),
    of('door', { role: 'door' }),
  ];
  it('prefers a playlist naming the screen, then its role, else the board alone', () => {
    expect(playlistFor(lists, { role: 'board', name: 'Foyer left' }).id).toBe('a-named');
    expect(playlistFor(lists, { role: 'board', id: 'Foyer left' }).id).toBe('a-named');
    expect(playlistFor(lists, { role: 'board', name: 'Bar' }).id).toBe('b-role');
    expect(playlistFor(lists, { role: 'door' }).id).toBe('door');
    expect(playlistFor(lists, { role: 'departures' })).toMatchObject({
      id: 'default',
      pages: [{ kind: 'board' }],
    });
  });
  it('needs a role or a display', () => {
    expect(Playlist.safeParse({ id: 'x', name: 'x', pages: [{ kind: 'board', seconds: 10 }] }).success).toBe(
      false,
    );
  });
});
