import { describe, expect, it } from 'vitest';
import {
  type UpdateContext,
  showWindowsOf,
  updateDecision,
  urgentActiveAt,
} from '../../../main/shell/update-policy.ts';

const H = 60 * 60_000;
const at = (hour: number) => Date.UTC(2026, 11, 1) + hour * H;
/** A day of shows: 14:00–16:00, 18:00–20:00, 21:00–23:30, and tomorrow's first at 11:00. */
const day = [
  { startsAt: at(14), endsAt: at(16) },
  { startsAt: at(18), endsAt: at(20) },
  { startsAt: at(21), endsAt: at(23.5) },
  { startsAt: at(35), endsAt: at(37) },
];
const ctx = (over: Partial<UpdateContext>): UpdateContext => ({
  now: at(2),
  shows: day,
  urgentActive: false,
  ...over,
});

describe('updateDecision', () => {
  it.each([
    ['after the last show, overnight', ctx({ now: at(24.5) }), { install: true }],
    ['the small hours', ctx({ now: at(27) }), { install: true }],
    ['during a show', ctx({ now: at(19) }), { install: false, reason: 'show-running' }],
    ['the last show still running', ctx({ now: at(23) }), { install: false, reason: 'show-running' }],
    ['an afternoon gap of two hours', ctx({ now: at(16.5) }), { install: false, reason: 'between-shows' }],
    [
      'an afternoon gap, the next show in 30 min',
      ctx({ now: at(17.5) }),
      { install: false, reason: 'show-soon' },
    ],
    [
      'before the day’s first show, 90 min ahead',
      ctx({ now: at(12.5), shows: day.slice(0, 3) }),
      { install: true },
    ],
    [
      'within the lead before the first show',
      ctx({ now: at(34.5) }),
      { install: false, reason: 'show-soon' },
    ],
    [
      'overnight, but an urgent announcement is up',
      ctx({ now: at(25), urgentActive: true }),
      { install: false, reason: 'urgent' },
    ],
    ['a venue with no shows at all', ctx({ shows: [] }), { install: true }],
    ['a show exactly ending now', ctx({ now: at(23.5) }), { install: true }],
    ['a show exactly starting now', ctx({ now: at(14) }), { install: false, reason: 'show-running' }],
  ] as const)('%s', (_what, context, decision) => {
    expect(updateDecision(context)).toEqual(decision);
  });

  it('takes its margins from the options', () => {
    expect(updateDecision(ctx({ now: at(16.5) }), { leadMs: H, minQuietMs: 2 * H })).toEqual({
      install: true,
    });
  });
});

describe('what the policy reads from the hub', () => {
  const snapshot = {
    films: [{ id: 'f1', runtimeMinutes: 100 }],
    showtimes: [
      { filmId: 'f1', startsAt: new Date(at(20)).toISOString(), status: 'scheduled', extraMinutes: 20 },
      { filmId: 'f1', startsAt: new Date(at(22)).toISOString(), status: 'cancelled' },
    ],
    announcements: [
      { urgent: true, startsAt: new Date(at(1)).toISOString(), endsAt: new Date(at(2)).toISOString() },
      { urgent: false },
    ],
  } as unknown as Parameters<typeof showWindowsOf>[0] & Parameters<typeof urgentActiveAt>[0];

  it('takes each scheduled show from its start to its end (runtime plus extra minutes)', () => {
    expect(showWindowsOf(snapshot)).toEqual([{ startsAt: at(20), endsAt: at(22) }]);
  });

  it('sees an urgent announcement only while it is on', () => {
    expect(urgentActiveAt(snapshot, at(1.5))).toBe(true);
    expect(urgentActiveAt(snapshot, at(2))).toBe(false);
    expect(urgentActiveAt(snapshot, at(0.5))).toBe(false);
  });
});
