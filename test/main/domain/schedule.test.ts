import { describe, expect, it } from 'vitest';
import { moveToDay, parseDateKey, venueInstant } from '../../../main/domain/schedule.ts';
import { HitLimiter } from '../../../main/api/auth/hit-limiter.ts';

describe('schedule rules', () => {
  it('knows real dates only', () => {
    expect(parseDateKey('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    for (const bad of ['2027-02-29', '2026-13-01', '2026-00-10', '2026-1-1', '26-01-01', '2026-01-32']) {
      expect(parseDateKey(bad)).toBeUndefined();
    }
  });

  it('reads venue wall-clock times and moves them across a DST change', () => {
    expect(new Date(venueInstant('2030-07-01', '19:30', 'Europe/London')!).toISOString()).toBe(
      '2030-07-01T18:30:00.000Z',
    );
    expect(new Date(venueInstant('2030-07-01', '19:30', 'Asia/Singapore')!).toISOString()).toBe(
      '2030-07-01T11:30:00.000Z',
    );
    // 2030-10-27: London leaves summer time; 19:30 BST the day before is 19:30 GMT after.
    const saturday = Date.parse('2030-10-26T18:30:00Z');
    expect(new Date(moveToDay(saturday, '2030-10-27', 'Europe/London')!).toISOString()).toBe(
      '2030-10-27T19:30:00.000Z',
    );
    expect(moveToDay(saturday, '2030-02-30', 'Europe/London')).toBeUndefined();
  });
});

describe('HitLimiter', () => {
  it('allows a burst, then the sustained rate, and forgets old keys', () => {
    let now = 0;
    const limiter = new HitLimiter(60, 3, 2, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([0, 0, 0, 1000]);
    now += 1000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBeGreaterThan(0);
    limiter.take('b');
    limiter.take('c'); // 'a' is forgotten: a full burst again
    expect([1, 2, 3].map(() => limiter.take('a'))).toEqual([0, 0, 0]);
  });
});
