import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VenueFormat, safeLocale, venueHourCycle } from '../../renderer/lib/format.ts';
import { CATALOGS, catalogTag, messagesFor } from '../../renderer/lib/i18n/index.ts';
import { localized } from '../../renderer/lib/localize.ts';
import { at } from './support/fixtures.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const joined = (f: VenueFormat, ms: number) =>
  f
    .timePieces(ms)
    .map((p) => (p.minor ? `[${p.text}]` : p.text))
    .join('');

describe('VenueFormat', () => {
  it("shows the venue's wall clock whatever the machine's zone", () => {
    vi.setSystemTime(Date.UTC(2026, 10, 21, 11, 30));
    const now = Date.now();
    expect(new VenueFormat('en', 'Asia/Singapore', 'h23').time(now)).toBe('19:30');
    expect(new VenueFormat('en', 'Europe/London', 'h23').time(now)).toBe('11:30');
    expect(new VenueFormat('en', 'America/New_York', 'h23').time(now)).toBe('06:30');
    expect(new VenueFormat('fr', 'Europe/Paris', 'h23').time(now)).toBe('12:30');
  });

  it('keeps 19:30 on the wall clock on both sides of a daylight-saving change', () => {
    const tz = 'Europe/London';
    const f = new VenueFormat('en-GB', tz, 'h23');
    const before = at('2026-03-28 19:30', tz);
    const after = at('2026-03-29 19:30', tz);
    expect(after - before).toBe(23 * 3_600_000);
    vi.setSystemTime(before);
    expect(f.time(Date.now())).toBe('19:30');
    vi.setSystemTime(after);
    expect(f.time(Date.now())).toBe('19:30');
    expect(f.dateLong(Date.now())).toBe('Sunday 29 March');
  });

  it('sets the day period apart so it can be drawn smaller, in the order the language uses', () => {
    vi.setSystemTime(at('2026-11-21 19:05', 'Asia/Singapore'));
    const now = Date.now();
    expect(joined(new VenueFormat('en', 'Asia/Singapore', 'h12'), now)).toBe('7:05 [PM]');
    expect(joined(new VenueFormat('zh-CN', 'Asia/Singapore', 'h12'), now)).toBe('[下午]7:05');
    expect(joined(new VenueFormat('ms', 'Asia/Singapore', 'h12'), now)).toBe('7:05 [PTG]');
    expect(joined(new VenueFormat('zh-CN', 'Asia/Singapore', 'h23'), now)).toBe('19:05');
  });

  it("takes the hour cycle from the venue's first language", () => {
    expect(venueHourCycle('en')).toBe('h12');
    expect(venueHourCycle('en-GB')).toBe('h23');
    expect(venueHourCycle('fr')).toBe('h23');
    expect(venueHourCycle('zh-CN')).toBe('h23');
  });

  it('formats running times and ages per language', () => {
    const tz = 'UTC';
    expect(new VenueFormat('en', tz, 'h23').runtime(128)).toBe('2h 8m');
    expect(new VenueFormat('en', tz, 'h23').runtime(45)).toBe('45m');
    expect(new VenueFormat('en', tz, 'h23').runtime(120)).toBe('2h');
    expect(new VenueFormat('zh-CN', tz, 'h23').runtime(128)).toBe('2小时8分钟');
    expect(new VenueFormat('fr', tz, 'h23').runtime(95)).toBe('1h 35min');
    vi.setSystemTime(Date.UTC(2026, 10, 21, 12, 0));
    const en = new VenueFormat('en', tz, 'h23');
    expect(en.ago(Date.now() - 20_000, Date.now())).toBe('now');
    expect(en.ago(Date.now() - 5 * 60_000, Date.now())).toBe('5 minutes ago');
    expect(en.ago(Date.now() - 3 * 3_600_000, Date.now())).toBe('3 hours ago');
    expect(new VenueFormat('fr', tz, 'h23').ago(Date.now() - 5 * 60_000, Date.now())).toBe(
      'il y a 5 minutes',
    );
  });

  it('dates follow the venue day, not UTC', () => {
    // 23:30 in Auckland on the 21st is still the 21st there, the 21st 10:30 UTC.
    const ms = at('2026-11-21 23:30', 'Pacific/Auckland');
    expect(new VenueFormat('en-NZ', 'Pacific/Auckland', 'h12').dateLong(ms)).toBe('Saturday, 21 November');
    expect(new VenueFormat('ms', 'Pacific/Auckland', 'h12').dateShort(ms)).toBe('Sab, 21 Nov');
  });

  it('falls back to English for a tag the runtime cannot use', () => {
    expect(safeLocale('not a tag!')).toBe('en');
  });
});

describe('catalogs', () => {
  it('speak English, Simplified Chinese, Malay and French, with every message in each', () => {
    const keys = Object.keys(CATALOGS['en']!).sort();
    for (const tag of ['en', 'zh-CN', 'ms', 'fr']) {
      expect(Object.keys(CATALOGS[tag]!).sort()).toEqual(keys);
    }
    expect(messagesFor('zh-CN').soldOut).toBe('售罄');
    expect(messagesFor('ms').fewLeft('7')).toBe('Tinggal 7');
    expect(messagesFor('fr').fewLeft('7')).toBe('Plus que 7');
  });

  it('match regional tags to their language and never show Simplified to Traditional readers', () => {
    expect(catalogTag('fr-CA')).toBe('fr');
    expect(catalogTag('ms-MY')).toBe('ms');
    expect(catalogTag('zh-SG')).toBe('zh-CN');
    expect(catalogTag('zh-Hans')).toBe('zh-CN');
    expect(catalogTag('zh-TW')).toBe('en');
    expect(catalogTag('de')).toBe('en');
  });
});

describe('localized', () => {
  const titles = { 'zh-CN': '潮汐之城', fr: 'Marée' };
  it('picks the exact tag, then the same language, then the base text', () => {
    expect(localized('Tidewater', titles, 'zh-CN', 'en')).toEqual({ text: '潮汐之城', lang: 'zh-CN' });
    expect(localized('Tidewater', titles, 'fr-CA', 'en')).toEqual({ text: 'Marée', lang: 'fr' });
    expect(localized('Tidewater', titles, 'zh-cn', 'en')).toEqual({ text: '潮汐之城', lang: 'zh-CN' });
    expect(localized('Tidewater', titles, 'ms', 'en')).toEqual({ text: 'Tidewater', lang: 'en' });
    expect(localized('Tidewater', undefined, 'ms', 'en')).toEqual({ text: 'Tidewater', lang: 'en' });
  });
});
