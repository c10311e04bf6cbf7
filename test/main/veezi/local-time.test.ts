import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWallMinutes,
  compareWallTimes,
  formatWallTime,
  parseWallTime,
  utcToWallTime,
  veeziTimeToIso,
  veeziTimeToUtc,
  wallTimeToUtc,
} from '../../../main/veezi/local-time.ts';

const SYDNEY = 'Australia/Sydney';
const LONDON = 'Europe/London';

// Expected instants checked against Python's zoneinfo (fold=0 is the earlier
// offset) for every reading that exists; a skipped reading has no zoneinfo
// answer that means "first valid instant", so those are the transition itself.
describe('veezi time → UTC', () => {
  it.each([
    // Sydney: AEST +10, AEDT +11. Clocks go forward at 02:00 on the first Sunday of October…
    [SYDNEY, '2026-10-04T01:59:59', '2026-10-03T15:59:59.000Z', 'the last second before the gap'],
    [SYDNEY, '2026-10-04T02:00:00', '2026-10-03T16:00:00.000Z', 'the start of the gap: the jump'],
    [SYDNEY, '2026-10-04T02:30:00', '2026-10-03T16:00:00.000Z', 'inside the gap: the jump'],
    [SYDNEY, '2026-10-04T02:59:59', '2026-10-03T16:00:00.000Z', 'the end of the gap: the jump'],
    [SYDNEY, '2026-10-04T03:00:00', '2026-10-03T16:00:00.000Z', 'the first reading after it'],
    [SYDNEY, '2026-10-04T03:30:00', '2026-10-03T16:30:00.000Z', 'summer time'],
    // …and back at 03:00 on the first Sunday of April: 02:00–02:59 happen twice.
    [SYDNEY, '2026-04-05T01:59:59', '2026-04-04T14:59:59.000Z', 'before the overlap'],
    [SYDNEY, '2026-04-05T02:00:00', '2026-04-04T15:00:00.000Z', 'the overlap: the earlier (AEDT)'],
    [SYDNEY, '2026-04-05T02:30:00', '2026-04-04T15:30:00.000Z', 'inside the overlap: the earlier'],
    [SYDNEY, '2026-04-05T02:59:59', '2026-04-04T15:59:59.000Z', 'the overlap’s last second'],
    [SYDNEY, '2026-04-05T03:00:00', '2026-04-04T17:00:00.000Z', 'after the overlap (AEST)'],
    [SYDNEY, '2026-01-15T19:00:00', '2026-01-15T08:00:00.000Z', 'a summer evening'],
    [SYDNEY, '2026-07-15T19:00:00', '2026-07-15T09:00:00.000Z', 'a winter evening'],
    [SYDNEY, '2026-10-03T23:45:00', '2026-10-03T13:45:00.000Z', 'a late show the night before'],
    // London: GMT, BST +1. Forward at 01:00 on the last Sunday of March…
    [LONDON, '2026-03-29T00:59:59', '2026-03-29T00:59:59.000Z', 'before the gap'],
    [LONDON, '2026-03-29T01:00:00', '2026-03-29T01:00:00.000Z', 'the start of the gap: the jump'],
    [LONDON, '2026-03-29T01:30:00', '2026-03-29T01:00:00.000Z', 'inside the gap: the jump'],
    [LONDON, '2026-03-29T02:00:00', '2026-03-29T01:00:00.000Z', 'the first reading after it'],
    // …and back at 02:00 on the last Sunday of October: 01:00–01:59 twice.
    [LONDON, '2026-10-25T00:59:59', '2026-10-24T23:59:59.000Z', 'before the overlap'],
    [LONDON, '2026-10-25T01:00:00', '2026-10-25T00:00:00.000Z', 'the overlap: the earlier (BST)'],
    [LONDON, '2026-10-25T01:30:00', '2026-10-25T00:30:00.000Z', 'inside the overlap: the earlier'],
    [LONDON, '2026-10-25T02:00:00', '2026-10-25T02:00:00.000Z', 'after the overlap (GMT)'],
    [LONDON, '2026-07-01T19:30:00', '2026-07-01T18:30:00.000Z', 'a summer evening'],
    // No daylight saving at all.
    ['Asia/Singapore', '2026-10-04T02:30:00', '2026-10-03T18:30:00.000Z', 'Singapore'],
    ['Australia/Brisbane', '2026-10-04T02:30:00', '2026-10-03T16:30:00.000Z', 'Brisbane, beside Sydney'],
    ['Etc/UTC', '2026-03-29T01:30:00', '2026-03-29T01:30:00.000Z', 'UTC'],
    // A half-hour change (Lord Howe Island: +10:30, +11 in summer).
    ['Australia/Lord_Howe', '2026-10-04T02:15:00', '2026-10-03T15:30:00.000Z', 'a half-hour gap'],
  ])('%s %s → %s (%s)', (zone, text, iso) => {
    expect(veeziTimeToIso(text, zone)).toBe(iso);
  });

  it.each([
    ['without seconds', '2026-10-04T19:30', '2026-10-04T08:30:00.000Z'],
    ['with a space for the T', '2026-10-04 19:30:00', '2026-10-04T08:30:00.000Z'],
    ['with .NET ticks', '2026-10-04T19:30:00.1234567', '2026-10-04T08:30:00.123Z'],
    ['with milliseconds', '2026-10-04T19:30:00.5', '2026-10-04T08:30:00.500Z'],
    ['with spaces around', ' 2026-10-04T19:30:00 ', '2026-10-04T08:30:00.000Z'],
    // A sender that does say which instant it means is taken at its word.
    ['in UTC', '2026-10-04T02:30:00Z', '2026-10-04T02:30:00.000Z'],
    ['with an offset', '2026-10-04T02:30:00+10:00', '2026-10-03T16:30:00.000Z'],
    ['with an offset without colon', '2026-10-04T02:30:00-0330', '2026-10-04T06:00:00.000Z'],
    ['on a leap day', '2028-02-29T10:00:00', '2028-02-28T23:00:00.000Z'],
  ])('reads a time %s', (_what, text, iso) => {
    expect(veeziTimeToIso(text, SYDNEY)).toBe(iso);
  });

  it.each([
    '',
    '   ',
    '2026-10-04',
    '19:30:00',
    '2026-02-29T10:00:00',
    '2026-02-30T10:00:00',
    '2026-13-01T10:00:00',
    '2026-00-10T10:00:00',
    '2026-10-04T24:00:00',
    '2026-10-04T10:60:00',
    '2026-10-04T10:00:60',
    '2026-10-04T10:00:00.12345678',
    '2026-10-04T10:00:00+15:00',
    '2026-10-04T10:00:00+10:75',
    '04/10/2026 10:00',
    '2026-1-4T10:00:00',
    '0999-10-04T10:00:00',
    '2026-10-04T10:00:00 AEST',
    '2026-10-04\nT10:00:00',
    '\u0660\u0662026-10-04T10:00:00',
  ])('refuses %j', (text) => {
    expect(veeziTimeToUtc(text, SYDNEY)).toBeUndefined();
    expect(parseWallTime(text)).toBeUndefined();
  });

  it('throws for a zone the runtime does not know, which is the caller’s to resolve first', () => {
    expect(() => veeziTimeToUtc('2026-10-04T10:00:00', 'AUS Eastern Standard Time')).toThrow(RangeError);
  });
});

