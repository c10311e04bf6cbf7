import { describe, expect, it } from 'vitest';
import { boardDay, nextChange, showPhase } from '../../renderer/lib/time-states.ts';
import { at, settings, show } from './support/fixtures.ts';

const MIN = 60_000;
const s = settings({ seatingMinutes: 20, graceMinutes: 10 });
/** A venue whose business day turns at midnight. */
const mid = settings({ seatingMinutes: 20, graceMinutes: 10, businessDayStartsAt: '00:00' });

describe('showPhase', () => {
  const start = Date.UTC(2026, 10, 21, 11, 30);
  it('moves upcoming → seating → started → gone at the exact boundaries', () => {
    expect(showPhase(start, start - 20 * MIN - 1, s)).toBe('upcoming');
    expect(showPhase(start, start - 20 * MIN, s)).toBe('seating');
    expect(showPhase(start, start - 1, s)).toBe('seating');
    expect(showPhase(start, start, s)).toBe('started');
    expect(showPhase(start, start + 10 * MIN - 1, s)).toBe('started');
    expect(showPhase(start, start + 10 * MIN, s)).toBe('gone');
  });
  it('skips phases whose length is zero', () => {
    const none = settings({ seatingMinutes: 0, graceMinutes: 0 });
    expect(showPhase(start, start - 1, none)).toBe('upcoming');
    expect(showPhase(start, start, none)).toBe('gone');
  });
});

describe('boardDay', () => {
  it('lists the rest of today in the venue zone, not the machine zone', () => {
    const tz = 'Asia/Singapore';
    const shows = [
      show('morning', 'f1', at('2026-11-21 10:00', tz)),
      show('evening', 'f1', at('2026-11-21 21:00', tz)),
      show('tomorrow', 'f1', at('2026-11-22 10:00', tz)),
    ];
    const { day, shows: listed } = boardDay(shows, at('2026-11-21 12:00', tz), tz, s);
    expect(day).toMatchObject({ key: '2026-11-21', offset: 0 });
    expect(listed.map((x) => x.id)).toEqual(['evening']);
  });

  it("switches to the next day's shows once today's have all gone", () => {
    const tz = 'Europe/Paris';
    const shows = [
      show('late', 'f1', at('2026-11-21 21:00', tz)),
      show('next', 'f1', at('2026-11-22 14:00', tz)),
    ];
    expect(boardDay(shows, at('2026-11-21 21:09', tz), tz, s).day.offset).toBe(0);
    const after = boardDay(shows, at('2026-11-21 21:10', tz), tz, s);
    expect(after.day).toMatchObject({ key: '2026-11-22', offset: 1 });
    expect(after.shows.map((x) => x.id)).toEqual(['next']);
  });

  it('skips empty days and days with nothing but cancellations', () => {
    const tz = 'America/New_York';
    const shows = [
      show('cancelled', 'f1', at('2026-11-22 19:00', tz), { status: 'cancelled' }),
      show('sunday', 'f1', at('2026-11-23 19:00', tz)),
    ];
    const { day } = boardDay(shows, at('2026-11-21 23:00', tz), tz, s);
    expect(day).toMatchObject({ key: '2026-11-23', offset: 2 });
  });

  it('keeps a show from before midnight until its grace period ends', () => {
    const tz = 'Asia/Singapore';
    const shows = [
      show('late', 'f1', at('2026-11-21 23:55', tz)),
      show('next', 'f1', at('2026-11-22 10:00', tz)),
    ];
    const justAfter = boardDay(shows, at('2026-11-22 00:02', tz), tz, mid);
    expect(justAfter.day.key).toBe('2026-11-22');
    expect(justAfter.shows.map((x) => x.id)).toEqual(['late', 'next']);
    expect(boardDay(shows, at('2026-11-22 00:05', tz), tz, mid).shows.map((x) => x.id)).toEqual(['next']);
  });

  it("lists tonight's 00:30 show at 23:10: the day turns at businessDayStartsAt (default 04:00)", () => {
    const tz = 'Asia/Singapore';
    const shows = [
      show('late', 'f1', at('2026-11-21 23:30', tz)),
      show('night', 'f1', at('2026-11-22 00:30', tz)),
      show('morning', 'f1', at('2026-11-22 10:00', tz)),
    ];
    const tonight = boardDay(shows, at('2026-11-21 23:10', tz), tz, s);
    expect(tonight.day).toMatchObject({ key: '2026-11-21', offset: 0 });
    expect(tonight.shows.map((x) => x.id)).toEqual(['late', 'night']);
    // After midnight it is still the evening before, until 04:00.
    expect(boardDay(shows, at('2026-11-22 00:20', tz), tz, s).day.key).toBe('2026-11-21');
    const dawn = boardDay(shows, at('2026-11-22 04:00', tz), tz, s);
    expect(dawn.day).toMatchObject({ key: '2026-11-22', offset: 0 });
    expect(dawn.shows.map((x) => x.id)).toEqual(['morning']);
    // And the board redraws when the business day turns.
    expect(new Date(nextChange([], at('2026-11-22 01:00', tz), tz, s)).toISOString()).toBe(
      new Date(at('2026-11-22 04:00', tz)).toISOString(),
    );
  });

  it('uses 23- and 25-hour days across daylight-saving changes', () => {
    const tz = 'Europe/London';
    // 29 March 2026: clocks go from 01:00 to 02:00. The day is 23 hours long.
    const spring = boardDay(
      [show('x', 'f1', at('2026-03-29 20:00', tz))],
      at('2026-03-29 12:00', tz),
      tz,
      mid,
    ).day;
    expect(spring.end - spring.start).toBe(23 * 60 * MIN);
    // 25 October 2026: clocks go from 02:00 back to 01:00. The day is 25 hours long.
    const autumn = boardDay(
      [show('y', 'f1', at('2026-10-25 20:00', tz))],
      at('2026-10-25 12:00', tz),
      tz,
      mid,
    ).day;
    expect(autumn.end - autumn.start).toBe(25 * 60 * MIN);
    expect(new Date(autumn.start).toISOString()).toBe('2026-10-24T23:00:00.000Z');
    expect(new Date(autumn.end).toISOString()).toBe('2026-10-26T00:00:00.000Z');
  });
});

describe('nextChange', () => {
  it('is the nearest phase boundary of any show', () => {
    const tz = 'Asia/Singapore';
    const start = at('2026-11-21 19:30', tz);
    const shows = [show('a', 'f1', start)];
    expect(nextChange(shows, start - 60 * MIN, tz, s)).toBe(start - 20 * MIN);
    expect(nextChange(shows, start - 20 * MIN, tz, s)).toBe(start);
    expect(nextChange(shows, start, tz, s)).toBe(start + 10 * MIN);
  });
  it("is the venue's midnight when no show changes before it, across a DST change", () => {
    const tz = 'America/New_York';
    // 8 March 2026: 02:00 → 03:00. Midnight after 7 March 20:00 EST is 05:00 UTC.
    expect(new Date(nextChange([], at('2026-03-07 20:00', tz), tz, mid)).toISOString()).toBe(
      '2026-03-08T05:00:00.000Z',
    );
    // The next midnight is already EDT, four hours behind UTC.
    expect(new Date(nextChange([], at('2026-03-08 20:00', tz), tz, mid)).toISOString()).toBe(
      '2026-03-09T04:00:00.000Z',
    );
  });
});
