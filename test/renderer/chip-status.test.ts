import { describe, expect, it } from 'vitest';
import type { SeatLevel } from '../../renderer/lib/availability.ts';
import { chipStatus, statusTexts } from '../../renderer/lib/chip-status.ts';
import { CATALOGS } from '../../renderer/lib/i18n/index.ts';
import { screenLang } from '../../renderer/lib/screen-lang.ts';
import type { ShowPhase } from '../../renderer/lib/time-states.ts';

const langOf = (locale: string) => screenLang({ locales: [locale], timezone: 'Asia/Singapore' }, locale);

describe('chipStatus', () => {
  const en = langOf('en');
  const say = (level: SeatLevel, phase: ShowPhase, seatsAvailable = 50) =>
    chipStatus({ level, phase, seatsAvailable }, en);

  it('says what matters most: cancelled, sold out, the clock, then few seats; plenty is quiet', () => {
    expect(say('cancelled', 'seating')).toEqual({ text: 'Cancelled', seats: false });
    expect(say('soldout', 'seating', 0)).toEqual({ text: 'Sold out', seats: true });
    expect(say('few', 'seating', 3)).toEqual({ text: 'Seating now', seats: false });
    expect(say('plenty', 'started')).toEqual({ text: 'Started', seats: false });
    expect(say('few', 'upcoming', 1234)).toEqual({ text: '1,234 left', seats: true });
    expect(say('plenty', 'upcoming')).toEqual({ text: 'Available', seats: true, quiet: true });
  });
});

describe('statusTexts (what the status line is sized for)', () => {
  it('has every fixed text, and "N left" at the threshold and in every digit, in each catalog', () => {
    for (const locale of Object.keys(CATALOGS)) {
      const lang = langOf(locale);
      const t = lang.t;
      const texts = statusTexts(lang, 120);
      expect(texts).toEqual(expect.arrayContaining([t.soldOut, t.cancelled, t.seatingNow, t.started]));
      expect(texts).toContain(t.fewLeft('120'));
      for (const d of '0123456789') expect(texts, locale).toContain(t.fewLeft(d.repeat(3)));
    }
  });

  it('includes every status a chip can show, for any seat count up to the threshold', () => {
    const lang = langOf('fr');
    const texts = statusTexts(lang, 9);
    for (let seats = 0; seats <= 9; seats++) {
      const level: SeatLevel = seats === 0 ? 'soldout' : 'few';
      for (const phase of ['upcoming', 'seating', 'started'] as const)
        expect(texts).toContain(chipStatus({ level, phase, seatsAvailable: seats }, lang).text);
    }
  });

  it('groups the digits as the locale does and uses its own digits', () => {
    expect(statusTexts(langOf('en'), 1500)).toContain('8,888 left');
    // Arabic-Indic digits (the catalog falls back to English, numbers stay in the locale).
    expect(statusTexts(langOf('ar-EG'), 20)).toContain('٩٩ left');
  });

  it('has no "N left" when the venue never says it (threshold 0)', () => {
    const lang = langOf('en');
    // "Available" is never printed (a quiet dot), so it does not size the line.
    expect(statusTexts(lang, 0)).toEqual(['Sold out', 'Cancelled', 'Seating now', 'Started']);
  });
});
