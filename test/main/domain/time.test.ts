import { describe, expect, it } from 'vitest';
import {
  addLocalDays,
  fromLocal,
  localDateKey,
  offsetMinutes,
  startOfLocalDay,
  toLocal,
} from '../../../main/domain/time.ts';

describe('venue time', () => {
  it('reads wall-clock time in the venue zone, not the machine zone', () => {
    const t = Date.parse('2026-11-21T15:30:00Z');
    expect(toLocal(t, 'Asia/Singapore')).toMatchObject({
      year: 2026,
      month: 11,
      day: 21,
      hour: 23,
      minute: 30,
    });
    expect(toLocal(t, 'America/Los_Angeles')).toMatchObject({ day: 21, hour: 7, minute: 30 });
    expect(localDateKey(Date.parse('2026-11-21T16:30:00Z'), 'Asia/Singapore')).toBe('2026-11-22');
  });

  it('turns venue wall-clock time into an instant', () => {
    const at = fromLocal({ year: 2026, month: 11, day: 21, hour: 19, minute: 30 }, 'Europe/Paris');
    expect(new Date(at).toISOString()).toBe('2026-11-21T18:30:00.000Z');
  });

  it('handles the spring-forward gap and the autumn overlap (Europe/London)', () => {
    // 2026-03-29 01:30 does not exist in London: the first instant that does, 02:00 BST = 01:00Z
    // (the rule Veezi's times follow too: one function, main/domain/time.ts, for both).
    const gap = fromLocal({ year: 2026, month: 3, day: 29, hour: 1, minute: 30 }, 'Europe/London');
    expect(new Date(gap).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    // 2026-10-25 01:30 happens twice: the earlier (BST) instant wins.
    const overlap = fromLocal({ year: 2026, month: 10, day: 25, hour: 1, minute: 30 }, 'Europe/London');
    expect(new Date(overlap).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(offsetMinutes(Date.parse('2026-07-01T12:00:00Z'), 'Europe/London')).toBe(60);
    expect(offsetMinutes(Date.parse('2026-12-01T12:00:00Z'), 'Europe/London')).toBe(0);
  });

  it('finds day starts across a DST change (America/New_York)', () => {
    const sunday = Date.parse('2026-03-08T15:00:00Z'); // DST began at 02:00 that morning
    expect(new Date(startOfLocalDay(sunday, 'America/New_York')).toISOString()).toBe(
      '2026-03-08T05:00:00.000Z',
    );
    expect(new Date(addLocalDays(sunday, 1, 'America/New_York')).toISOString()).toBe(
      '2026-03-09T04:00:00.000Z',
    );
    expect(new Date(addLocalDays(sunday, -1, 'America/New_York')).toISOString()).toBe(
      '2026-03-07T05:00:00.000Z',
    );
  });

  it('reads a wall time to the minute unless given a second: a spread toLocal does not carry its seconds', () => {
    const at = Date.parse('2026-12-02T02:00:48Z'); // 10:00:48 in Singapore
    const five = fromLocal({ ...toLocal(at, 'Asia/Singapore'), hour: 17, minute: 0 }, 'Asia/Singapore');
    expect(new Date(five).toISOString()).toBe('2026-12-02T09:00:00.000Z');
    const withSecond = fromLocal(
      { year: 2026, month: 12, day: 2, hour: 17, minute: 0 },
      'Asia/Singapore',
      30,
    );
    expect(new Date(withSecond).toISOString()).toBe('2026-12-02T09:00:30.000Z');
  });
});
