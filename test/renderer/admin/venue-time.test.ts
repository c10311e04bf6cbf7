import { describe, expect, it } from 'vitest';
import { entryFormat } from '../../../renderer/admin/date-time-entry.ts';
import { clockOf, longDate, shortDateTime } from '../../../renderer/admin/venue-time.ts';

const venue = (locale: string, hourCycle: 'auto' | 'h12' | 'h23' = 'auto') =>
  entryFormat({ locales: [locale], settings: { hourCycle } });

describe('times and dates the admin shows, in the venue’s clock and order', () => {
  // 18:30 UTC on 5 December 2030: 19:30 in Paris, 13:30 in New York, 02:30 on the 6th in Singapore.
  const iso = '2030-12-05T18:30:00.000Z';

  it.each([
    ['fr', 'Europe/Paris', '19:30', '5 Dec, 19:30', 'Thu, 5 Dec 2030'],
    ['en-GB', 'Europe/London', '18:30', '5 Dec, 18:30', 'Thu, 5 Dec 2030'],
    ['en-US', 'America/New_York', '1:30 PM', 'Dec 5, 1:30 PM', 'Thu, Dec 5, 2030'],
    ['zh', 'Asia/Shanghai', '02:30', 'Dec 6, 02:30', 'Fri, Dec 6, 2030'],
  ])('%s in %s: %s, "%s", "%s"', (locale, tz, clock, short, long) => {
    const f = venue(locale);
    expect(clockOf(iso, tz, f)).toBe(clock);
    expect(shortDateTime(iso, tz, f)).toBe(short);
    expect(longDate(clock === '02:30' ? '2030-12-06' : '2030-12-05', f)).toBe(long);
  });

  it('follows the venue’s hour-cycle setting over its locale', () => {
    expect(clockOf(iso, 'Europe/Paris', venue('fr', 'h12'))).toBe('7:30 PM');
    expect(shortDateTime(iso, 'America/New_York', venue('en-US', 'h23'))).toBe('Dec 5, 13:30');
  });

  it('without a format keeps day first and 24 hours (screens not yet given the venue’s)', () => {
    expect(shortDateTime(iso, 'America/New_York')).toBe('5 Dec, 13:30');
    expect(longDate('2030-12-05')).toBe('Thu, 5 Dec 2030');
  });
});