describe('wallTimeToUtc, for any reading in any zone', () => {
  const zones = [
    SYDNEY,
    LONDON,
    'America/New_York',
    'Australia/Lord_Howe',
    'Asia/Singapore',
    'Pacific/Chatham',
  ];
  const readings = fc.record({
    zone: fc.constantFrom(...zones),
    // 2020–2031, seconds resolution.
    naive: fc.integer({ min: Date.UTC(2020, 0, 1) / 1000, max: Date.UTC(2031, 0, 1) / 1000 }),
  });

  it('is the first instant whose wall clock reaches the reading', () => {
    fc.assert(
      fc.property(readings, ({ zone, naive }) => {
        const wall = utcToWallTime(naive * 1000, 'Etc/UTC');
        const t = wallTimeToUtc(wall, zone);
        expect(compareWallTimes(utcToWallTime(t, zone), wall)).toBeGreaterThanOrEqual(0);
        expect(compareWallTimes(utcToWallTime(t - 1000, zone), wall)).toBeLessThan(0);
      }),
      { numRuns: 2_000 },
    );
  });

  it('gives back the instant a reading was taken at, or the earlier twin in an overlap', () => {
    fc.assert(
      fc.property(readings, ({ zone, naive }) => {
        const t = naive * 1000;
        const back = wallTimeToUtc(utcToWallTime(t, zone), zone);
        expect(utcToWallTime(back, zone)).toEqual(utcToWallTime(t, zone));
        expect(back).toBeLessThanOrEqual(t);
        expect(t - back).toBeLessThanOrEqual(3_600_000);
      }),
      { numRuns: 2_000 },
    );
  });

  it('finds each DST change of a year in both zones', () => {
    // Every skipped reading of 2026 maps to one of the year's two forward jumps.
    for (const [zone, jump] of [
      [SYDNEY, Date.parse('2026-10-03T16:00:00Z')],
      [LONDON, Date.parse('2026-03-29T01:00:00Z')],
    ] as const) {
      const skipped = utcToWallTime(jump, zone);
      for (let m = 1; m <= 60; m += 7) {
        expect(wallTimeToUtc(addWallMinutes(skipped, -m), zone)).toBe(jump);
      }
    }
  });
});

describe('wall times', () => {
  it('adds minutes on the wall clock, across midnight, month and year ends', () => {
    const w = parseWallTime('2026-12-31T23:30:00')!;
    expect(formatWallTime(addWallMinutes(w, 45))).toBe('2027-01-01T00:15:00');
    expect(formatWallTime(addWallMinutes(w, -24 * 60))).toBe('2026-12-30T23:30:00');
    // Through a DST change the wall clock does not care: that is how a ticketing system adds a runtime.
    expect(formatWallTime(addWallMinutes(parseWallTime('2026-10-04T01:30:00')!, 120))).toBe(
      '2026-10-04T03:30:00',
    );
  });

  it('formats as Veezi does and round-trips', () => {
    for (const text of ['2026-10-04T02:30:00', '0999-01-01T00:00:00', '2026-08-02T16:30:00.250']) {
      const w = parseWallTime(text);
      if (text.startsWith('0999')) expect(w).toBeUndefined();
      else expect(formatWallTime(w!)).toBe(text);
    }
  });

  it('reads the wall clock of an instant', () => {
    expect(formatWallTime(utcToWallTime(Date.parse('2026-10-03T16:00:00Z'), SYDNEY))).toBe(
      '2026-10-04T03:00:00',
    );
    expect(formatWallTime(utcToWallTime(Date.parse('2026-10-03T15:59:59Z'), SYDNEY))).toBe(
      '2026-10-04T01:59:59',
    );
  });
});
