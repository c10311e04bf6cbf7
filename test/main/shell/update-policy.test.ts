import { describe, expect, it } from 'vitest';
import { type UpdateContext, rolloutBucket, updateDecision } from '../../../main/shell/update-policy.ts';

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
  rolloutPercent: 100,
  bucket: 50,
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
    [
      'overnight, this kiosk not yet in the rollout',
      ctx({ now: at(25), rolloutPercent: 10, bucket: 10 }),
      { install: false, reason: 'rollout' },
    ],
    ['overnight, inside the rollout', ctx({ now: at(25), rolloutPercent: 10, bucket: 9 }), { install: true }],
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

describe('rolloutBucket', () => {
  it('is stable, in [0, 100), and spreads kiosks out', () => {
    expect(rolloutBucket('kiosk-a')).toBe(rolloutBucket('kiosk-a'));
    const buckets = Array.from({ length: 1000 }, (_, i) => rolloutBucket(`kiosk-${i}`));
    expect(Math.min(...buckets)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...buckets)).toBeLessThan(100);
    const under10 = buckets.filter((b) => b < 10).length;
    expect(under10).toBeGreaterThan(50);
    expect(under10).toBeLessThan(150);
  });
});
