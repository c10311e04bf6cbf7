import { describe, expect, it } from 'vitest';
import { businessDay, resolveHourCycle } from '../../../main/domain/venue-clock.ts';
import { fromLocal } from '../../../main/domain/time.ts';

const venue = (locales: string[], hourCycle: 'auto' | 'h12' | 'h23' = 'auto') => ({
  locales,
  settings: { hourCycle },
});

describe('the venue clock', () => {
  it.each([
    [['fr'], 'h23'],
    [['fr-CA'], 'h23'],
    [['zh-CN'], 'h23'],
    [['zh'], 'h23'],
    [['ms'], 'h23'],
    [['en-GB'], 'h23'],
    [['en-SG'], 'h23'],
    [['en-US'], 'h12'],
    [['en'], 'h12'],
    [['en-us'], 'h12'],
    [['en', 'zh-CN'], 'h12'],
    [['zh-CN', 'en'], 'h23'],
    [['de'], 'h23'],
    [['en-Latn-GB'], 'h23'],
  ] as const)('resolves auto for %j to %s, from the first locale only', (locales, cycle) => {
    expect(resolveHourCycle(venue([...locales]))).toBe(cycle);
  });

  it('keeps a chosen clock whatever the locales', () => {
    expect(resolveHourCycle(venue(['en-US'], 'h23'))).toBe('h23');
    expect(resolveHourCycle(venue(['fr'], 'h12'))).toBe('h12');
  });

  const sg = (startsAt = '04:00') => ({
    timezone: 'Asia/Singapore',
    settings: { businessDayStartsAt: startsAt },
  });
  const at = (y: number, mo: number, d: number, h: number, mi: number, tz = 'Asia/Singapore') =>
    fromLocal({ year: y, month: mo, day: d, hour: h, minute: mi }, tz);

  it('puts a show after midnight but before the business day starts on the evening before', () => {
    expect(businessDay(at(2026, 11, 22, 0, 30), sg())).toBe('2026-11-21');
    expect(businessDay(at(2026, 11, 22, 3, 59), sg())).toBe('2026-11-21');
    expect(businessDay(at(2026, 11, 22, 4, 0), sg())).toBe('2026-11-22');
    expect(businessDay(at(2026, 11, 21, 23, 59), sg())).toBe('2026-11-21');
    expect(businessDay(at(2026, 3, 1, 1, 0), sg())).toBe('2026-02-28');
    expect(businessDay(at(2028, 3, 1, 1, 0), sg())).toBe('2028-02-29');
    expect(businessDay(at(2027, 1, 1, 2, 0), sg())).toBe('2026-12-31');
  });

  it('follows the setting, midnight included', () => {
    expect(businessDay(at(2026, 11, 22, 0, 30), sg('00:00'))).toBe('2026-11-22');
    expect(businessDay(at(2026, 11, 22, 5, 30), sg('06:00'))).toBe('2026-11-21');
  });

  it('reads the venue clock across a daylight-saving change', () => {
    const london = { timezone: 'Europe/London', settings: { businessDayStartsAt: '04:00' } };
    // 29 March 2026: clocks go from 01:00 to 02:00.
    expect(businessDay(at(2026, 3, 29, 0, 30, 'Europe/London'), london)).toBe('2026-03-28');
    expect(businessDay(at(2026, 3, 29, 3, 30, 'Europe/London'), london)).toBe('2026-03-28');
    expect(businessDay(at(2026, 3, 29, 4, 30, 'Europe/London'), london)).toBe('2026-03-29');
  });
});
