import { describe, expect, it } from 'vitest';
import { type CopyRequest, daysBetween, planCopy } from '../../../main/domain/copy-plan.ts';
import type { Showtime } from '../../../main/domain/records.ts';
import { VenueSettings } from '../../../main/domain/records.ts';
import { localShow } from '../../support/showtime-fixture.ts';

// Defaults: 15 min pre-show, 15 min cleaning. Film f1 runs 100 min: a show holds its screen 130 min.
const venue = { timezone: 'Europe/London', settings: VenueSettings.parse({}) };
const runtimes: Record<string, number> = { f1: 100, f2: 120 };

const show = (id: string, startsAt: string, extra: Partial<Showtime> = {}) =>
  localShow(id, startsAt, { version: 1, ...extra });

function plan(shows: Showtime[], req: Partial<CopyRequest> = {}, now = Date.parse('2030-01-01T00:00:00Z')) {
  let n = 0;
  return planCopy(
    {
      from: '2030-03-04',
      fromLast: '2030-03-04',
      to: '2030-03-11',
      toLast: '2030-03-11',
      mode: 'skip',
      ...req,
    },
    {
      venue,
      showtimes: shows,
      runs: (s) => s.status === 'scheduled' && s.id !== 'hidden',
      runtimeOf: (id) => runtimes[id],
      now,
      newId: () => `new-${++n}`,
    },
  );
}

const summary = (p: ReturnType<typeof plan>) => ({
  copies: p.copies.map((c) => `${c.auditoriumId} ${c.startsAt}`),
  removals: p.removals.map((r) => r.id),
  skipped: p.skipped.map((s) => `${s.reason} ${s.show.id}${s.clashesWith ? ` × ${s.clashesWith.id}` : ''}`),
});

describe('planCopy', () => {
  const monday = [
    show('m1', '2030-03-04T10:00:00Z'),
    show('m2', '2030-03-04T19:30:00Z', { auditoriumId: 'a2' }),
  ];
  const cases: {
    name: string;
    shows: Showtime[];
    req?: Partial<CopyRequest>;
    now?: number;
    want: ReturnType<typeof summary>;
  }[] = [
    {
      name: 'copies a day onto a free day at the same times',
      shows: monday,
      want: {
        copies: ['a1 2030-03-11T10:00:00.000Z', 'a2 2030-03-11T19:30:00.000Z'],
        removals: [],
        skipped: [],
      },
    },
    {
      name: 'keeps the wall-clock time across the change to summer time',
      shows: [show('m1', '2030-03-25T10:00:00Z')],
      req: { from: '2030-03-25', fromLast: '2030-03-25', to: '2030-04-01', toLast: '2030-04-01' },
      want: { copies: ['a1 2030-04-01T09:00:00.000Z'], removals: [], skipped: [] },
    },
    {
      name: 'skips a copy that overlaps a show there, counting the cleaning gap (129 min is too close)',
      shows: [...monday, show('t1', '2030-03-11T12:09:00Z', { filmId: 'f2' })],
      want: { copies: ['a2 2030-03-11T19:30:00.000Z'], removals: [], skipped: ['clash m1 × t1'] },
    },
    {
      name: 'copies next to a show that starts exactly when the cleaning ends',
      shows: [...monday, show('t1', '2030-03-11T12:10:00Z')],
      want: {
        copies: ['a1 2030-03-11T10:00:00.000Z', 'a2 2030-03-11T19:30:00.000Z'],
        removals: [],
        skipped: [],
      },
    },
    {
      name: 'ignores cancelled and hidden shows, both as sources and as clashes',
      shows: [
        show('m1', '2030-03-04T10:00:00Z', { status: 'cancelled' }),
        show('hidden', '2030-03-04T19:00:00Z'),
        show('m3', '2030-03-04T15:00:00Z'),
        show('t1', '2030-03-11T15:00:00Z', { status: 'cancelled' }),
      ],
      want: { copies: ['a1 2030-03-11T15:00:00.000Z'], removals: [], skipped: [] },
    },
    {
      name: 'replace removes the target day’s unsold local shows, keeps sold and upstream ones',
      shows: [
        ...monday,
        show('t-free', '2030-03-11T10:30:00Z'),
        show('t-sold', '2030-03-11T19:00:00Z', { auditoriumId: 'a2', seatsAvailable: 90 }),
        show('t-up', '2030-03-11T23:00:00Z', { source: 'upstream' }),
      ],
      req: { mode: 'replace' },
      want: {
        copies: ['a1 2030-03-11T10:00:00.000Z'],
        removals: ['t-free'],
        skipped: ['sold t-sold', 'clash m2 × t-sold'],
      },
    },
    {
      name: 'all plans every copy and leaves refusing clashes to the store',
      shows: [...monday, show('t1', '2030-03-11T10:00:00Z')],
      req: { mode: 'all' },
      want: {
        copies: ['a1 2030-03-11T10:00:00.000Z', 'a2 2030-03-11T19:30:00.000Z'],
        removals: [],
        skipped: [],
      },
    },
    {
      name: 'repeats one source day over a range, and a week onto the next week day by day',
      shows: [show('m1', '2030-03-04T10:00:00Z'), show('tu', '2030-03-05T11:00:00Z')],
      req: { fromLast: '2030-03-05', to: '2030-03-11', toLast: '2030-03-13' },
      want: {
        copies: ['a1 2030-03-11T10:00:00.000Z', 'a1 2030-03-12T11:00:00.000Z', 'a1 2030-03-13T10:00:00.000Z'],
        removals: [],
        skipped: [],
      },
    },
    {
      name: 'only the auditoriums asked for, in both source and target',
      shows: [...monday, show('t2', '2030-03-11T19:30:00Z', { auditoriumId: 'a2' })],
      req: { auditoriumIds: new Set(['a1']), mode: 'replace' },
      want: { copies: ['a1 2030-03-11T10:00:00.000Z'], removals: [], skipped: [] },
    },
    {
      name: 'skips copies that would start in the past unless allowed',
      shows: monday,
      now: Date.parse('2030-03-11T12:00:00Z'),
      want: { copies: ['a2 2030-03-11T19:30:00.000Z'], removals: [], skipped: ['past m1'] },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(summary(plan(c.shows, c.req, c.now))).toEqual(c.want);
    });
  }

  it('makes fresh local records with every seat free', () => {
    const p = plan([
      show('m1', '2030-03-04T10:00:00Z', { seatsAvailable: 3, source: 'upstream', tags: ['3D'] }),
    ]);
    expect(p.copies[0]).toEqual({
      ...show('new-1', '2030-03-11T10:00:00.000Z', { tags: ['3D'] }),
      version: undefined,
    });
    expect(p.copies[0]).not.toHaveProperty('version');
  });

  it('lists days inclusive, none for a backwards range, at most 62', () => {
    expect(daysBetween('2030-02-27', '2030-03-02')).toEqual([
      '2030-02-27',
      '2030-02-28',
      '2030-03-01',
      '2030-03-02',
    ]);
    expect(daysBetween('2030-03-02', '2030-03-01')).toEqual([]);
    expect(daysBetween('2030-01-01', '2031-01-01')).toHaveLength(62);
  });
});
